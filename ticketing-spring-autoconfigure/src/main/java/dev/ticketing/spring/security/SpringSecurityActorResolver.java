package dev.ticketing.spring.security;

import dev.ticketing.ValidationException;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The actor of the current Spring Security authentication: the role comes from the authorities
 * through {@link RoleMapping}; the user id and a customer's company from the host's {@link
 * HostUserLookup} when it declares one, or else from the {@link UserIdResolver} (a token claim or
 * the authentication's name) and the {@link CompanyResolver}.
 *
 * <p>Deny by default. Nobody authenticated is an {@link AuthenticationCredentialsNotFoundException}
 * (401); everything else that gives no trustworthy actor is an {@link AccessDeniedException} (403):
 * authorities that map to no SDK role, a login the lookup does not know, no user id, a customer
 * without a company, an id that is not well formed, and a login name that is an e-mail address
 * about to become the stored user id although the host said nothing about it. Spring Security's
 * exceptions, not the library's, so that the host's own security chain answers them as it answers
 * every other refusal. Each refusal is logged once, at INFO, with its reason and what to change.
 *
 * @since 0.1.0
 */
public final class SpringSecurityActorResolver implements ActorResolver {
  private static final Logger log = LoggerFactory.getLogger(SpringSecurityActorResolver.class);
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final RoleMapping roles;
  private final CompanyResolver companies;
  private final UserIdResolver userIds;
  private final @Nullable HostUserLookup lookup;
  private final boolean emailUserIds;

  SpringSecurityActorResolver(
      RoleMapping roles, CompanyResolver companies, UserIdResolver userIds) {
    this(roles, companies, userIds, null, false);
  }

  SpringSecurityActorResolver(
      RoleMapping roles,
      CompanyResolver companies,
      UserIdResolver userIds,
      @Nullable HostUserLookup lookup,
      boolean emailUserIds) {
    this.roles = roles;
    this.companies = companies;
    this.userIds = userIds;
    this.lookup = lookup;
    this.emailUserIds = emailUserIds;
  }

  /** Reads a claim of a token authentication; null when there is none. */
  @FunctionalInterface
  interface ClaimReader {
    @Nullable String claim(Authentication authentication, String name);
  }

  /** The default user id: the authentication's name. */
  static final class AuthenticationName implements UserIdResolver {
    @Override
    public @Nullable String userIdOf(Authentication authentication) {
      return authentication.getName();
    }
  }

  @Override
  public Actor currentActor() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
      log.info("ticketing refused a request: nobody is authenticated");
      throw new AuthenticationCredentialsNotFoundException("ticketing needs an authenticated user");
    }
    String login = auth.getName();
    List<String> authorities =
        auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    Optional<Role> mapped = roles.roleOf(authorities);
    if (mapped.isEmpty()) {
      throw refused(login, unmappedReason(authorities));
    }
    Role role = mapped.get();
    String userId;
    String company = null;
    if (lookup != null) {
      Optional<HostUserLookup.HostUser> user = lookup.byLoginName(login);
      if (user.isEmpty()) {
        throw refused(login, "the HostUserLookup bean knows no user with this login name");
      }
      userId = user.get().id();
      company = user.get().companyId();
    } else {
      userId = userIds.userIdOf(auth);
      if (userId == null || userId.isBlank()) {
        throw refused(
            login,
            "the authentication carries no user id (check ticketing.security.user-id-claim or the"
                + " UserIdResolver bean)");
      }
      if (userIds instanceof AuthenticationName && !emailUserIds && isEmail(userId)) {
        throw refused(
            login,
            "the login name is an e-mail address and would be stored as the user id; declare a"
                + " HostUserLookup bean that maps it to your user id and company, or set"
                + " ticketing.security.email-user-ids=true if your user ids are e-mail addresses");
      }
    }
    if (role == Role.CUSTOMER) {
      if (company == null || company.isBlank()) {
        company = companies.companyOf(auth);
      }
      if (company == null || company.isBlank()) {
        throw refused(
            login,
            "a customer without a company (user "
                + userId
                + "): give the token a ticketing.security.company-claim claim, return the company"
                + " from the HostUserLookup bean, or declare a CompanyResolver bean");
      }
    } else {
      company = null;
    }
    try {
      return new Actor(userId, role, company);
    } catch (ValidationException malformed) {
      // An id the library cannot trust (spaces, odd characters) gets no actor: deny by default.
      throw refused(
          login,
          "the user or company id is not a well-formed ticketing id ("
              + String.join(", ", malformed.fields())
              + ": 1 to 128 letters, digits or . _ : @ -)");
    }
  }

  private String unmappedReason(Collection<String> authorities) {
    Collection<String> sdkNames = roles.unmappedSdkNames(authorities);
    String reason =
        "none of its authorities "
            + authorities
            + " is mapped to a ticketing role; map one with"
            + " ticketing.roles.mapping.<role>=CUSTOMER|AGENT|ADMIN|SUPER_ADMIN";
    if (!sdkNames.isEmpty()) {
      reason +=
          " (host roles named like ticketing roles, "
              + sdkNames
              + ", map only when listed or with ticketing.roles.same-name-mapping=true)";
    }
    return reason;
  }

  private static boolean isEmail(String name) {
    return EMAIL.matcher(name).matches();
  }

  /** Logs the refusal once, here, and gives the exception that tells Spring Security to answer 403. */
  private static AccessDeniedException refused(String login, String reason) {
    log.info("ticketing refused login {}: {}", login, reason);
    return new AccessDeniedException("ticketing refused the user: " + reason);
  }
}
