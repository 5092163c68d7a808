package dev.ticketing.automation;

import static dev.ticketing.testsupport.SamplePeople.ADMIN;
import static dev.ticketing.testsupport.SamplePeople.JOHN;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ticketing.AddComment;
import dev.ticketing.CreateTicket;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.notification.WebhookSignature;
import dev.ticketing.sla.BusinessCalendar;
import dev.ticketing.sla.SlaConfiguration;
import dev.ticketing.sla.SlaPolicy;
import dev.ticketing.sla.SlaTargets;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.SamplePeople;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Triggers on SLA alerts and customer replies, business-hour durations, signed webhooks. */
class AutomationEventsTest {

  @Test
  void anSlaBreachFiresItsTriggerInTheSchedulersUnitOfWork() {
    MutableClock clock = MutableClock.frozen(Instant.parse("2026-03-02T09:00:00Z"));
    try (Ticketing t =
        Ticketing.builder()
            .directory(SamplePeople.directory())
            .clock(clock)
            .sla(
                SlaConfiguration.of(
                    List.of(
                        SlaPolicy.everyTicket(
                            "desk", SlaPolicy.allPriorities(SlaTargets.minutes(30, 60, 120))))))
            .automations(AutomationSettings.defaults())
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build()) {
      t.automations()
          .create(
              ADMIN,
              RuleDefinition.trigger(
                  "escalate breaches",
                  1,
                  Set.of(RuleEvent.SLA_BREACHED),
                  List.of(),
                  List.of(
                      new RuleAction.SetPriority(dev.ticketing.Priority.URGENT),
                      new RuleAction.AddTags(List.of("breached")))));
      TicketView ticket = created(t);
      clock.advance(Duration.ofMinutes(31));
      t.slaScheduler().raiseDue();

      var now = t.service().ticket(ADMIN, ticket.id()).ticket();
      assertThat(now.tags()).containsExactly("breached");
      assertThat(now.priority()).isEqualTo(dev.ticketing.Priority.URGENT);
    }
  }

  @Test
  void customerRepliesAreToldApartAndBusinessHoursCountOnlyWorkingTime() {
    MutableClock clock = MutableClock.frozen(Instant.parse("2026-03-06T16:00:00Z")); // a Friday
    BusinessCalendar office =
        BusinessCalendar.of("office", ZoneId.of("UTC"), BusinessCalendar.WEEKDAYS, "09:00-17:00");
    try (Ticketing t =
        Ticketing.builder()
            .directory(SamplePeople.directory())
            .clock(clock)
            .automations(AutomationSettings.defaults().withCalendars(Map.of("office", office)))
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build()) {
      t.automations()
          .create(
              ADMIN,
              RuleDefinition.trigger(
                  "customer replied",
                  1,
                  Set.of(RuleEvent.PUBLIC_COMMENT),
                  List.of(Condition.ActorIs.customer()),
                  List.of(new RuleAction.AddTags(List.of("customer-replied")))));
      t.automations()
          .create(
              ADMIN,
              RuleDefinition.timeRule(
                  "two working hours untouched",
                  1,
                  List.of(Condition.Elapsed.businessHours(Since.UPDATE, 2, "office")),
                  List.of(new RuleAction.AddTags(List.of("stale")))));
      TicketView ticket = created(t);
      t.service().addComment(ADMIN, new AddComment(ticket.id(), "Looking", false));
      assertThat(t.service().ticket(ADMIN, ticket.id()).ticket().tags()).isEmpty();
      t.service().addComment(JOHN, new AddComment(ticket.id(), "Thanks", false));
      assertThat(t.service().ticket(ADMIN, ticket.id()).ticket().tags())
          .containsExactly("customer-replied");

      // Friday 16:00 + a weekend: 1 working hour by Monday 09:00, 2 by 10:00.
      clock.advance(Duration.ofHours(65).plusMinutes(30)); // Monday 09:30
      assertThat(t.automationScheduler().fireDue()).isZero();
      clock.advance(Duration.ofMinutes(30).plusSeconds(1)); // Monday 10:00:01
      assertThat(t.automationScheduler().fireDue()).isEqualTo(1);
      assertThat(t.service().ticket(ADMIN, ticket.id()).ticket().tags()).contains("stale");
    }
  }

  @Test
  void aWebhookIsPostedSignedAfterTheChangeCommits() throws Exception {
    BlockingQueue<String[]> received = new ArrayBlockingQueue<>(4);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              new String[] {
                body,
                exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER)
              });
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    try (Ticketing t =
        Ticketing.builder()
            .directory(SamplePeople.directory())
            .automations(AutomationSettings.defaults().withWebhookSecrets(Map.of("crm", "s3cret")))
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build()) {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
      Rule rule =
          t.automations()
              .create(
                  ADMIN,
                  RuleDefinition.trigger(
                      "tell the CRM",
                      1,
                      Set.of(RuleEvent.CREATED),
                      List.of(),
                      List.of(new RuleAction.CallWebhook(url, "crm"))));
      TicketView ticket = created(t);

      String[] call = received.poll(10, TimeUnit.SECONDS);
      assertThat(call).isNotNull();
      assertThat(call[0]).contains(ticket.id()).contains(rule.id());
      assertThat(
              WebhookSignature.verify(
                  "s3cret", call[1], call[0], call[2], Duration.ofMinutes(5), Clock.systemUTC()))
          .isTrue();
    } finally {
      server.stop(0);
    }
  }

  private static TicketView created(Ticketing t) {
    return t.service().createTicket(JOHN, new CreateTicket("Help", "details", null, null, null));
  }
}
