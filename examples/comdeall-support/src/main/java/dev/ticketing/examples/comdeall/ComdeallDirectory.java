package dev.ticketing.examples.comdeall;

import dev.ticketing.policy.Role;
import dev.ticketing.spi.CompanyInfo;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.UserInfo;
import dev.ticketing.spring.security.RoleMapping;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The platform's users for the library: names, e-mail, the SDK role their Comdeall role maps to
 * (PARENT and THERAPIST are customers, ADMIN is staff), and "all admins" for new-ticket notices.
 * Comdeall has no tenants: every parent and therapist belongs to the one platform company, and
 * each sees the tickets they raised themselves.
 */
@Component
class ComdeallDirectory implements Directory {
  /** The one tenant of the platform. */
  static final String PLATFORM = "comdeall";

  private final RoleMapping roles;

  ComdeallDirectory(RoleMapping roles) {
    this.roles = roles;
  }

  /** The SDK role of a Comdeall role name, by the {@code ticketing.roles.mapping} of the application. */
  Role roleOf(String comdeallRole) {
    return roles
        .roleOf(List.of(comdeallRole))
        .orElseThrow(() -> new IllegalStateException("no ticketing role for " + comdeallRole));
  }

  @Override
  public Map<String, UserInfo> users(Collection<String> ids) {
    Map<String, UserInfo> found = new HashMap<>();
    for (String id : ids) {
      DemoUsers.byId(id)
          .ifPresent(
              u ->
                  found.put(
                      id,
                      new UserInfo(
                          u.id(),
                          u.firstName(),
                          u.lastName(),
                          u.email(),
                          roleOf(u.role()),
                          u.role())));
    }
    return found;
  }

  @Override
  public Map<String, CompanyInfo> companies(Collection<String> ids) {
    return ids.contains(PLATFORM)
        ? Map.of(PLATFORM, new CompanyInfo(PLATFORM, "Comdeall", "support@comdeall.test"))
        : Map.of();
  }

  @Override
  public List<String> adminIds() {
    return DemoUsers.ALL.stream()
        .filter(u -> u.role().equals("ADMIN"))
        .map(DemoUsers.User::id)
        .toList();
  }
}
