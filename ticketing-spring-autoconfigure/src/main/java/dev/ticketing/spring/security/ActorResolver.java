package dev.ticketing.spring.security;

import dev.ticketing.policy.Actor;

/**
 * Who is calling: hosts pass {@code actorResolver.currentActor()} to every {@link
 * dev.ticketing.TicketService} call. With Spring Security on the class path the auto-configuration
 * provides one that reads the current {@code Authentication}; without it, the host declares its
 * own bean.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ActorResolver {

  /**
   * The actor of the current request.
   *
   * @throws RuntimeException when nobody is authenticated or the user maps to no SDK role (the
   *     Spring Security resolver throws its authentication and access-denied exceptions)
   */
  Actor currentActor();
}
