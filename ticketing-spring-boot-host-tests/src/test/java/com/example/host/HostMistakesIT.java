package com.example.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample host making the mistakes a Boot team makes: each either cannot happen, or fails
 * start-up with Spring Boot's failure report naming the line to change.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostMistakesIT {
  private static final HostDatabase PG = HostDatabase.POSTGRESQL;

  /** The host on the database at {@code url}; the mistakes come as command-line arguments. */
  private static SpringApplicationBuilder host(String url) {
    return new SpringApplicationBuilder(HostApplication.class)
        .web(WebApplicationType.SERVLET)
        .properties(
            "server.port=0",
            "spring.datasource.url=" + url,
            "spring.datasource.username=" + PG.user(),
            "spring.datasource.password=" + PG.password(),
            "ticketing.outbox.enabled=false");
  }

  @Test
  void attachmentsInMemoryBesideTheDatabaseFailWithTheReport(CapturedOutput output) {
    String url = PG.fresh(HostApplicationIT.DATABASE);
    assertThatThrownBy(() -> host(url).run("--ticketing.attachments.store=auto").close())
        .hasRootCauseInstanceOf(
            dev.ticketing.spring.diagnostics.InMemoryAttachmentsException.class);
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains("lost on restart")
        .contains("ticketing-spring-boot-starter-s3")
        .contains("ticketing.attachments.store=memory");
  }

  @Test
  void createDropCannotDropTheTicketingTables() {
    String url = PG.fresh(HostApplicationIT.DATABASE);
    try (ConfigurableApplicationContext context =
        host(url).run("--spring.jpa.hibernate.ddl-auto=create-drop")) {
      assertThat(context.isRunning()).isTrue();
    }
    assertThat(PG.tables(url)).contains("ticketing_ticket", "ticketing_schema_history");
    assertThat(PG.column(url, "select indexname from pg_indexes")).contains("ix_ticket_title_trgm");
  }

  @Test
  void pgTrgmInAnotherSchemaIsFound() {
    String url = PG.fresh(HostApplicationIT.DATABASE);
    PG.execute(url, "create schema extensions", "create extension pg_trgm schema extensions");
    try (ConfigurableApplicationContext context = host(url).run()) {
      assertThat(context.isRunning()).isTrue();
    }
    assertThat(PG.column(url, "select indexname from pg_indexes")).contains("ix_ticket_title_trgm");
  }
}
