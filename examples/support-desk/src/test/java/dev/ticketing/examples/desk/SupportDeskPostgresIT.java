package dev.ticketing.examples.desk;

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
 * own ({@code support_desk_test}, or {@code support_desk_<name>} when TICKETING_PG_URL names another
 * database than {@code ticketing_test}; dropped and created afresh). The server is the one every machine
 * of this project runs (127.0.0.1:5432, user postgres; override with TICKETING_PG_URL,
 * TICKETING_PG_USER, TICKETING_PG_PASSWORD). When it cannot be reached the suite fails: it is
 * never skipped.
 */
@DisplayName("support desk on PostgreSQL")
@ActiveProfiles("postgres")
class SupportDeskPostgresIT extends SupportDeskSuite {
  static final String DATABASE = "support_desk_test";
  private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/ticketing_test";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = env("TICKETING_PG_URL", DEFAULT_URL);
    String user = env("TICKETING_PG_USER", "postgres");
    String password = env("TICKETING_PG_PASSWORD", "");
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    String server = base.substring(0, base.lastIndexOf('/') + 1);
    String database = database(base.substring(base.lastIndexOf('/') + 1));
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
    // The postgres profile keeps attachments in a fixed directory; the test in a temporary one.
    registry.add("desk.embedded-s3.directory", () -> "");
  }

  /**
   * {@value #DATABASE}, or beside another configured database one named after it, so that builds
   * pointed at different databases of one server do not drop each other's.
   */
  private static String database(String configured) {
    return configured.equals("ticketing_test") || !configured.matches("[a-z0-9_]{1,40}")
        ? DATABASE
        : "support_desk_" + configured;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  @Nested
  @DisplayName("GraphQL ticket module operations")
  class OperationsTests extends Operations {}

  @Nested
  @DisplayName("GraphQL ticket module workflows")
  class WorkflowsTests extends Workflows {}

  @Nested
  @DisplayName("Comdeall support module REST")
  class RestTests extends Rest {}

  @Nested
  @DisplayName("permission matrix")
  class PermissionMatrixTests extends PermissionMatrix {}

  @Nested
  @DisplayName("tenant isolation")
  class TenantIsolationTests extends TenantIsolation {}

  @Nested
  @DisplayName("internal notes")
  class InternalNotesTests extends InternalNotes {}

  @Nested
  @DisplayName("status transitions")
  class TransitionsTests extends Transitions {}

  @Nested
  @DisplayName("errors")
  class ErrorsTests extends Errors {}

  @Nested
  @DisplayName("batching")
  class BatchingTests extends Batching {}

  @Nested
  @DisplayName("(extension) requester, followers and CCs, tags")
  class RequesterParticipantsAndTagsTests extends RequesterParticipantsAndTags {}
}
