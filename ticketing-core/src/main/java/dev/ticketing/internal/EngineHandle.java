package dev.ticketing.internal;

import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine's editing parts, for a capability that changes tickets itself (automation rules): the
 * same edits, checks and audit a person's call goes through, run inside a unit of work already
 * open.
 */
final class EngineHandle {

  final TicketStore store;
  final TicketEdits edits;
  final TagEdits tags;
  final CommentWriter comments;
  final FieldEdits fields;
  final Access access;
  final ViewAssembler views;
  final ChangeLog changes;
  final EngineParts parts;
  private final UnitOfWork unit;
  private final @Nullable Runnable settle;

  EngineHandle(
      TicketStore store,
      TicketEdits edits,
      TagEdits tags,
      CommentWriter comments,
      FieldEdits fields,
      Access access,
      ViewAssembler views,
      UnitOfWork unit,
      ChangeLog changes,
      EngineParts parts,
      @Nullable Runnable settle) {
    this.store = store;
    this.edits = edits;
    this.tags = tags;
    this.comments = comments;
    this.fields = fields;
    this.access = access;
    this.views = views;
    this.unit = unit;
    this.changes = changes;
    this.parts = parts;
    this.settle = settle;
  }

  /** One unit of work of the engine (with every capability's around it), then the after-commit hook. */
  <T> T write(Supplier<T> work) {
    return unit.write(work);
  }

  /**
   * Runs what the unit of work's changes fired so far, then answers with the ticket as that left
   * it (re-read when it moved on).
   */
  TicketSnapshot settled(TicketSnapshot written) {
    Runnable s = settle;
    if (s == null) {
      return written;
    }
    s.run();
    TicketRecord now = store.findTicket(written.ticketId()).orElse(null);
    if (now == null || now.version() == written.ticket().version()) {
      return written;
    }
    return edits.snapshot(now);
  }
}
