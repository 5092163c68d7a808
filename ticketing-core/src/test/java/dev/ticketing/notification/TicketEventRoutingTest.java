package dev.ticketing.notification;

import static dev.ticketing.testsupport.SamplePeople.ADMIN;
import static dev.ticketing.testsupport.SamplePeople.JOHN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AuditEntry;
import dev.ticketing.CreateTicket;
import dev.ticketing.Ticketing;
import dev.ticketing.spi.Delivery;
import dev.ticketing.spi.TicketEventNotifier;
import dev.ticketing.testsupport.RecordingNotifier;
import dev.ticketing.testsupport.SamplePeople;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Ticket events and people's notifications share the outbox and never cross: an event channel
 * receives one event per audit entry, in the history's order, and nothing else; the other channels
 * receive people's notifications and no event. Without an event channel no event is written.
 */
class TicketEventRoutingTest {

  static final class Events implements TicketEventNotifier {
    final List<Delivery> received = new CopyOnWriteArrayList<>();

    @Override
    public void deliver(Delivery delivery) {
      received.add(delivery);
    }
  }

  @Test
  void eventsReachOnlyEventChannelsInHistoryOrder() {
    Events events = new Events();
    RecordingNotifier mail = RecordingNotifier.working();
    try (Ticketing t =
        Ticketing.builder()
            .directory(SamplePeople.directory())
            .channel("mail", mail)
            .channel("events", events)
            .backgroundDispatch(false)
            .build()) {
      String id = t.service().createTicket(JOHN, CreateTicket.of("Help", "Please", "acme")).id();
      t.service().assignTicket(ADMIN, new AssignTicket(id, "sarah"));
      t.service().addComment(ADMIN, new AddComment(id, "secret note", true));
      t.service().addComment(ADMIN, new AddComment(id, "public reply", false));
      t.dispatcher().drain();

      List<AuditEntry> history = t.service().history(ADMIN, id);
      List<TicketEvent> received =
          events.received.stream().map(d -> TicketEvent.of(d.notification())).toList();
      assertThat(received)
          .extracting(TicketEvent::action)
          .containsExactlyElementsOf(history.stream().map(AuditEntry::action).toList());
      assertThat(received)
          .extracting(TicketEvent::at)
          .containsExactlyElementsOf(history.stream().map(AuditEntry::at).toList());
      assertThat(received).extracting(TicketEvent::id).isSorted().doesNotHaveDuplicates();
      assertThat(events.received).allMatch(d -> d.channel().equals("events"));
      TicketEvent note =
          received.stream().filter(TicketEvent::internalNote).findFirst().orElseThrow();
      assertThat(note.comment().content()).isEqualTo("secret note");
      assertThat(note.kind()).isEqualTo("internal-note-added");
      assertThat(note.withoutStaffContent().comment().content()).isNull();

      assertThat(mail.delivered()).isNotEmpty();
      assertThat(mail.delivered()).noneMatch(n -> n.template().equals(TicketEvent.TEMPLATE));
    }
  }

  @Test
  void withoutAnEventChannelNoEventIsWritten() {
    RecordingNotifier mail = RecordingNotifier.working();
    try (Ticketing t =
        Ticketing.builder()
            .directory(SamplePeople.directory())
            .channel("mail", mail)
            .backgroundDispatch(false)
            .build()) {
      t.service().createTicket(JOHN, CreateTicket.of("Help", "Please", "acme"));
      assertThat(t.dispatcher().outbox().list(dev.ticketing.spi.OutboxState.PENDING, null, 100))
          .noneMatch(e -> e.request().template().equals(TicketEvent.TEMPLATE));
    }
  }
}
