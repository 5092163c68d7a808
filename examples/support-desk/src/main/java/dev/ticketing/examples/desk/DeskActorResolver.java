package dev.ticketing.examples.desk;

import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import dev.ticketing.spring.ActorResolver;
import dev.ticketing.spring.RoleMapping;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is calling, in ticketing terms. Replaces the auto-configured resolver (which takes the
 * authentication's name as the user id) because here people log in with their email while
 * ticketing knows them by their user id: {@code john@acme.com} is the actor {@code john}, a
 * customer of {@code acme}.
 *
 * <p>The role still comes from the authorities through the library's {@link RoleMapping}, that is
 * from {@code ticketing.roles.mapping} in {@code application.yml}; nobody unknown or unmapped gets
 * an actor (deny by default).
 */
@Component
class DeskActorResolver implements ActorResolver {
  private final RoleMapping roles;

  DeskActorResolver(RoleMapping roles) {
    this.roles = roles;
  }

  @Override
  public Actor currentActor() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
      throw new AuthenticationCredentialsNotFoundException("ticketing needs an authenticated user");
    }
    DemoPeople.Person person = DemoPeople.byLogin(auth.getName())
        .orElseThrow(() -> new AccessDeniedException("not a user of the support desk"));
    List<String> authorities = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    Role role = roles.roleOf(authorities)
        .orElseThrow(() -> new AccessDeniedException("no ticketing role for the user's authorities"));
    return role == Role.CUSTOMER
        ? Actor.customer(person.id(), requireCompany(person))
        : new Actor(person.id(), role, null);
  }

  private static String requireCompany(DemoPeople.Person person) {
    if (person.companyId() == null) {
      throw new AccessDeniedException("a customer without a company cannot use ticketing");
    }
    return person.companyId();
  }
}
