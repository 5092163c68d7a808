package dev.ticketing;

import org.jspecify.annotations.Nullable;

/** A tenant company as the host's directory describes it; name and email null when unknown. */
public record CompanyView(String id, @Nullable String name, @Nullable String email) {

  public static CompanyView unknown(String id) {
    return new CompanyView(id, null, null);
  }
}
