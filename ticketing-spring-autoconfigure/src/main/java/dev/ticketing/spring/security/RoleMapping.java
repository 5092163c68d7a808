package dev.ticketing.spring.security;

import dev.ticketing.policy.Role;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the host's role names to SDK roles: exactly the configured {@code ticketing.roles.mapping}.
 * A host role that happens to be named like an SDK role ({@code ADMIN}, {@code AGENT}, {@code
 * SUPER_ADMIN}, {@code CUSTOMER}) maps to nothing unless it is listed, or unless {@code
 * ticketing.roles.same-name-mapping} is switched on: a host's {@code ADMIN} may be the
 * administrator of a customer's account, not of the support desk. Names match without the
 * authority prefix, in any case, and with {@code -} or {@code .} standing for {@code _}. A user
 * with several mapped roles gets the most powerful one.
 *
 * @since 0.1.0
 */
public final class RoleMapping {
  private final Map<String, Role> byName = new HashMap<>();
  private final String prefix;
  private final boolean sameNames;

  /** Only the listed names map; a name like an SDK role's maps only when listed. */
  public RoleMapping(Map<String, Role> mapping, String authorityPrefix) {
    this(mapping, authorityPrefix, false);
  }

  /**
   * @param mapping host role name to SDK role
   * @param authorityPrefix prefix stripped from authorities before matching
   * @param sameNameMapping whether host roles named like an SDK role map to it without being listed
   */
  public RoleMapping(Map<String, Role> mapping, String authorityPrefix, boolean sameNameMapping) {
    this.prefix = authorityPrefix;
    this.sameNames = sameNameMapping;
    if (sameNameMapping) {
      for (Role r : Role.values()) {
        byName.put(r.name(), r);
      }
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

  /** Whether nothing maps at all: every user would be refused. */
  public boolean isEmpty() {
    return byName.isEmpty();
  }

  /**
   * The names among {@code names} that are spelled like an SDK role but map to nothing because
   * same-name mapping is off: the likely cause of a refusal, worth naming in the log.
   */
  Collection<String> unmappedSdkNames(Collection<String> names) {
    if (sameNames) {
      return java.util.List.of();
    }
    return names.stream()
        .filter(n -> !byName.containsKey(normalise(n)))
        .filter(
            n -> {
              String normalised = normalise(n);
              for (Role r : Role.values()) {
                if (r.name().equals(normalised)) {
                  return true;
                }
              }
              return false;
            })
        .toList();
  }

  /** The name as the mapping keys it: no prefix, upper case, {@code _} for {@code -} and {@code .}. */
  String normalise(String name) {
    String n =
        !prefix.isEmpty() && name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    // '-' and '.' read as '_': property keys are often kebab case, and Boot binds the map key of
    // TICKETING_ROLES_MAPPING_CALENDAR_MEMBER (an environment variable) as "calendar.member".
    return n.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }
}
