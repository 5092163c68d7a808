package dev.ticketing.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Category;
import dev.ticketing.CreateTicket;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingOptions;
import dev.ticketing.TitleRule;
import dev.ticketing.ValidationException;
import dev.ticketing.memory.InMemorySubjectCatalog;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.Subject;
import dev.ticketing.spi.SubjectCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Subjects and title rules in a Spring Boot host: properties, the default catalog, a host's catalog bean. */
class SubjectsConfigurationTest {

  static final Actor PARENT = Actor.customer("parent-1", "comdeall");
  static final Subject SESSION =
      new Subject("7d1e2f3a-1111-4222-8333-444455556666", "Therapy session", true);

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(TicketingAutoConfiguration.class))
          .withBean(
              dev.ticketing.spi.Directory.class,
              () ->
                  dev.ticketing.memory.InMemoryDirectory.builder()
                      .company("comdeall", "Comdeall", "support@comdeall.test")
                      .build());

  @Test
  void theDefaultCatalogIsTheConfiguredCategoriesAndTitlesAreRequired() {
    runner
        .withPropertyValues("ticketing.categories=THERAPY_SESSION,PAYMENT")
        .run(
            context -> {
              assertThat(context.getBean(TicketingOptions.class).titles())
                  .isEqualTo(TitleRule.REQUIRED);
              assertThat(context.getBean(SubjectCatalog.class).all())
                  .extracting(Subject::label)
                  .containsExactly("Payment", "Therapy session");
              TicketService tickets = context.getBean(TicketService.class);
              ValidationException e =
                  org.assertj.core.api.Assertions.catchThrowableOfType(
                      ValidationException.class,
                      () ->
                          tickets.createTicket(
                              PARENT,
                              CreateTicket.untitled(
                                  Category.of("PAYMENT"), "Charged twice", null)));
              assertThat(e.fields()).containsExactly("title");
            });
  }

  @Test
  void aHostCatalogBeanAndADerivedTitle() {
    runner
        .withUserConfiguration(HostSubjects.class)
        .withPropertyValues("ticketing.tickets.title=FROM_SUBJECT")
        .run(
            context -> {
              assertThat(context.getBean(SubjectCatalog.class))
                  .isSameAs(context.getBean("hostSubjects"));
              TicketService tickets = context.getBean(TicketService.class);
              TicketView v =
                  tickets.createTicket(
                      PARENT, CreateTicket.untitled(SESSION.category(), "Moved twice", null));
              assertThat(v.title()).isEqualTo("Therapy session");
              assertThat(v.subject().label()).isEqualTo("Therapy session");
              assertThat(tickets.subjects()).containsExactly(SESSION);
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class HostSubjects {
    @Bean
    SubjectCatalog hostSubjects() {
      return InMemorySubjectCatalog.of(
          List.of(SESSION, new Subject("retired-1", "Retired", false)));
    }
  }
}
