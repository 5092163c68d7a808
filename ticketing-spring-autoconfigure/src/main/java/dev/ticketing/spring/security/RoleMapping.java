package dev.ticketing.spring.security;

import dev.ticketing.policy.Role;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the host's role names to SDK roles: the configured {@code ticketing.roles.mapping} plus
 * every SDK role name to itself. Names match without the authority prefix, in any case, and with
 * {@code -} or {@code .} standing for {@code _}. A user with several mapped roles gets the most
 * powerful one.
 *
 * @since 0.1.0
 */
public final class RoleMapping {
  private final Map<String, Role> byName = new HashMap<>();
  private final String prefix;

  public RoleMapping(Map<String, Role> mapping, String authorityPrefix) {
    this.prefix = authorityPrefix;
    for (Role r : Role.values()) {
      byName.put(r.name(), r);
    }
    mapping.forEach((name, role) -> byName.put(normalise(name), role));
  }

  /** The SDK role of a set of host role names or authorities, if any maps. */
  public Optional<Role> roleOf(Collection<String> names) {
    Role best = null;
    for (String name : names) {
      Role r = byName.get(normalise(name));
      if (r != null && (best == null || r.ordinal() > best.ordinal())) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  private String normalise(String name) {
    String n =
        !prefix.isEmpty() && name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    // '-' and '.' read as '_': property keys are often kebab case, and Boot binds the map key of
    // TICKETING_ROLES_MAPPING_CALENDAR_MEMBER (an environment variable) as "calendar.member".
    return n.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }
}
