package dev.ticketing.workflow;

import static dev.ticketing.Status.*;

import dev.ticketing.InvalidTransitionException;
import dev.ticketing.Status;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The status state machine as data: for each status, the statuses it may move to. A move to the
 * current status is never allowed. Look-ups are one array read and a bit test.
 *
 * <p>{@link #STANDARD} is exactly the GraphQL ticket module's list of transitions (see
 * docs/reference.md); {@link Status#CANCELLED} is terminal.
 *
 * @since 0.1.0
 */
public final class TransitionTable {

  // Declared before STANDARD: static initialisers run in order and the builder needs it.
  private static final Status[] STATUSES = Status.values();

  /** The GraphQL ticket module's transitions. */
  public static final TransitionTable STANDARD =
      builder()
          .allow(OPEN, IN_PROGRESS, RESOLVED, CANCELLED)
          .allow(IN_PROGRESS, WAITING_FOR_CUSTOMER, RESOLVED, CANCELLED)
          .allow(WAITING_FOR_CUSTOMER, IN_PROGRESS, RESOLVED, CANCELLED)
          .allow(RESOLVED, CLOSED, REOPENED)
          .allow(CLOSED, REOPENED)
          .allow(REOPENED, IN_PROGRESS, RESOLVED, CANCELLED)
          .build();

  /** Bit {@code to.ordinal()} of {@code masks[from.ordinal()]} is set when the move is allowed. */
  private final int[] masks;

  private TransitionTable(int[] masks) {
    this.masks = masks;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether a ticket in {@code from} may move to {@code to}. */
  public boolean allows(Status from, Status to) {
    return (masks[from.ordinal()] & (1 << to.ordinal())) != 0;
  }

  /**
   * Checks a move.
   *
   * @throws InvalidTransitionException when it is not allowed
   */
  public void check(Status from, Status to) {
    if (!allows(from, to)) {
      throw new InvalidTransitionException(from, to);
    }
  }

  /** The statuses {@code from} may move to. */
  public Set<Status> targets(Status from) {
    EnumSet<Status> out = EnumSet.noneOf(Status.class);
    for (Status to : STATUSES) {
      if (allows(from, to)) {
        out.add(to);
      }
    }
    return out;
  }

  /** The whole table, from each status to its targets. */
  public Map<Status, Set<Status>> asMap() {
    Map<Status, Set<Status>> out = new EnumMap<>(Status.class);
    for (Status from : STATUSES) {
      out.put(from, targets(from));
    }
    return out;
  }

  /** Whether no move leaves the status. */
  public boolean isTerminal(Status status) {
    return masks[status.ordinal()] == 0;
  }

  /** Builds a table; starts empty. */
  public static final class Builder {
    private final int[] masks = new int[STATUSES.length];

    private Builder() {}

    public Builder allow(Status from, Status... targets) {
      for (Status to : targets) {
        if (to == from) {
          throw new IllegalArgumentException("a status cannot move to itself: " + from);
        }
        masks[from.ordinal()] |= 1 << to.ordinal();
      }
      return this;
    }

    public TransitionTable build() {
      return new TransitionTable(masks.clone());
    }
  }
}
