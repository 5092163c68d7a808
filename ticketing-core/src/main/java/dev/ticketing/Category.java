package dev.ticketing;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a ticket is about. The six built-in categories are constants; hosts may register subjects
 * of their own (seed 001's "predefined subjects") through
 * {@link TicketingOptions.Builder#categories(java.util.Collection)}.
 *
 * @param name upper-case identifier such as {@code TECHNICAL}
 */
public record Category(String name) {
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

  public static final Category TECHNICAL = new Category("TECHNICAL");
  public static final Category BILLING = new Category("BILLING");
  public static final Category ACCOUNT = new Category("ACCOUNT");
  public static final Category FEATURE_REQUEST = new Category("FEATURE_REQUEST");
  public static final Category BUG_REPORT = new Category("BUG_REPORT");
  public static final Category GENERAL = new Category("GENERAL");

  /** The built-in categories of seed 000. */
  public static final Set<Category> BUILT_IN =
      Set.of(TECHNICAL, BILLING, ACCOUNT, FEATURE_REQUEST, BUG_REPORT, GENERAL);

  public Category {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "category name must match " + NAME.pattern() + " but was '" + name + "'");
    }
  }

  /** Parses a category name; same as the constructor, reads better at call sites. */
  public static Category of(String name) {
    return new Category(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
