package dev.ticketing.spring.observability;

import static dev.ticketing.spring.SpringFixtures.CUSTOMER;
import static dev.ticketing.spring.SpringFixtures.newTicket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.TicketService;
import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spring.SpringFixtures;
import dev.ticketing.spring.autoconfigure.TicketingClock;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.RecordingNotifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.InvocationContext;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.invoke.convert.ConversionServiceParameterValueMapper;
import org.springframework.boot.actuate.endpoint.web.EndpointMediaTypes;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpointDiscoverer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code ticketing-outbox} actuator endpoint: present only where the host exposes it and grants
 * it access, like Boot's own endpoints; lists per channel and state, re-drives one row, a channel or
 * everything, purges delivered rows; never shows a notification's text.
 */
class TicketingOutboxEndpointTest {

  private final MutableClock clock = MutableClock.frozen(Instant.parse("2030-01-01T00:00:00Z"));

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(SpringFixtures.TICKETING)
          .withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class))
          .withBean(TicketingClock.class, () -> new TicketingClock(clock))
          .withBean(Directory.class, SpringFixtures::directory)
          .withPropertyValues(
              "ticketing.outbox.enabled=false",
              "ticketing.outbox.max-retries=0",
              "ticketing.notifications.publish-events=false");

  private static final String EXPOSED =
      "management.endpoints.web.exposure.include=health,ticketing-outbox";

  @Test
  void onlyWhereTheHostExposesIt() {
    runner.run(
        context ->
            assertThat(context).hasNotFailed().doesNotHaveBean(TicketingOutboxEndpoint.class));
    runner
        .withPropertyValues("management.endpoints.web.exposure.include=health,info")
        .run(context -> assertThat(context).doesNotHaveBean(TicketingOutboxEndpoint.class));
    runner
        .withPropertyValues(EXPOSED)
        .run(context -> assertThat(context).hasSingleBean(TicketingOutboxEndpoint.class));
    runner
        .withPropertyValues("management.endpoints.web.exposure.include=*")
        .run(context -> assertThat(context).hasSingleBean(TicketingOutboxEndpoint.class));
    runner
        .withPropertyValues(EXPOSED, "management.endpoint.ticketing-outbox.access=NONE")
        .run(context -> assertThat(context).doesNotHaveBean(TicketingOutboxEndpoint.class));
    runner
        .withPropertyValues(EXPOSED, "management.endpoints.web.exposure.exclude=ticketing-outbox")
        .run(context -> assertThat(context).doesNotHaveBean(TicketingOutboxEndpoint.class));
    runner
        .withPropertyValues(EXPOSED)
        .withClassLoader(new FilteredClassLoader(Endpoint.class))
        .run(
            context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(TicketingOutboxEndpoint.class));
    assertThat(TicketingOutboxEndpoint.class.getAnnotation(Endpoint.class).id())
        .isEqualTo("ticketing-outbox");
  }

  @Test
  void listsPerChannelRedrivesAndPurges() {
    runner
        .withPropertyValues(EXPOSED)
        .withBean("mail", Notifier.class, RecordingNotifier::working)
        .withBean("push", Notifier.class, RecordingNotifier::alwaysFailing)
        .run(
            context -> {
              TicketingOutboxEndpoint endpoint = context.getBean(TicketingOutboxEndpoint.class);
              TicketService tickets = context.getBean(TicketService.class);
              OutboxDispatcher dispatcher = context.getBean(OutboxDispatcher.class);

              tickets.createTicket(CUSTOMER, newTicket());
              tickets.createTicket(CUSTOMER, newTicket());
              TicketingOutboxEndpoint.Summary before = endpoint.summary();
              assertThat(before.pending()).isEqualTo(2);
              assertThat(before.channels().get("recipients").pending()).isEqualTo(2);
              assertThat(before.channels().get("push"))
                  .isEqualTo(
                      new TicketingOutboxEndpoint.ChannelSummary(
                          0, 0, new TicketingOutboxEndpoint.Retry(0, "PT10S", 2.0, "PT15M")));
              assertThat(endpoint.rows("recipients", "pending", null))
                  .hasSize(2)
                  .allSatisfy(
                      r -> {
                        assertThat(r.recipients()).containsExactly("admins");
                        assertThat(r.recipientId()).isNull();
                      });

              dispatcher.drain(); // mail delivered, push dead at once (no retries)
              TicketingOutboxEndpoint.Summary after = endpoint.summary();
              assertThat(after.channels().get("push").dead()).isEqualTo(2);
              assertThat(after.channels().get("mail"))
                  .extracting(
                      TicketingOutboxEndpoint.ChannelSummary::pending,
                      TicketingOutboxEndpoint.ChannelSummary::dead)
                  .containsExactly(0L, 0L);
              List<TicketingOutboxEndpoint.Row> dead = endpoint.rows("push", null, null);
              assertThat(dead)
                  .hasSize(2)
                  .allSatisfy(
                      r -> {
                        assertThat(r.state()).isEqualTo("dead");
                        assertThat(r.channel()).isEqualTo("push");
                        assertThat(r.recipientId()).isEqualTo("admin-1");
                        assertThat(r.template()).isEqualTo("ticket-created");
                        assertThat(r.attempts()).isOne();
                        assertThat(r.lastError()).contains("simulated delivery failure");
                      });
              assertThat(endpoint.rows("push", "dead", 1)).hasSize(1);
              assertThat(endpoint.rows("mail", "dead", 10)).isEmpty();
              // Only ids and delivery state: never the notification's variables (ticket title,
              // comment text).
              assertThat(TicketingOutboxEndpoint.Row.class.getRecordComponents())
                  .extracting(c -> c.getName())
                  .doesNotContain("data", "ticketTitle", "commentContent");
              assertThat(dead.toString()).doesNotContain("Printer on fire");

              assertThat(endpoint.redrive(dead.get(0).id(), null, null).redriven()).isOne();
              assertThat(endpoint.redrive(dead.get(0).id(), null, null).redriven())
                  .as("no longer dead")
                  .isZero();
              assertThat(endpoint.summary().channels().get("push"))
                  .extracting(
                      TicketingOutboxEndpoint.ChannelSummary::pending,
                      TicketingOutboxEndpoint.ChannelSummary::dead)
                  .containsExactly(1L, 1L);
              dispatcher.drain();
              assertThat(endpoint.redrive(null, "mail", null).redriven()).isZero();
              assertThat(endpoint.redrive(null, "push", null).redriven()).isEqualTo(2);
              dispatcher.drain();
              assertThat(endpoint.redrive(null, null, true).redriven()).isEqualTo(2);
              assertThat(endpoint.summary().pending()).isEqualTo(2);

              clock.advance(Duration.ofHours(2));
              assertThat(endpoint.purgeDelivered("1h").purged())
                  .as("2 requests and 2 mails")
                  .isEqualTo(4);
              assertThat(endpoint.purgeDelivered(null).olderThan()).isEqualTo("PT720H");
            });
  }

  @Test
  @SuppressWarnings("unchecked")
  void asAWebEndpointItHasFourOperationsWithOptionalParameters() {
    runner
        .withPropertyValues(EXPOSED)
        .withBean("push", Notifier.class, RecordingNotifier::alwaysFailing)
        .run(
            context -> {
              WebEndpointDiscoverer discoverer =
                  new WebEndpointDiscoverer(
                      context,
                      new ConversionServiceParameterValueMapper(),
                      EndpointMediaTypes.DEFAULT,
                      List.of(),
                      List.of(),
                      List.of(),
                      List.of(),
                      List.of());
              ExposableWebEndpoint endpoint =
                  discoverer.getEndpoints().stream()
                      .filter(e -> e.getEndpointId().toString().equals("ticketing-outbox"))
                      .findFirst()
                      .orElseThrow();
              Map<String, WebOperation> operations = new java.util.TreeMap<>();
              endpoint
                  .getOperations()
                  .forEach(
                      o ->
                          operations.put(
                              o.getRequestPredicate().getHttpMethod()
                                  + " "
                                  + o.getRequestPredicate().getPath(),
                              o));
              assertThat(operations)
                  .containsOnlyKeys(
                      "GET ticketing-outbox",
                      "GET ticketing-outbox/{channel}",
                      "POST ticketing-outbox",
                      "DELETE ticketing-outbox");

              context.getBean(TicketService.class).createTicket(CUSTOMER, newTicket());
              context.getBean(OutboxDispatcher.class).drain();
              // Query parameters may be left out; the channel is the path's.
              List<TicketingOutboxEndpoint.Row> rows =
                  (List<TicketingOutboxEndpoint.Row>)
                      operations
                          .get("GET ticketing-outbox/{channel}")
                          .invoke(invocation(Map.of("channel", "push")));
              assertThat(rows)
                  .singleElement()
                  .satisfies(r -> assertThat(r.state()).isEqualTo("dead"));
              assertThat(
                      operations
                          .get("GET ticketing-outbox/{channel}")
                          .invoke(
                              invocation(
                                  Map.of("channel", "push", "state", "pending", "limit", "5"))))
                  .asList()
                  .isEmpty();
              assertThat(
                      operations
                          .get("POST ticketing-outbox")
                          .invoke(invocation(Map.of("channel", "push"))))
                  .isEqualTo(new TicketingOutboxEndpoint.Redriven(1));
              assertThat(
                      operations
                          .get("DELETE ticketing-outbox")
                          .invoke(invocation(Map.of("olderThan", "0s"))))
                  .isInstanceOf(TicketingOutboxEndpoint.Purged.class);
              assertThat(operations.get("GET ticketing-outbox").invoke(invocation(Map.of())))
                  .isInstanceOf(TicketingOutboxEndpoint.Summary.class);
            });
  }

  private static InvocationContext invocation(Map<String, Object> arguments) {
    return new InvocationContext(SecurityContext.NONE, arguments);
  }

  @Test
  void refusesUnclearRequests() {
    runner
        .withPropertyValues(EXPOSED)
        .run(
            context -> {
              TicketingOutboxEndpoint endpoint = context.getBean(TicketingOutboxEndpoint.class);
              assertThatThrownBy(() -> endpoint.redrive(null, null, null))
                  .isInstanceOf(InvalidEndpointRequestException.class);
              assertThatThrownBy(() -> endpoint.redrive(null, null, false))
                  .isInstanceOf(InvalidEndpointRequestException.class);
              assertThatThrownBy(() -> endpoint.redrive("x", "mail", null))
                  .isInstanceOf(InvalidEndpointRequestException.class);
              assertThatThrownBy(() -> endpoint.rows("mail", "delivered", 10))
                  .isInstanceOf(InvalidEndpointRequestException.class);
              assertThatThrownBy(() -> endpoint.rows("mail", "dead", 0))
                  .isInstanceOf(InvalidEndpointRequestException.class);
              assertThatThrownBy(() -> endpoint.rows("mail", "dead", 501))
                  .isInstanceOf(InvalidEndpointRequestException.class);
              assertThatThrownBy(() -> endpoint.purgeDelivered("soon"))
                  .isInstanceOf(InvalidEndpointRequestException.class);
              assertThatThrownBy(() -> endpoint.purgeDelivered("-1h"))
                  .isInstanceOf(InvalidEndpointRequestException.class);
              assertThat(endpoint.summary().channels()).containsOnlyKeys("recipients");
              assertThat(endpoint.summary())
                  .isEqualTo(
                      new TicketingOutboxEndpoint.Summary(
                          Map.of(
                              "recipients",
                              new TicketingOutboxEndpoint.ChannelSummary(
                                  0,
                                  0,
                                  new TicketingOutboxEndpoint.Retry(0, "PT10S", 2.0, "PT15M"))),
                          0,
                          0));
            });
  }
}
