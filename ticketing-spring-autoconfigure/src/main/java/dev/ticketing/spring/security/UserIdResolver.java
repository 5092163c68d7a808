package dev.ticketing.spring.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

/**
 * The host's user id of an authentication. The default is the token claim named by {@code
 * ticketing.security.user-id-claim}, or the authentication's name. Declare a bean when users log in
 * with something other than their id (an email address, say) and the id lives in the host's user
 * table.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface UserIdResolver {
  @Nullable String userIdOf(Authentication authentication);
}
