package dev.ticketing.internal;

import dev.ticketing.AuditAction;
import dev.ticketing.FieldChange;
import dev.ticketing.FieldDefinition;
import dev.ticketing.FieldVisibility;
import dev.ticketing.notification.Channel;
import dev.ticketing.notification.TicketEvent;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.FieldDefinitionStore;
import dev.ticketing.spi.TicketEventNotifier;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Plugs the stream of ticket events into the service when a channel takes events ({@link
 * TicketEventNotifier}): a listener that writes one {@link TicketEvent} per recorded change to the
 * outbox, in the change's unit of work, so the event exists exactly when the change committed.
 */
public final class EventWiring {

  /** Orders the events one process writes within one microsecond (the changes of one unit). */
  private static final AtomicLong COUNTER = new AtomicLong();

  private EventWiring() {}

  /** The extension writing events, or {@link Extension#NONE} when no channel takes them. */
  public static Extension extension(EngineParts parts, List<Channel> channels) {
    boolean wanted = channels.stream().anyMatch(c -> c.notifier() instanceof TicketEventNotifier);
    if (!wanted) {
      return Extension.NONE;
    }
    return new Extension(
        List.of(new Recorder(parts.store(), parts.fieldDefinitions())), Enclosure.NONE);
  }

  /**
   * An event id that sorts after every earlier one of the same ticket: the change's time in
   * microseconds (fixed-width hexadecimal), a counter for changes of one unit that share their time,
   * then random digits that keep ids of different processes apart.
   */
  static String eventId(Instant at) {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
    return String.format(
        "%016x-%012x-%08x",
        micros,
        COUNTER.incrementAndGet() & 0xffff_ffff_ffffL,
        ThreadLocalRandom.current().nextInt());
  }

  private static final class Recorder implements ChangeListener {
    private final TicketStore store;
    private final FieldDefinitionStore fields;

    Recorder(TicketStore store, FieldDefinitionStore fields) {
      this.store = store;
      this.fields = fields;
    }

    @Override
    public void changed(Change change) {
      TicketRecord t = change.after();
      boolean purged = change.action() == AuditAction.PURGED;
      TicketEvent.Snapshot snapshot =
          new TicketEvent.Snapshot(
              t.version(),
              t.companyId(),
              t.status().name(),
              t.priority().name(),
              t.category().name(),
              t.assigneeId(),
              t.requesterId(),
              t.createdBy(),
              purged ? "" : t.title(),
              purged ? List.of() : t.tags());
      List<TicketEvent.Change> changes = new ArrayList<>(change.changes().size());
      String commentId = null;
      for (FieldChange fc : change.changes()) {
        changes.add(
            new TicketEvent.Change(fc.field(), fc.oldValue(), fc.newValue(), staffOnly(fc)));
        if (fc.field().equals("commentId") && fc.newValue() != null) {
          commentId = fc.newValue();
        }
      }
      TicketEvent event =
          new TicketEvent(
              eventId(change.at()),
              t.id(),
              change.action(),
              change.actor().id(),
              change.actor().role(),
              change.at(),
              snapshot,
              changes,
              comment(commentId));
      store.enqueue(List.of(event.toRequest()));
    }

    private TicketEvent.@Nullable Comment comment(@Nullable String commentId) {
      if (commentId == null) {
        return null;
      }
      CommentRecord c = store.findComment(commentId).orElse(null);
      if (c == null) {
        return null;
      }
      return new TicketEvent.Comment(c.id(), c.authorId(), c.internal(), c.content());
    }

    /** A custom field's value is staff-only unless its definition shows it to customers. */
    private boolean staffOnly(FieldChange fc) {
      if (!fc.field().startsWith("fields.")) {
        return false;
      }
      List<FieldDefinition> versions = fields.versions(fc.field().substring("fields.".length()));
      return versions.isEmpty()
          || versions.get(versions.size() - 1).visibility() != FieldVisibility.CUSTOMERS;
    }
  }
}
