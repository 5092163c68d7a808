package dev.ticketing.examples.desk;

import dev.ticketing.testsupport.DatabaseServer;
import org.junit.jupiter.api.DisplayName;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The live events on the local PostgreSQL, with the {@code postgres} profile, in a scratch
 * database of their own (see {@link SupportDeskPostgresIT}): the same transactions, committed or
 * rolled back by a real server.
 */
@DisplayName("live updates (Server-Sent Events) on PostgreSQL")
@ActiveProfiles("postgres")
class LiveUpdatesPostgresIT extends LiveUpdatesH2IT {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    DatabaseServer server = DatabaseServer.POSTGRESQL;
    String url = server.recreate(server.scratchName("live_desk"));
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", server::user);
    registry.add("spring.datasource.password", server::password);
    registry.add("desk.embedded-s3.directory", () -> "");
  }
}
