package dev.ticketing.examples.desk;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.Category;
import dev.ticketing.ChangeParticipants;
import dev.ticketing.ChangeStatus;
import dev.ticketing.ChangeTags;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.Priority;
import dev.ticketing.RequestUpload;
import dev.ticketing.Status;
import dev.ticketing.TagMatch;
import dev.ticketing.TicketFilter;
import dev.ticketing.UpdateTicket;
import dev.ticketing.sla.SlaStanding;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The GraphQL ticket module's input types as Spring for GraphQL binds them, and how each becomes
 * the library's command. The library validates the commands (and names the offending fields);
 * nothing is validated twice here. Every mutation input also takes an optional {@code
 * idempotencyKey} (an extension of the module): a client repeating a mutation after a lost response
 * with the same key and input gets the first result instead of a second write.
 */
final class GraphQlInputs {
  private GraphQlInputs() {}

  record CreateTicketInput(
      @Nullable String title,
      @Nullable String description,
      @Nullable Priority priority,
      @Nullable String category,
      @Nullable String companyId,
      @Nullable String idempotencyKey,
      @Nullable String requesterId,
      @Nullable List<String> tags,
      @Nullable List<String> ccIds) {
    CreateTicket toCommand() {
      return new CreateTicket(title, description, priority, toCategory(category), companyId)
          .withIdempotencyKey(idempotencyKey)
          .onBehalfOf(requesterId)
          .withTags(tags)
          .withCcs(ccIds);
    }
  }

  /** (extension) Tags to add to a ticket and to remove from it. */
  record ChangeTagsInput(
      @Nullable String ticketId,
      @Nullable List<String> add,
      @Nullable List<String> remove,
      @Nullable String idempotencyKey) {
    ChangeTags toCommand() {
      return new ChangeTags(ticketId, add, remove, idempotencyKey);
    }
  }

  /** (extension) Followers and CCs to add to a ticket and to remove from it. */
  record ChangeParticipantsInput(
      @Nullable String ticketId,
      @Nullable List<String> addFollowers,
      @Nullable List<String> removeFollowers,
      @Nullable List<String> addCcs,
      @Nullable List<String> removeCcs,
      @Nullable String idempotencyKey) {
    ChangeParticipants toCommand() {
      return new ChangeParticipants(
          ticketId, addFollowers, removeFollowers, addCcs, removeCcs, idempotencyKey);
    }
  }

  record UpdateTicketInput(
      @Nullable String id,
      @Nullable String title,
      @Nullable String description,
      @Nullable Priority priority,
      @Nullable String category,
      @Nullable String idempotencyKey) {
    UpdateTicket toCommand() {
      return new UpdateTicket(id, title, description, priority, toCategory(category))
          .withIdempotencyKey(idempotencyKey);
    }
  }

  record UpdateTicketStatusInput(
      @Nullable String ticketId, @Nullable Status status, @Nullable String idempotencyKey) {
    ChangeStatus toCommand() {
      return new ChangeStatus(ticketId, status).withIdempotencyKey(idempotencyKey);
    }
  }

  record AssignTicketInput(
      @Nullable String ticketId, @Nullable String assignedToId, @Nullable String idempotencyKey) {
    AssignTicket toCommand() {
      return new AssignTicket(ticketId, assignedToId).withIdempotencyKey(idempotencyKey);
    }
  }

  record AddCommentInput(
      @Nullable String ticketId,
      @Nullable String content,
      @Nullable Boolean isInternal,
      @Nullable String idempotencyKey) {
    AddComment toCommand() {
      return new AddComment(ticketId, content, Boolean.TRUE.equals(isInternal))
          .withIdempotencyKey(idempotencyKey);
    }
  }

  record GenerateAttachmentUploadUrlInput(
      @Nullable String ticketId,
      @Nullable String fileName,
      @Nullable String contentType,
      int fileSize,
      @Nullable String idempotencyKey) {
    RequestUpload toCommand() {
      return new RequestUpload(ticketId, fileName, contentType, fileSize)
          .withIdempotencyKey(idempotencyKey);
    }
  }

  record CreateTicketAttachmentInput(
      @Nullable String ticketId,
      @Nullable String key,
      @Nullable String commentId,
      @Nullable String idempotencyKey) {
    ConfirmAttachment toCommand() {
      return new ConfirmAttachment(ticketId, key, commentId).withIdempotencyKey(idempotencyKey);
    }
  }

  record TicketFilterInput(
      @Nullable Status status,
      @Nullable Priority priority,
      @Nullable String category,
      @Nullable String searchTerm,
      @Nullable String companyId,
      @Nullable String assignedToId,
      @Nullable Boolean unassigned,
      @Nullable String createdBy,
      @Nullable Instant createdFrom,
      @Nullable Instant createdTo,
      @Nullable Boolean includeDeleted,
      @Nullable String requesterId,
      @Nullable List<String> tags,
      @Nullable TagMatch tagMatch,
      @Nullable SlaStanding slaStanding) {

    static TicketFilter toFilter(@Nullable TicketFilterInput input) {
      if (input == null) {
        return TicketFilter.none();
      }
      return TicketFilter.builder()
          .status(input.status)
          .priority(input.priority)
          .category(toCategory(input.category))
          .searchTerm(input.searchTerm)
          .companyId(input.companyId)
          .assignedToId(input.assignedToId)
          .unassigned(input.unassigned)
          .createdBy(input.createdBy)
          .createdFrom(input.createdFrom)
          .createdTo(input.createdTo)
          .includeDeleted(Boolean.TRUE.equals(input.includeDeleted))
          .requesterId(input.requesterId)
          .tags(input.tags)
          .tagMatch(input.tagMatch)
          .slaStanding(input.slaStanding)
          .build();
    }
  }

  /** The schema's enum admits only the built-in names, which are all valid categories. */
  private static @Nullable Category toCategory(@Nullable String name) {
    return name == null ? null : Category.of(name);
  }
}
