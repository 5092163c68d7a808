package dev.ticketing.spring.security;

import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The actor of the current Spring Security authentication: the user id is the authentication's
 * name, a token claim, or the host's {@link UserIdResolver}, the role comes from the authorities through {@link RoleMapping}, the
 * company of a customer from the {@link CompanyResolver}. Nobody authenticated is an {@link
 * AuthenticationCredentialsNotFoundException} (401); a user whose authorities map to no SDK role,
 * or a customer without a company, is an {@link AccessDeniedException} (403): deny by default.
 *
 * @since 0.1.0
 */
public final class SpringSecurityActorResolver implements ActorResolver {
  private final RoleMapping roles;
  private final CompanyResolver companies;
  private final UserIdResolver userIds;

  SpringSecurityActorResolver(
      RoleMapping roles, CompanyResolver companies, UserIdResolver userIds) {
    this.roles = roles;
    this.companies = companies;
    this.userIds = userIds;
  }

  /** Reads a claim of a token authentication; null when there is none. */
  @FunctionalInterface
  interface ClaimReader {
    @Nullable String claim(Authentication authentication, String name);
  }

  @Override
  public Actor currentActor() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
      throw new AuthenticationCredentialsNotFoundException("ticketing needs an authenticated user");
    }
    List<String> authorities =
        auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    Role role =
        roles
            .roleOf(authorities)
            .orElseThrow(
                () -> new AccessDeniedException("no ticketing role for the user's authorities"));
    String userId = userIds.userIdOf(auth);
    if (userId == null || userId.isBlank()) {
      throw new AccessDeniedException("the authentication carries no user id");
    }
    String company = role == Role.CUSTOMER ? companies.companyOf(auth) : null;
    if (role == Role.CUSTOMER && (company == null || company.isBlank())) {
      throw new AccessDeniedException("a customer without a company cannot use ticketing");
    }
    try {
      return new Actor(userId, role, company);
    } catch (IllegalArgumentException malformed) {
      // An id the library cannot trust (spaces, odd characters) gets no actor: deny by default.
      throw new AccessDeniedException("the user or company id is not a well-formed ticketing id");
    }
  }
}
