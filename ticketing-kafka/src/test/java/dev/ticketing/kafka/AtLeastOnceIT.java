package dev.ticketing.kafka;

import static dev.ticketing.testsupport.SamplePeople.ADMIN;
import static dev.ticketing.testsupport.SamplePeople.JOHN;
import static dev.ticketing.testsupport.SamplePeople.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AuditEntry;
import dev.ticketing.ChangeTags;
import dev.ticketing.CreateTicket;
import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.notification.Channel;
import dev.ticketing.notification.RetryPolicy;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.testsupport.SamplePeople;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * At least once, on a real broker: publishes that fail are retried by the outbox until the broker
 * took them, nothing is lost, a repeat carries the same CloudEvents id, and retries never let a
 * later event of a ticket overtake an earlier one.
 */
class AtLeastOnceIT {

  private static final RetryPolicy QUICK = RetryPolicy.fixed(200, Duration.ZERO);

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private Ticketing ticketing(TicketStore store, Channel channel) {
    Ticketing t =
        Ticketing.builder()
            .store(store)
            .directory(SamplePeople.directory())
            .channel(channel)
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build();
    open.add(t);
    return t;
  }

  private Producer<String, byte[]> producer(Map<String, Object> config) {
    KafkaProducer<String, byte[]> p = new KafkaProducer<>(ProducerSettings.merge(config));
    open.add(p::close);
    return p;
  }

  @ParameterizedTest
  @EnumSource(Stores.class)
  void failingPublishesAreRetriedUntilEveryEventIsOnBothTopicsInOrder(Stores stores)
      throws Exception {
    KafkaEventSettings topics = KafkaBroker.freshTopics(3);
    AtomicInteger injected = new AtomicInteger();
    Producer<String, byte[]> flaky =
        FlakyProducer.wrap(producer(KafkaBroker.producerConfig()), 0.3, 42, injected);
    KafkaEventChannel channel = new KafkaEventChannel(flaky, topics);
    Ticketing ticketing =
        ticketing(stores.fresh(), new Channel(KafkaEventChannel.DEFAULT_CHANNEL, channel, QUICK));
    TicketService s = ticketing.service();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(s.createTicket(JOHN, CreateTicket.of("Ticket " + i, "Body " + i, "acme")).id());
    }
    ticketing.dispatcher().start();
    Writers.run(
        3,
        w -> {
          for (int n = 0; n < 12; n++) {
            String id = ids.get((w + n) % ids.size());
            String text = "w" + w + "n" + n;
            int step = n;
            Writers.retryingConflicts(
                () -> {
                  if (step % 2 == 0) {
                    s.addComment(ADMIN, new AddComment(id, text, step % 4 == 0));
                  } else {
                    s.changeTags(ROOT, ChangeTags.add(id, text));
                  }
                });
          }
        });
    ticketing.dispatcher().close();
    ticketing.dispatcher().drain();

    assertThat(injected.get()).as("publishes that failed").isPositive();
    assertThat(ticketing.dispatcher().outbox().pendingCount()).isZero();
    assertThat(ticketing.dispatcher().outbox().deadCount()).isZero();
    for (String topic : List.of(topics.staffTopic(), topics.publicTopic())) {
      List<Published> records = Published.readAll(topic);
      Map<String, List<Published>> streams = Published.byTicketWithoutRepeats(records);
      for (String id : ids) {
        List<AuditEntry> history = s.history(ADMIN, id);
        assertThat(KafkaEventChannelIT.types(streams.get(id)))
            .as("%s, ticket %s", topic, id)
            .isEqualTo(KafkaEventChannelIT.kinds(history));
        assertThat(streams.get(id).stream().map(p -> Instant.parse(p.event().get("time").asText())))
            .containsExactlyElementsOf(history.stream().map(AuditEntry::at).toList());
      }
      // A repeat is the same event again: same id, same content.
      Map<String, String> byId = new HashMap<>();
      for (Published p : records) {
        String first = byId.putIfAbsent(p.id(), p.raw());
        if (first != null) {
          assertThat(p.raw()).as("repeat of %s", p.id()).isEqualTo(first);
        }
      }
    }
    int staff = Published.readAll(topics.staffTopic()).size();
    int visible = Published.readAll(topics.publicTopic()).size();
    long distinct =
        Published.readAll(topics.staffTopic()).stream().map(Published::id).distinct().count();
    assertThat(staff + visible)
        .as("a publish that failed on one topic was repeated on the other")
        .isGreaterThan((int) (2 * distinct));
  }

  @Test
  void eventsWaitInTheOutboxWhileTheBrokerIsUnreachableAndFollowInOrderOnceItIsBack()
      throws Exception {
    TicketStore store = Stores.IN_MEMORY.fresh();
    KafkaEventSettings topics = KafkaBroker.freshTopics(2).withSendTimeout(Duration.ofSeconds(2));
    Map<String, Object> nowhere = new HashMap<>();
    nowhere.put("bootstrap.servers", "127.0.0.1:9"); // nothing listens on the discard port
    nowhere.put("max.block.ms", 1_000);
    nowhere.put("request.timeout.ms", 1_000);
    nowhere.put("delivery.timeout.ms", 1_500);
    KafkaEventChannel down = new KafkaEventChannel(producer(nowhere), topics);
    Ticketing first = ticketing(store, new Channel(KafkaEventChannel.DEFAULT_CHANNEL, down, QUICK));
    TicketService s = first.service();
    String a = s.createTicket(JOHN, CreateTicket.of("First", "One", "acme")).id();
    String b = s.createTicket(JOHN, CreateTicket.of("Second", "Two", "acme")).id();
    for (int i = 0; i < 5; i++) {
      s.addComment(ADMIN, new AddComment(i % 2 == 0 ? a : b, "reply " + i, false));
      s.changeTags(ROOT, ChangeTags.add(a, "t" + i));
    }
    // Two rounds against the unreachable broker: every publish fails (or waits behind one that
    // did).
    first.dispatcher().dispatchDue();
    first.dispatcher().dispatchDue();
    long events = s.history(ADMIN, a).size() + s.history(ADMIN, b).size();
    assertThat(first.dispatcher().counts().get(KafkaEventChannel.DEFAULT_CHANNEL))
        .containsEntry(dev.ticketing.spi.OutboxState.PENDING, events);
    assertThat(
            first.dispatcher().outbox().list(dev.ticketing.spi.OutboxState.PENDING, "kafka", 100))
        .allMatch(e -> e.attempts() >= 1 && e.lastError() != null);
    first.close();

    // The broker is back (the host restarted with it): the same outbox publishes everything.
    KafkaEventChannel up = new KafkaEventChannel(producer(KafkaBroker.producerConfig()), topics);
    Ticketing second = ticketing(store, new Channel(KafkaEventChannel.DEFAULT_CHANNEL, up, QUICK));
    second.dispatcher().drain();
    assertThat(second.dispatcher().outbox().pendingCount()).isZero();
    Map<String, List<Published>> streams =
        Published.byTicketWithoutRepeats(Published.readAll(topics.staffTopic()));
    for (String id : List.of(a, b)) {
      assertThat(KafkaEventChannelIT.types(streams.get(id)))
          .isEqualTo(KafkaEventChannelIT.kinds(second.service().history(ADMIN, id)));
    }
  }
}
