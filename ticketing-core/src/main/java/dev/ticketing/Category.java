package dev.ticketing;

import dev.ticketing.validation.IdValidator;
import java.util.Set;

/**
 * What a ticket is about: the id of a subject in the host's {@link dev.ticketing.spi.SubjectCatalog}.
 * The six built-in categories are constants and make up the default catalog; hosts with subjects of
 * their own either list them in {@link TicketingOptions.Builder#categories(java.util.Collection)} or
 * plug in a catalog, whose ids may be UUIDs or any other well-formed id.
 *
 * @param name the subject's id: 1 to 128 letters, digits or {@code . _ : @ -}, starting with a letter
 *     or digit, for example {@code TECHNICAL} or {@code 5f0c6d2e-8a51-4b7e-9a43-0d6f1e2b7c11}; ids are
 *     case-sensitive
 * @since 0.1.0
 */
public record Category(String name) {

  public static final Category TECHNICAL = new Category("TECHNICAL");
  public static final Category BILLING = new Category("BILLING");
  public static final Category ACCOUNT = new Category("ACCOUNT");
  public static final Category FEATURE_REQUEST = new Category("FEATURE_REQUEST");
  public static final Category BUG_REPORT = new Category("BUG_REPORT");
  public static final Category GENERAL = new Category("GENERAL");

  /** The built-in categories: the default subjects. */
  public static final Set<Category> BUILT_IN =
      Set.of(TECHNICAL, BILLING, ACCOUNT, FEATURE_REQUEST, BUG_REPORT, GENERAL);

  /**
   * @throws ValidationException (field {@code category}) when the name is null or not well formed
   */
  public Category {
    if (name == null) {
      throw ValidationException.of("category", "is required");
    }
    // The id reaches SQL comparisons and URLs: the same well-formedness rule as every other id.
    if (!isValid(name)) {
      // A category usually comes from a client's request: a coded refusal naming the field, like
      // every other bad input, rather than an exception outside the library's hierarchy.
      throw ValidationException.of(
          "category",
          "must be 1 to 128 letters, digits or . _ : @ - starting with a letter or digit");
    }
  }

  /** Parses a category name; same as the constructor, reads better at call sites. */
  public static Category of(String name) {
    return new Category(name);
  }

  /** Whether the text is a well-formed category (subject id), for hosts that check input before parsing it. */
  public static boolean isValid(String name) {
    return IdValidator.isWellFormed(name);
  }

  /** The subject id; the same as {@link #name()}. */
  public String id() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }
}
