package dev.ticketing.examples.comdeall;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same suite on the local PostgreSQL, with the {@code postgres} profile, in a database of its
 * own: the name of TICKETING_PG_URL's database with {@code _comdeall} appended, dropped and created
 * afresh (127.0.0.1:5432, user postgres by default; TICKETING_PG_USER, TICKETING_PG_PASSWORD). When
 * the server cannot be reached the suite fails: it is never skipped.
 */
@DisplayName("Comdeall support on PostgreSQL")
@ActiveProfiles("postgres")
class ComdeallSupportPostgresIT extends ComdeallSuite {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = env("TICKETING_PG_URL", "jdbc:postgresql://127.0.0.1:5432/ticketing_test");
    String user = env("TICKETING_PG_USER", "postgres");
    String password = env("TICKETING_PG_PASSWORD", "");
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    String server = base.substring(0, base.lastIndexOf('/') + 1);
    String database = base.substring(base.lastIndexOf('/') + 1) + "_comdeall";
    try (Connection admin = DriverManager.getConnection(server + "postgres", user, password);
        Statement sql = admin.createStatement()) {
      sql.execute("drop database if exists " + database + " with (force)");
      sql.execute("create database " + database);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + server + " is not reachable; this suite needs it", e);
    }
    registry.add("spring.datasource.url", () -> server + database);
    registry.add("spring.datasource.username", () -> user);
    registry.add("spring.datasource.password", () -> password);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
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
