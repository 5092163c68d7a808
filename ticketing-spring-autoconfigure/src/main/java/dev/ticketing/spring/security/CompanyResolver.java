package dev.ticketing.spring.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

/**
 * The tenant of an authenticated customer. Declare a bean when the company is not a claim of the
 * token (for example when it lives in the host's user table).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CompanyResolver {
  @Nullable String companyOf(Authentication authentication);
}
