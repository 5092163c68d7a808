package dev.ticketing.notification;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.JOHN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AssignTicket;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.ExternalNote;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.Status;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.PushMessage;
import dev.ticketing.support.Desk;
import dev.ticketing.testsupport.MutableClock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The push channel renders the Comdeall support module's push payloads and hands them to the host's
 * PushNotifier.
 */
class PushChannelTest {

  private final MutableClock clock = MutableClock.ticking("2026-03-01T09:00:00Z");
  private final List<PushMessage> pushed = new CopyOnWriteArrayList<>();
  private final AtomicInteger userLookups = new AtomicInteger();

  /** The desk's directory, counting user look-ups. */
  private final Directory directory =
      new Directory() {
        @Override
        public java.util.Map<String, dev.ticketing.spi.UserInfo> users(Collection<String> ids) {
          userLookups.incrementAndGet();
          return Desk.DIRECTORY.users(ids);
        }

        @Override
        public java.util.Map<String, dev.ticketing.spi.CompanyInfo> companies(
            Collection<String> ids) {
          return Desk.DIRECTORY.companies(ids);
        }

        @Override
        public List<String> adminIds() {
          return Desk.DIRECTORY.adminIds();
        }
      };

  @Test
  @DisplayName(
      "Comdeall support module: 'New Note Added' and 'Support Ticket Resolved' pushed to the owner, one directory call each")
  void comdeallPushes() throws Exception {
    PushChannel channel =
        new PushChannel(pushed::add, MessageTemplates.defaults(), directory, Locale.ENGLISH);
    try (Ticketing t =
        Ticketing.builder()
            .directory(Desk.DIRECTORY)
            .notifier(channel)
            .clock(clock)
            .backgroundDispatch(false)
            .build()) {
      TicketView ticket =
          t.service()
              .createTicket(JOHN, CreateTicket.of("Payment failed", "Card declined", "acme"));
      t.dispatcher().drain();
      pushed.clear();
      userLookups.set(0);

      t.service()
          .recordExternalNote(
              ADMIN,
              new ExternalNote("note-1", ticket.id(), "We refunded the payment.", null, false));
      t.service().changeStatus(ADMIN, new ChangeStatus(ticket.id(), Status.RESOLVED));
      t.dispatcher().drain();

      assertThat(pushed).hasSize(2);
      assertThat(pushed.get(0))
          .satisfies(
              m -> {
                assertThat(m.recipientId()).isEqualTo("john");
                assertThat(m.title()).isEqualTo("New Note Added");
                assertThat(m.body()).isEqualTo("A new note has been added to your support ticket.");
                assertThat(m.data())
                    .containsEntry("template", NotificationTemplate.NOTE_ADDED.name())
                    .containsEntry("ticketId", ticket.id())
                    .containsKeys("notificationId", "commentId");
                assertThat(m.data().values())
                    .as("no comment text in push data")
                    .doesNotContain("We refunded the payment.");
              });
      assertThat(pushed.get(1))
          .satisfies(
              m -> {
                assertThat(m.recipientId()).isEqualTo("john");
                assertThat(m.title()).isEqualTo("Support Ticket Resolved");
                assertThat(m.body())
                    .isEqualTo("Your support ticket has been resolved by Ada Admin.");
                assertThat(m.notificationId()).isNotBlank();
              });
      assertThat(userLookups).as("one directory call per notification").hasValue(2);
    }
  }

  @Test
  @DisplayName(
      "a push service that fails is retried through the outbox; the message keeps its notification id")
  void failuresAreRetried() {
    AtomicInteger failuresLeft = new AtomicInteger();
    PushChannel channel =
        new PushChannel(
            m -> {
              if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("push service down");
              }
              pushed.add(m);
            },
            MessageTemplates.defaults(),
            directory,
            Locale.ENGLISH);
    try (Ticketing t =
        Ticketing.builder()
            .directory(Desk.DIRECTORY)
            .notifier(channel)
            .clock(clock)
            .retryPolicy(RetryPolicy.fixed(3, Duration.ofSeconds(10)))
            .backgroundDispatch(false)
            .build()) {
      TicketView ticket =
          t.service()
              .createTicket(JOHN, CreateTicket.of("Payment failed", "Card declined", "acme"));
      t.dispatcher().drain();
      pushed.clear();
      failuresLeft.set(1);
      t.service().assignTicket(ADMIN, new AssignTicket(ticket.id(), "sarah"));
      t.dispatcher().drain();
      assertThat(pushed).isEmpty();
      clock.advance(Duration.ofSeconds(10));
      t.dispatcher().drain();
      assertThat(pushed)
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.recipientId()).isEqualTo("sarah");
                assertThat(m.title()).isEqualTo("Support Ticket Assigned");
                assertThat(m.body())
                    .isEqualTo("Ada Admin assigned the support ticket \"Payment failed\" to you.");
              });
    }
  }
}
