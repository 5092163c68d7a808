package dev.ticketing.spring;

import dev.ticketing.CreateTicket;
import dev.ticketing.TicketService;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration;
import dev.ticketing.spring.jpa.TicketingHibernateValidationAutoConfiguration;
import dev.ticketing.spring.jpa.TicketingJpaAutoConfiguration;
import dev.ticketing.spring.jpa.TicketingJpaSchemaAutoConfiguration;
import dev.ticketing.spring.observability.TicketingHealthAutoConfiguration;
import dev.ticketing.spring.observability.TicketingMetricsAutoConfiguration;
import dev.ticketing.spring.observability.TicketingOutboxEndpointAutoConfiguration;
import dev.ticketing.spring.security.TicketingSecurityAutoConfiguration;
import dev.ticketing.testsupport.SamplePeople;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

/** What the Spring tests share: actors, a directory, the module's auto-configurations, a new ticket. */
public final class SpringFixtures {

  private SpringFixtures() {}

  public static final Actor ADMIN = Actor.admin("admin-1");
  public static final Actor CUSTOMER = Actor.customer("cust-1", "acme");
  public static final Actor COLLEAGUE = Actor.customer("cust-2", "acme");

  /** The auto-configurations the module registers, in no particular order (the runner sorts them). */
  public static final AutoConfigurations TICKETING =
      AutoConfigurations.of(
          TicketingJpaSchemaAutoConfiguration.class,
          TicketingJpaAutoConfiguration.class,
          TicketingAutoConfiguration.class,
          TicketingSecurityAutoConfiguration.class,
          TicketingMetricsAutoConfiguration.class,
          TicketingHealthAutoConfiguration.class,
          TicketingHibernateValidationAutoConfiguration.class,
          TicketingOutboxEndpointAutoConfiguration.class);

  /** A directory with one admin and one agent, so routing has someone to notify and assign to. */
  public static InMemoryDirectory directory() {
    return InMemoryDirectory.builder()
        .company("acme", "Acme", "support@acme.test")
        .user("admin-1", "Ada", "Admin", "ada@example.test", Role.ADMIN)
        .user("agent-1", "Al", "Agent", "al@example.test", Role.AGENT)
        .user("cust-1", "Carl", "Customer", "carl@acme.test", Role.CUSTOMER)
        .user("cust-2", "Cleo", "Colleague", "cleo@acme.test", Role.CUSTOMER)
        .build();
  }

  /** The people of the GraphQL ticket module's examples (the mail and webhook tests). */
  public static final InMemoryDirectory MODULE_PEOPLE = SamplePeople.directory();

  public static CreateTicket newTicket() {
    return CreateTicket.of("Printer on fire", "It is really on fire", "acme");
  }

  public static TicketService service(AssertableApplicationContext context) {
    return context.getBean(TicketService.class);
  }

  public static OutboxDispatcher dispatcher(AssertableApplicationContext context) {
    return context.getBean(OutboxDispatcher.class);
  }

  /** Sleeps, turning an interrupt into a test failure. */
  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
