package dev.ticketing.internal;

import dev.ticketing.CommentView;
import dev.ticketing.TicketView;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.CommentRecord;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** The shapes a write of the engine takes: of one ticket, or of one reply. */
final class WriteShapes {

  private final UnitOfWork unit;
  private final ViewAssembler views;
  private final TicketReads reads;
  private final @Nullable UnaryOperator<TicketSnapshot> settled;

  /**
   * @param settled when capabilities act at the end of the unit of work (automation rules): runs
   *     them and answers with the ticket as they left it; null when none do
   */
  WriteShapes(
      UnitOfWork unit,
      ViewAssembler views,
      TicketReads reads,
      @Nullable UnaryOperator<TicketSnapshot> settled) {
    this.unit = unit;
    this.views = views;
    this.reads = reads;
    this.settled = settled;
  }

  /**
   * A write of one ticket: its unit of work, keyed when the caller gave a key, answered with the
   * ticket as written (or, for a repeated key, as the actor sees it now).
   */
  TicketView ticket(Actor actor, IdempotencyKeys.@Nullable Key key, Supplier<TicketSnapshot> work) {
    UnaryOperator<TicketSnapshot> s = settled;
    Supplier<TicketSnapshot> settledWork = s == null ? work : () -> s.apply(work.get());
    return unit.keyed(
        key,
        settledWork,
        TicketSnapshot::ticketId,
        written -> views.ticket(actor, written.ticket(), written.activity()),
        id -> reads.replayTicket(actor, id));
  }

  /**
   * A write of one ticket whose intent does not depend on the ticket's version (adding a tag, a
   * follower or a CC): retried on a concurrent change rather than failed.
   */
  TicketView retried(
      Actor actor, IdempotencyKeys.@Nullable Key key, Supplier<TicketSnapshot> work) {
    return UnitOfWork.retryOnConflict(() -> ticket(actor, key, work));
  }

  /**
   * A write of one reply. Retried on conflict: a reply's intent does not depend on the ticket's
   * version, so a concurrent status change must not make it fail.
   */
  CommentView comment(
      Actor actor, IdempotencyKeys.@Nullable Key key, Supplier<CommentRecord> work) {
    return UnitOfWork.retryOnConflict(
        () ->
            unit.keyed(
                key,
                work,
                CommentRecord::id,
                c -> views.comment(c, List.of()),
                id -> views.comment(reads.replayedComment(actor, id), List.of())));
  }
}
