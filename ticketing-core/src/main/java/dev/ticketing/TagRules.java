package dev.ticketing;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a tag may be, decided once in the engine so that every store keeps the same text. A tag is
 * {@linkplain #normalise normalised} first — Unicode NFC, leading and trailing white space removed,
 * lower case (locale-independent) — and is then accepted when it has 1 to {@link #maxLength()}
 * characters of letters, digits and {@code - _ . :}, starts with a letter or digit, and, when the
 * installation keeps an {@link #allowed() allow-list}, is on it. White space inside a tag is refused
 * rather than replaced, so that no two spellings quietly become one tag.
 *
 * @param maxLength longest tag in characters (default {@value #DEFAULT_MAX_LENGTH}, at most 100)
 * @param maxPerTicket most tags one ticket carries (default {@value #DEFAULT_MAX_PER_TICKET}, at most
 *     100)
 * @param maxPerFilter most tags one listing filters by (default {@value #DEFAULT_MAX_PER_FILTER})
 * @param allowed the installation's vocabulary when it is closed: only these tags may be added
 *     (normalised here); empty (the default) means any well-formed tag. Tags a ticket already
 *     carries stay when they leave the list, and may be removed
 * @since 0.1.0
 */
public record TagRules(int maxLength, int maxPerTicket, int maxPerFilter, Set<String> allowed) {

  public static final int DEFAULT_MAX_LENGTH = 50;
  public static final int DEFAULT_MAX_PER_TICKET = 20;
  public static final int DEFAULT_MAX_PER_FILTER = 10;

  private static final Pattern WELL_FORMED = Pattern.compile("[\\p{L}\\p{Nd}][\\p{L}\\p{Nd}_.:-]*");

  private static final TagRules DEFAULTS =
      new TagRules(DEFAULT_MAX_LENGTH, DEFAULT_MAX_PER_TICKET, DEFAULT_MAX_PER_FILTER, Set.of());

  public TagRules {
    if (maxLength < 1 || maxLength > 100) {
      throw new IllegalArgumentException("maxLength must be 1 to 100");
    }
    if (maxPerTicket < 1 || maxPerTicket > 100) {
      // The JPA store keeps a ticket's tags in one column too: 100 tags of 100 characters fit it.
      throw new IllegalArgumentException("maxPerTicket must be 1 to 100");
    }
    if (maxPerFilter < 1 || maxPerFilter > 50) {
      throw new IllegalArgumentException("maxPerFilter must be 1 to 50");
    }
    Set<String> normalised = new TreeSet<>();
    for (String tag : Objects.requireNonNull(allowed, "allowed")) {
      String n = normalise(tag);
      String problem = problemWith(n, maxLength);
      if (problem != null) {
        throw new IllegalArgumentException("allowed tag '" + tag + "' " + problem);
      }
      normalised.add(n);
    }
    allowed = Set.copyOf(normalised);
  }

  /** The defaults: tags of up to 50 characters, 20 per ticket, 10 per filter, any vocabulary. */
  public static TagRules defaults() {
    return DEFAULTS;
  }

  /** These rules with a closed vocabulary: only the given tags may be added. */
  public TagRules allowOnly(Collection<String> tags) {
    return new TagRules(maxLength, maxPerTicket, maxPerFilter, Set.copyOf(tags));
  }

  /** These rules with other limits. */
  public TagRules withLimits(int length, int perTicket, int perFilter) {
    return new TagRules(length, perTicket, perFilter, allowed);
  }

  /** The text a tag is kept as: NFC, stripped, lower case. Not yet checked. */
  public static String normalise(String tag) {
    return Normalizer.normalize(tag, Normalizer.Form.NFC).strip().toLowerCase(Locale.ROOT);
  }

  /**
   * What is wrong with a normalised tag that is to be added, or null when it is acceptable. A tag
   * only removed or filtered by needs only to be well-formed ({@link #problemWith(String, int)}).
   */
  public @Nullable String problemAdding(String normalised) {
    String problem = problemWith(normalised, maxLength);
    if (problem != null) {
      return problem;
    }
    return allowed.isEmpty() || allowed.contains(normalised)
        ? null
        : "is not in the installation's tag vocabulary";
  }

  /** What is wrong with a normalised tag's form, or null. */
  public static @Nullable String problemWith(String normalised, int maxLength) {
    if (normalised.isEmpty() || normalised.length() > maxLength) {
      return "must be 1 to " + maxLength + " characters after trimming";
    }
    if (!WELL_FORMED.matcher(normalised).matches()) {
      return "must be letters, digits and - _ . : starting with a letter or digit";
    }
    return null;
  }
}
