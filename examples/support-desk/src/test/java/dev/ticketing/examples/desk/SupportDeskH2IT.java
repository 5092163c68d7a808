package dev.ticketing.examples.desk;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The suite on the embedded default: H2 in memory, exactly as {@code mvn spring-boot:run} starts it. */
@DisplayName("support desk on H2 (embedded default)")
class SupportDeskH2IT extends SupportDeskSuite {

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
