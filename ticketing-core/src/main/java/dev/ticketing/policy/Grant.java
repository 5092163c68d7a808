package dev.ticketing.policy;

import dev.ticketing.Status;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One cell of a {@link MatrixPolicy}: how far a role's permission for an operation reaches, in
 * which ticket statuses it holds, and (for {@link Operation#CHANGE_STATUS}) to which statuses.
 *
 * @param reach which tickets are covered
 * @param whileIn statuses the ticket must be in; empty means any
 * @param targets statuses a status change may go to; empty means any
 * @since 0.1.0
 */
public record Grant(Reach reach, Set<Status> whileIn, Set<Status> targets) {

  public static final Grant DENY = new Grant(Reach.NONE, Set.of(), Set.of());

  public Grant {
    Objects.requireNonNull(reach, "reach");
    whileIn = copy(whileIn);
    targets = copy(targets);
  }

  public static Grant of(Reach reach) {
    return reach == Reach.NONE ? DENY : new Grant(reach, Set.of(), Set.of());
  }

  /** This grant, held only while the ticket is in one of the statuses. */
  public Grant whileIn(Status first, Status... more) {
    return new Grant(reach, EnumSet.of(first, more), targets);
  }

  /** This grant, held only while the ticket is in none of the statuses. */
  public Grant exceptIn(Status first, Status... more) {
    return new Grant(reach, EnumSet.complementOf(EnumSet.of(first, more)), targets);
  }

  /** This grant, limited to status changes towards the statuses. */
  public Grant onlyTo(Status first, Status... more) {
    return new Grant(reach, whileIn, EnumSet.of(first, more));
  }

  boolean allowsStatus(Status status) {
    return whileIn.isEmpty() || whileIn.contains(status);
  }

  boolean allowsTarget(Status target) {
    return targets.isEmpty() || targets.contains(target);
  }

  private static Set<Status> copy(Collection<Status> statuses) {
    // EnumSet keeps contains() allocation-free; callers see it read-only.
    return statuses.isEmpty()
        ? Set.of()
        : java.util.Collections.unmodifiableSet(EnumSet.copyOf(statuses));
  }
}
