package dev.ticketing.internal;

import dev.ticketing.AuditAction;
import dev.ticketing.spi.AssignmentStore;
import dev.ticketing.spi.TicketRecord;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Keeps each agent's load — the open tickets assigned to them — as changes happen, in the change's
 * unit of work: an assignment, a reassignment, a status leaving or re-entering the active ones
 * (resolve, close, cancel, reopen), a soft delete, a restore and a purge each move it. Manual
 * assignments count too; they are never refused for capacity.
 */
final class LoadKeeper implements ChangeListener {

  private final AssignmentStore store;

  LoadKeeper(AssignmentStore store) {
    this.store = store;
  }

  @Override
  public void changed(Change change) {
    String was = holder(change.before());
    String now = change.action() == AuditAction.PURGED ? null : holder(change.after());
    if (Objects.equals(was, now)) {
      return;
    }
    // Records are locked in agent id order, so that two reassignments never wait on each other.
    if (was != null && now != null && was.compareTo(now) > 0) {
      store.adjustLoad(now, 1);
      store.adjustLoad(was, -1);
      return;
    }
    if (was != null) {
      store.adjustLoad(was, -1);
    }
    if (now != null) {
      store.adjustLoad(now, 1);
    }
  }

  /** The agent whose load the ticket counts in, or null. */
  static @Nullable String holder(@Nullable TicketRecord t) {
    if (t == null || t.deleted() || !t.status().isActive()) {
      return null;
    }
    return t.assigneeId();
  }
}
