package dev.ticketing.spring.policy;

import dev.ticketing.policy.Grant;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.Reach;
import dev.ticketing.policy.Role;
import dev.ticketing.spring.autoconfigure.TicketingProperties;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The permission matrix the {@code ticketing.policy.*} properties describe, checked as a whole:
 * every problem is collected and reported at start-up in one {@link InvalidPolicyException},
 * each naming its property.
 *
 * <p>The matrix is built in this order: the base ({@code STANDARD} or {@code EMPTY}); then {@code
 * customer-visibility} re-reaches the customer cells for viewing, commenting and attaching that the
 * base granted; then {@code grants}; then {@code revokes}. Contradictions are refused rather than
 * resolved by that order: a cell both granted and revoked, a customer cell for viewing, commenting
 * or attaching granted with another reach than {@code customer-visibility} says, the same cell
 * named twice.
 *
 * @since 0.1.0
 */
public final class ConfiguredPolicy {
  static final String PREFIX = "ticketing.policy";

  /** Operations that concern no single ticket: a grant either reaches every ticket or none. */
  private static final Set<Operation> LISTINGS =
      EnumSet.of(
          Operation.LIST_ALL_TICKETS,
          Operation.VIEW_STATISTICS,
          Operation.MANAGE_FIELDS,
          Operation.MANAGE_AGENTS,
          Operation.SET_OWN_AVAILABILITY,
          Operation.MANAGE_MACROS,
          Operation.MANAGE_AUTOMATIONS,
          Operation.RECONCILE_COUNTERS);

  /** Operations done on a ticket the actor must first be able to see. */
  private static final Set<Operation> ON_VISIBLE_TICKETS =
      EnumSet.of(
          Operation.UPDATE_TICKET,
          Operation.CHANGE_STATUS,
          Operation.ASSIGN_TICKET,
          Operation.COMMENT,
          Operation.ADD_INTERNAL_NOTE,
          Operation.VIEW_INTERNAL_NOTES,
          Operation.ATTACH_FILE,
          Operation.VIEW_HISTORY,
          Operation.DELETE_TICKET,
          Operation.TAG_TICKET,
          Operation.MANAGE_FOLLOWERS,
          Operation.MANAGE_CCS,
          Operation.SET_FIELDS,
          Operation.AUTO_ASSIGN,
          Operation.APPLY_MACRO,
          Operation.RATE_TICKET);

  /** The customer cells that {@code customer-visibility} decides. */
  private static final Set<Operation> CUSTOMER_VISIBILITY =
      EnumSet.of(Operation.VIEW_TICKET, Operation.COMMENT, Operation.ATTACH_FILE);

  private ConfiguredPolicy() {}

  /** The {@code ticketing.policy.*} properties could not be made into a matrix. */
  static final class InvalidPolicyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    InvalidPolicyException(List<String> problems) {
      super(
          "Invalid permission policy in " + PREFIX + ".*:\n  - " + String.join("\n  - ", problems));
      this.problems = List.copyOf(problems);
    }

    List<String> problems() {
      return problems;
    }
  }

  /**
   * A matrix builder holding what the properties describe, for customizers to adjust before it is
   * built.
   *
   * @throws IllegalStateException listing every problem of the properties, each naming its property
   */
  public static MatrixPolicy.Builder builder(TicketingProperties.Policy properties) {
    List<String> problems = new ArrayList<>();
    Reach visibility = properties.customerVisibility();
    if (visibility != Reach.OWN && visibility != Reach.COMPANY) {
      problems.add(
          PREFIX
              + ".customer-visibility is "
              + visibility
              + "; customers see OWN or COMPANY tickets");
    }

    MatrixPolicy.Builder b =
        properties.base() == TicketingProperties.PolicyBase.EMPTY
            ? MatrixPolicy.builder()
            : MatrixPolicy.standard().toBuilder();
    MatrixPolicy base = b.build();
    if (visibility == Reach.OWN || visibility == Reach.COMPANY) {
      // CCs see what they are copied on whatever "own" means to the host (MatrixPolicy does the
      // same).
      Reach granted = visibility == Reach.OWN ? Reach.OWN_OR_CC : visibility;
      for (Operation op : CUSTOMER_VISIBILITY) {
        if (base.grant(Role.CUSTOMER, op).reach() != Reach.NONE) {
          Grant g = base.grant(Role.CUSTOMER, op);
          b.grant(Role.CUSTOMER, op, new Grant(granted, g.whileIn(), g.targets()));
        }
      }
    }

    Map<Role, Map<Operation, Grant>> granted = new EnumMap<>(Role.class);
    properties
        .grants()
        .forEach(
            (roleKey, cells) -> {
              String roleProperty = PREFIX + ".grants." + roleKey;
              Optional<Role> role = role(roleKey, roleProperty, problems);
              cells.forEach(
                  (opKey, expression) -> {
                    String property = roleProperty + "." + opKey;
                    Optional<Operation> op = operation(opKey, property, problems);
                    Grant grant;
                    try {
                      grant = GrantExpression.parse(expression == null ? "" : expression);
                    } catch (GrantExpression.InvalidGrantException e) {
                      problems.add(property + " = '" + expression + "' " + e.getMessage());
                      return;
                    }
                    if (role.isEmpty() || op.isEmpty()) {
                      return;
                    }
                    if (granted
                            .computeIfAbsent(role.get(), r -> new EnumMap<>(Operation.class))
                            .put(op.get(), grant)
                        != null) {
                      problems.add(
                          property + " names " + role.get() + " " + op.get() + " a second time");
                    }
                    problems.addAll(
                        cellProblems(property, role.get(), op.get(), grant, visibility));
                  });
            });

    Map<Role, Set<Operation>> revoked = new EnumMap<>(Role.class);
    properties
        .revokes()
        .forEach(
            (roleKey, ops) -> {
              String property = PREFIX + ".revokes." + roleKey;
              Optional<Role> role = role(roleKey, property, problems);
              for (String opName : ops) {
                Optional<Operation> op = operation(opName, property, problems);
                if (role.isPresent() && op.isPresent()) {
                  revoked
                      .computeIfAbsent(role.get(), r -> EnumSet.noneOf(Operation.class))
                      .add(op.get());
                  Grant g = granted.getOrDefault(role.get(), Map.of()).get(op.get());
                  if (g != null && g.reach() != Reach.NONE) {
                    problems.add(
                        property
                            + " revokes "
                            + role.get()
                            + " "
                            + op.get()
                            + ", which "
                            + PREFIX
                            + ".grants."
                            + roleKey
                            + " grants ("
                            + GrantExpression.format(g)
                            + "); keep one of the two");
                  }
                }
              }
            });

    granted.forEach((role, cells) -> cells.forEach((op, grant) -> b.grant(role, op, grant)));
    revoked.forEach((role, ops) -> ops.forEach(op -> b.revoke(role, op)));

    MatrixPolicy matrix = b.build();
    for (Role role : Role.values()) {
      if (matrix.grant(role, Operation.VIEW_TICKET).reach() != Reach.NONE) {
        continue;
      }
      for (Operation op : ON_VISIBLE_TICKETS) {
        if (matrix.grant(role, op).reach() != Reach.NONE) {
          problems.add(
              PREFIX
                  + ": "
                  + role
                  + " may "
                  + op
                  + " but may not VIEW_TICKET, so it never can; grant "
                  + role
                  + " VIEW_TICKET or revoke "
                  + op);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidPolicyException(problems);
    }
    return b;
  }

  private static List<String> cellProblems(
      String property, Role role, Operation op, Grant grant, Reach visibility) {
    List<String> problems = new ArrayList<>();
    Reach reach = grant.reach();
    if (!grant.targets().isEmpty() && op != Operation.CHANGE_STATUS) {
      problems.add(property + " names target statuses ('to'), which only CHANGE_STATUS has");
    }
    if (LISTINGS.contains(op) && reach != Reach.ALL && reach != Reach.NONE) {
      problems.add(
          property + " is " + reach + ", but " + op + " concerns no single ticket: ALL or NONE");
    }
    if (op == Operation.CREATE_TICKET && reach == Reach.ASSIGNED) {
      problems.add(
          property
              + " is ASSIGNED, but a ticket being created has no assignee: OWN, COMPANY, ALL or NONE");
    }
    if (role == Role.CUSTOMER && (reach == Reach.ALL || reach == Reach.ASSIGNED)) {
      problems.add(
          property
              + " is "
              + reach
              + ", but customers reach their OWN or their COMPANY's tickets only");
    }
    if (role == Role.CUSTOMER
        && CUSTOMER_VISIBILITY.contains(op)
        && reach != Reach.NONE
        && reach != visibility
        && (reach == Reach.OWN || reach == Reach.COMPANY)) {
      problems.add(
          property
              + " is "
              + reach
              + ", but "
              + PREFIX
              + ".customer-visibility is "
              + visibility
              + "; set customer-visibility to "
              + reach
              + " instead");
    }
    return problems;
  }

  private static Optional<Role> role(String key, String property, List<String> problems) {
    Optional<Role> role = match(Role.values(), key);
    if (role.isEmpty()) {
      problems.add(property + ": '" + key + "' is not a role; one of " + names(Role.values()));
    }
    return role;
  }

  private static Optional<Operation> operation(String key, String property, List<String> problems) {
    Optional<Operation> op = match(Operation.values(), key);
    if (op.isEmpty()) {
      problems.add(
          property + ": '" + key + "' is not an operation; one of " + names(Operation.values()));
    }
    return op;
  }

  /**
   * Matches without regard to case, {@code _}, {@code -} or {@code .}: Spring Boot drops the
   * underscores of map keys that are not in brackets, and environment variables spell keys in
   * upper case.
   */
  private static <E extends Enum<E>> Optional<E> match(E[] values, String key) {
    String wanted = squash(key);
    return Arrays.stream(values).filter(v -> squash(v.name()).equals(wanted)).findFirst();
  }

  private static String squash(String name) {
    return name.toUpperCase(Locale.ROOT).replaceAll("[-_.\\s]", "");
  }

  private static String names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
  }
}
