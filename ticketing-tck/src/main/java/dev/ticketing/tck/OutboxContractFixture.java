package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.NotificationTemplate;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.Recipient;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.testsupport.Race.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * What the outbox contracts share, beyond {@link StoreContractFixture}: requests written with a
 * ticket, resolved into deliveries as a dispatcher does it, and outbox rows compared at the
 * precision a store keeps.
 *
 * @since 0.1.0
 */
public abstract class OutboxContractFixture extends StoreContractFixture {

  protected static final List<String> REQUESTS = List.of(OutboxStore.RECIPIENTS);
  protected static final List<String> MAIL_AND_PUSH = List.of("mail", "push");

  /** {@code n} requests of a new ticket in one unit of work: ids and times ascending. */
  protected final List<NotificationRequest> enqueue(int n) {
    TicketRecord t = ticket(newId(), newId(), T0);
    tx(() -> store().insertTicket(t));
    return enqueueFor(t.id(), n);
  }

  protected final List<NotificationRequest> enqueueFor(String ticketId, int n) {
    List<String> ids = IntStream.range(0, n).mapToObj(i -> newId()).sorted().toList();
    List<NotificationRequest> sent = new ArrayList<>();
    List<CommentRecord> comments = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String commentId = null;
      if (i % 2 == 1) {
        CommentRecord c = comment(ticketId, "ann", "Reply " + i, false, T0.plusSeconds(i + 1));
        comments.add(c);
        commentId = c.id();
      }
      sent.add(
          new NotificationRequest(
              ids.get(i),
              NotificationTemplate.TICKET_RESOLVED,
              List.of(i % 2 == 0 ? Recipient.admins() : Recipient.owner("owner-" + i)),
              ticketId,
              commentId,
              "actor-" + ticketId.substring(0, 8),
              T0.plusSeconds(i + 1),
              Map.of(
                  "ticketTitle",
                  "Printer on floor 3 is jammed",
                  "status",
                  "RESOLVED",
                  "comment",
                  "Fixed: l'imprimante 🖨️ marche")));
    }
    tx(
        () -> {
          comments.forEach(store()::insertComment);
          store().enqueue(sent);
        });
    return List.copyOf(sent);
  }

  /** One delivery row per (recipient, channel) of the request, as a dispatcher makes them. */
  protected static List<OutboxEntry> deliveriesOf(
      NotificationRequest r, List<String> recipients, List<String> channels, Instant due) {
    List<OutboxEntry> out = new ArrayList<>();
    for (String user : recipients) {
      Notification n = r.toNotification(newId(), user);
      for (String channel : channels) {
        out.add(OutboxEntry.delivery(newId(), channel, n, due));
      }
    }
    return out;
  }

  /**
   * {@code n} requests resolved for the recipients into deliveries on the channels, due at {@link
   * #LATER}; returns the deliveries, oldest request first, in channel order within one notification.
   */
  protected final List<OutboxEntry> resolved(
      int n, List<String> recipients, List<String> channels) {
    List<NotificationRequest> sent = enqueue(n);
    List<OutboxEntry> all = new ArrayList<>();
    List<OutboxEntry> claimed = outbox().claimDue("resolver", LATER, LEASE, n, REQUESTS);
    assertThat(claimed).hasSize(n);
    for (NotificationRequest r : sent) {
      List<OutboxEntry> deliveries = deliveriesOf(r, recipients, channels, LATER);
      assertThat(outbox().markResolved(r.id(), "resolver", LATER, deliveries)).isTrue();
      all.addAll(deliveries);
    }
    return all;
  }

  protected static String idOn(List<OutboxEntry> entries, String channel) {
    List<OutboxEntry> on = entries.stream().filter(e -> e.channel().equals(channel)).toList();
    assertThat(on).hasSize(1);
    return on.get(0).id();
  }

  protected static List<String> entryIds(List<OutboxEntry> entries) {
    return new ArrayList<>(entries.stream().map(OutboxEntry::id).toList());
  }

  protected static NotificationRequest normalized(NotificationRequest r) {
    return new NotificationRequest(
        r.id(),
        r.template(),
        r.recipients(),
        r.ticketId(),
        r.commentId(),
        r.actorId(),
        micros(r.occurredAt()),
        r.data());
  }

  protected static Notification normalized(Notification n) {
    return new Notification(
        n.id(),
        n.template(),
        n.recipientId(),
        n.ticketId(),
        n.commentId(),
        n.actorId(),
        micros(n.occurredAt()),
        n.data());
  }

  /** Starts {@code threads} tasks at once and returns their results; any failure fails the test. */
  protected static <T> List<T> raceAll(
      int threads, java.util.function.IntFunction<Callable<T>> task) throws Exception {
    List<T> out = new ArrayList<>();
    for (Outcome<T> o : race(threads, task)) {
      if (o.failure() != null) {
        throw new AssertionError("a racing task failed", o.failure());
      }
      out.add(Objects.requireNonNull(o.value(), "a racing task returned nothing"));
    }
    return out;
  }
}
