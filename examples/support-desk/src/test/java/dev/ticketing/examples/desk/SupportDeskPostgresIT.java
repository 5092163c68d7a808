package dev.ticketing.examples.desk;

import dev.ticketing.testsupport.DatabaseServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same suite on the local PostgreSQL, with the {@code postgres} profile, in a database of its
 * own, dropped and created afresh: {@code ticketing_support_desk}, or {@code <name>_support_desk}
 * when TICKETING_PG_URL names another database than {@code ticketing_test} (see {@link
 * DatabaseServer}; the server is the one every machine of this project runs, 127.0.0.1:5432, user
 * postgres, overridden by TICKETING_PG_URL, TICKETING_PG_USER, TICKETING_PG_PASSWORD). When it
 * cannot be reached the suite fails: it is never skipped.
 */
@DisplayName("support desk on PostgreSQL")
@ActiveProfiles("postgres")
class SupportDeskPostgresIT extends SupportDeskSuite {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    DatabaseServer server = DatabaseServer.POSTGRESQL;
    String url = server.recreate(server.scratchName("support_desk"));
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", server::user);
    registry.add("spring.datasource.password", server::password);
    // The postgres profile keeps attachments in a fixed directory; the test in a temporary one.
    registry.add("desk.embedded-s3.directory", () -> "");
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
