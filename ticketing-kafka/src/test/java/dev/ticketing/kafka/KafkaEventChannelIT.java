package dev.ticketing.kafka;

import static dev.ticketing.testsupport.SamplePeople.ADMIN;
import static dev.ticketing.testsupport.SamplePeople.JOHN;
import static dev.ticketing.testsupport.SamplePeople.ROOT;
import static dev.ticketing.testsupport.SamplePeople.SARAH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.ChangeStatus;
import dev.ticketing.ChangeTags;
import dev.ticketing.CreateTicket;
import dev.ticketing.LinkKind;
import dev.ticketing.LinkTickets;
import dev.ticketing.MergeTickets;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.UpdateTicket;
import dev.ticketing.notification.RetryPolicy;
import dev.ticketing.testsupport.SamplePeople;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ticket events on a real Kafka broker (KRaft, in this JVM): every kind of change reaches both
 * topics keyed by its ticket, in the ticket's history order, and an internal note's text reaches
 * the staff topic only.
 */
class KafkaEventChannelIT {

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private Ticketing ticketing(Stores store, KafkaEventChannel channel, RetryPolicy retry) {
    Ticketing t =
        Ticketing.builder()
            .store(store.fresh())
            .directory(SamplePeople.directory())
            .channel(KafkaEventChannel.DEFAULT_CHANNEL, channel, retry)
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build();
    open.add(t);
    return t;
  }

  private KafkaEventChannel channel(KafkaEventSettings settings) {
    KafkaEventChannel c = KafkaEventChannel.create(KafkaBroker.producerConfig(), settings);
    open.add(c);
    return c;
  }

  @ParameterizedTest
  @EnumSource(Stores.class)
  void everyKindOfChangeReachesBothTopicsKeyedByTicketInHistoryOrder(Stores store) {
    KafkaEventSettings topics = KafkaBroker.freshTopics(3);
    Ticketing ticketing = ticketing(store, channel(topics), KafkaEventChannel.DEFAULT_RETRY);
    TicketService s = ticketing.service();
    String secret = "the customer's card ends in 4242 — do not tell them";

    String id =
        s.createTicket(JOHN, CreateTicket.of("Printer on fire", "Smoke everywhere", "acme")).id();
    String other = s.createTicket(JOHN, CreateTicket.of("Second", "Another one", "acme")).id();
    s.updateTicket(ADMIN, new UpdateTicket(id, "Printer on fire!", null, Priority.HIGH, null));
    s.assignTicket(ADMIN, new AssignTicket(id, "sarah"));
    s.changeStatus(SARAH, new ChangeStatus(id, Status.WAITING_FOR_CUSTOMER));
    s.addComment(SARAH, new AddComment(id, "We are on our way.", false));
    s.addComment(SARAH, new AddComment(id, secret, true));
    s.changeTags(SARAH, ChangeTags.add(id, "hardware", "urgent"));
    ticketing.links().link(ADMIN, LinkTickets.of(id, LinkKind.RELATED, other));
    ticketing.links().merge(ADMIN, MergeTickets.of(other, id));
    s.changeStatus(SARAH, new ChangeStatus(id, Status.RESOLVED));
    s.deleteTicket(ADMIN, id);
    s.restoreTicket(ROOT, id); // so that its history can be read back below
    ticketing.dispatcher().drain();

    List<Published> staff = Published.readAll(topics.staffTopic());
    List<Published> visible = Published.readAll(topics.publicTopic());
    for (String ticket : List.of(id, other)) {
      List<String> expected = kinds(s.history(ADMIN, ticket));
      assertThat(types(staff, ticket)).as("staff topic, ticket %s", ticket).isEqualTo(expected);
      assertThat(types(visible, ticket)).as("public topic, ticket %s", ticket).isEqualTo(expected);
      assertThat(times(staff, ticket)).isEqualTo(times(s.history(ADMIN, ticket)));
    }
    assertThat(kinds(s.history(ADMIN, id)))
        .contains(
            "dev.ticketing.ticket.created",
            "dev.ticketing.ticket.updated",
            "dev.ticketing.ticket.assigned",
            "dev.ticketing.ticket.status-changed",
            "dev.ticketing.ticket.comment-added",
            "dev.ticketing.ticket.internal-note-added",
            "dev.ticketing.ticket.tags-changed",
            "dev.ticketing.ticket.linked",
            "dev.ticketing.ticket.merged",
            "dev.ticketing.ticket.resolved",
            "dev.ticketing.ticket.deleted",
            "dev.ticketing.ticket.restored");
    for (Published p : concat(staff, visible)) {
      assertThat(p.key()).isEqualTo(p.subject()).isEqualTo(p.data().get("ticketId").asText());
      assertThat(p.contentType()).isEqualTo(CloudEventJson.CONTENT_TYPE);
      assertThat(p.event().get("specversion").asText()).isEqualTo("1.0");
      assertThat(p.event().get("source").asText()).isEqualTo("/ticketing");
      assertThat(Instant.parse(p.event().get("time").asText())).isNotNull();
    }
    // A ticket's records share a partition.
    for (String ticket : List.of(id, other)) {
      assertThat(staff.stream().filter(p -> p.key().equals(ticket)).map(Published::partition))
          .hasSize((int) staff.stream().filter(p -> p.key().equals(ticket)).count())
          .containsOnly(
              staff.stream().filter(p -> p.key().equals(ticket)).findFirst().get().partition());
    }

    Published note = only(staff, "dev.ticketing.ticket.internal-note-added");
    assertThat(note.data().get("comment").get("content").asText()).isEqualTo(secret);
    assertThat(note.data().get("comment").get("internal").asBoolean()).isTrue();
    Published hidden = only(visible, "dev.ticketing.ticket.internal-note-added");
    assertThat(hidden.id()).isEqualTo(note.id());
    assertThat(hidden.data().get("comment").get("content").isNull()).isTrue();
    assertThat(visible).noneMatch(p -> p.raw().contains(secret));
    assertThat(visible).noneMatch(p -> p.raw().contains("4242"));
    Published reply = only(visible, "dev.ticketing.ticket.comment-added");
    assertThat(reply.data().get("comment").get("content").asText()).isEqualTo("We are on our way.");
  }

  @ParameterizedTest
  @EnumSource(Stores.class)
  void concurrentWritersEventsOfEachTicketArriveInHistoryOrder(Stores store) throws Exception {
    KafkaEventSettings topics = KafkaBroker.freshTopics(4);
    Ticketing ticketing = ticketing(store, channel(topics), KafkaEventChannel.DEFAULT_RETRY);
    TicketService s = ticketing.service();
    int tickets = 6;
    int writers = 4;
    int writesEach = 15;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < tickets; i++) {
      ids.add(s.createTicket(JOHN, CreateTicket.of("Ticket " + i, "Body " + i, "acme")).id());
    }
    // The dispatcher publishes while the writers write.
    ticketing.dispatcher().start();
    Writers.run(
        writers,
        w -> {
          for (int n = 0; n < writesEach; n++) {
            String id = ids.get((w + n) % tickets);
            int step = n;
            Writers.retryingConflicts(() -> write(s, w, step, id));
          }
        });

    ticketing.dispatcher().close();
    ticketing.dispatcher().drain();

    Map<String, List<Published>> streams =
        Published.byTicketWithoutRepeats(Published.readAll(topics.staffTopic()));
    int total = 0;
    for (String id : ids) {
      List<AuditEntry> history = s.history(ADMIN, id);
      List<Published> events = streams.get(id);
      assertThat(types(events)).as("ticket %s", id).isEqualTo(kinds(history));
      assertThat(events.stream().map(p -> Instant.parse(p.event().get("time").asText())).toList())
          .isEqualTo(history.stream().map(AuditEntry::at).toList());
      // The events that changed the ticket carry its versions in order. A comment leaves the
      // ticket as it read it, which a concurrent change may since have passed.
      assertThat(
              events.stream()
                  .filter(
                      p -> !p.type().endsWith("comment-added") && !p.type().endsWith("note-added"))
                  .map(Published::ticketVersion)
                  .toList())
          .as("ticket versions of %s", id)
          .isSorted()
          .doesNotHaveDuplicates();
      total += events.size();
    }
    // An update that sets the priority it finds changes nothing and records nothing.
    assertThat(total).isGreaterThanOrEqualTo(tickets + writers * writesEach * 3 / 4);
  }

  /** One writer's write number {@code n}: public replies, tags, internal notes, priority changes. */
  private static void write(TicketService s, int w, int n, String id) {
    switch (n % 4) {
      case 0 ->
          s.addComment(
              w % 2 == 0 ? ADMIN : ROOT, new AddComment(id, "reply " + w + "/" + n, false));
      case 1 -> s.changeTags(ROOT, ChangeTags.add(id, "w" + w + "n" + n));
      case 2 -> s.addComment(ROOT, new AddComment(id, "note " + w + "/" + n, true));
      default ->
          s.updateTicket(
              ADMIN,
              new UpdateTicket(id, null, null, n % 8 == 3 ? Priority.HIGH : Priority.LOW, null));
    }
  }

  // ---- helpers

  static List<String> kinds(List<AuditEntry> history) {
    return history.stream().map(KafkaEventChannelIT::type).toList();
  }

  static String type(AuditEntry e) {
    boolean note =
        e.action() == AuditAction.TICKET_COMMENT_ADDED
            && e.changes().stream()
                .anyMatch(c -> c.field().equals("internal") && "true".equals(c.newValue()));
    if (note) {
      return "dev.ticketing.ticket.internal-note-added";
    }
    String name = e.action().name().toLowerCase(Locale.ROOT).replace('_', '-');
    return "dev.ticketing.ticket." + (name.startsWith("ticket-") ? name.substring(7) : name);
  }

  static List<String> types(List<Published> records, String ticket) {
    return types(records.stream().filter(p -> p.key().equals(ticket)).toList());
  }

  static List<String> types(List<Published> records) {
    return records.stream().map(Published::type).toList();
  }

  private static List<Instant> times(List<Published> records, String ticket) {
    return records.stream()
        .filter(p -> p.key().equals(ticket))
        .map(p -> Instant.parse(p.event().get("time").asText()))
        .toList();
  }

  private static List<Instant> times(List<AuditEntry> history) {
    return history.stream().map(AuditEntry::at).toList();
  }

  private static Published only(List<Published> records, String type) {
    List<Published> found = records.stream().filter(p -> p.type().equals(type)).toList();
    assertThat(found).as(type).hasSize(1);
    return found.get(0);
  }

  private static List<Published> concat(List<Published> a, List<Published> b) {
    List<Published> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static Duration generous() {
    return Duration.ofSeconds(60);
  }
}
