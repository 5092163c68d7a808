package dev.ticketing.examples.desk;

import dev.ticketing.testsupport.DatabaseServer;
import org.junit.jupiter.api.DisplayName;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The links and merge extensions on the local PostgreSQL, with the {@code postgres} profile, in a
 * scratch database of their own (see {@link SupportDeskPostgresIT}).
 */
@DisplayName("(extension) links and merge, on PostgreSQL")
@ActiveProfiles("postgres")
class LinksAndMergePostgresIT extends LinksAndMergeH2IT {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    DatabaseServer server = DatabaseServer.POSTGRESQL;
    String url = server.recreate(server.scratchName("links_desk"));
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", server::user);
    registry.add("spring.datasource.password", server::password);
    registry.add("desk.embedded-s3.directory", () -> "");
  }
}
