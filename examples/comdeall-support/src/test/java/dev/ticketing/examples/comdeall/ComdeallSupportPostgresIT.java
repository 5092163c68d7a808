package dev.ticketing.examples.comdeall;

import dev.ticketing.testsupport.DatabaseServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same suite on the local PostgreSQL, with the {@code postgres} profile, in a database of its
 * own, dropped and created afresh: {@code ticketing_comdeall}, or {@code <name>_comdeall} when
 * TICKETING_PG_URL names another database than {@code ticketing_test} (see {@link DatabaseServer};
 * 127.0.0.1:5432, user postgres by default; TICKETING_PG_USER, TICKETING_PG_PASSWORD). When the
 * server cannot be reached the suite fails: it is never skipped.
 */
@DisplayName("Comdeall support on PostgreSQL")
@ActiveProfiles("postgres")
class ComdeallSupportPostgresIT extends ComdeallSuite {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    DatabaseServer server = DatabaseServer.POSTGRESQL;
    String url = server.recreate(server.scratchName("comdeall"));
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", server::user);
    registry.add("spring.datasource.password", server::password);
  }

  @Nested
  @DisplayName("permission matrix")
  class PermissionMatrixTests extends PermissionMatrix {}

  @Nested
  @DisplayName("lifecycles and notifications")
  class LifecyclesTests extends Lifecycles {}

  @Nested
  @DisplayName("isolation")
  class IsolationTests extends Isolation {}

  @Nested
  @DisplayName("bad input")
  class BadInputTests extends BadInput {}

  @Nested
  @DisplayName("tokens, secret, sizes")
  class DoorsTests extends Doors {}
}
