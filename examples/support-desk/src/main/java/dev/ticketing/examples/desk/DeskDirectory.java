package dev.ticketing.examples.desk;

import dev.ticketing.policy.Role;
import dev.ticketing.spi.CompanyInfo;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.UserInfo;
import dev.ticketing.spring.security.RoleMapping;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The host's {@link Directory}: ticketing stores user and company ids only and asks here, in
 * batches (one call for all users of a page, one for all companies), for names, emails and role
 * names, and for the admins to notify of new tickets.
 *
 * <p>A real host answers these from its user and company tables, for example with one {@code
 * select ... where id in (:ids)} per call. The SDK role of each user comes from the same {@code
 * ticketing.roles.mapping} the login uses, so the two can never disagree.
 */
@Component
class DeskDirectory implements Directory {
  private final RoleMapping roles;

  DeskDirectory(RoleMapping roles) {
    this.roles = roles;
  }

  @Override
  public Map<String, UserInfo> users(Collection<String> ids) {
    Map<String, UserInfo> found = new LinkedHashMap<>();
    for (String id : ids) {
      DemoPeople.byId(id)
          .ifPresent(
              p ->
                  found.put(
                      id,
                      new UserInfo(
                          p.id(),
                          p.firstName(),
                          p.lastName(),
                          p.login(),
                          sdkRole(p),
                          p.hostRole(),
                          p.companyId())));
    }
    return found;
  }

  /** The demo person whose login is this address: the e-mail channel's sender look-up. */
  @Override
  public @Nullable UserInfo userByEmail(String email) {
    return DemoPeople.PEOPLE.stream()
        .filter(p -> p.login().equalsIgnoreCase(email.strip()))
        .findFirst()
        .map(p -> users(List.of(p.id())).get(p.id()))
        .orElse(null);
  }

  @Override
  public Map<String, CompanyInfo> companies(Collection<String> ids) {
    Map<String, CompanyInfo> found = new LinkedHashMap<>();
    for (String id : ids) {
      DemoPeople.company(id)
          .ifPresent(c -> found.put(id, new CompanyInfo(c.id(), c.name(), c.email())));
    }
    return found;
  }

  @Override
  public List<String> adminIds() {
    return DemoPeople.PEOPLE.stream()
        .filter(p -> sdkRole(p) == Role.ADMIN || sdkRole(p) == Role.SUPER_ADMIN)
        .map(DemoPeople.Person::id)
        .toList();
  }

  private Role sdkRole(DemoPeople.Person p) {
    return roles
        .roleOf(List.of(p.hostRole()))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "ticketing.roles.mapping has no entry for " + p.hostRole()));
  }
}
