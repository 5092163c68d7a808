package dev.ticketing;

import org.jspecify.annotations.Nullable;

/**
 * A tenant company as the host's directory describes it; name and email null, and {@link #known()}
 * false, when the directory does not know it or could not be asked.
 *
 * @since 0.1.0
 */
public record CompanyView(String id, @Nullable String name, @Nullable String email, boolean known) {

  /** A company the directory described. */
  public CompanyView(String id, @Nullable String name, @Nullable String email) {
    this(id, name, email, true);
  }

  /** A company the directory does not know, or could not be asked about: the id only. */
  public static CompanyView unknown(String id) {
    return new CompanyView(id, null, null, false);
  }
}
