package dev.ticketing.examples.desk;

import dev.ticketing.AttachmentView;
import dev.ticketing.AuditEntry;
import dev.ticketing.CommentView;
import dev.ticketing.Counts;
import dev.ticketing.PageRequest;
import dev.ticketing.TagCount;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketPage;
import dev.ticketing.TicketService;
import dev.ticketing.TicketStats;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UploadUrl;
import dev.ticketing.UserView;
import dev.ticketing.examples.desk.GraphQlInputs.AddCommentInput;
import dev.ticketing.examples.desk.GraphQlInputs.AssignTicketInput;
import dev.ticketing.examples.desk.GraphQlInputs.ChangeParticipantsInput;
import dev.ticketing.examples.desk.GraphQlInputs.ChangeTagsInput;
import dev.ticketing.examples.desk.GraphQlInputs.CreateTicketAttachmentInput;
import dev.ticketing.examples.desk.GraphQlInputs.CreateTicketInput;
import dev.ticketing.examples.desk.GraphQlInputs.GenerateAttachmentUploadUrlInput;
import dev.ticketing.examples.desk.GraphQlInputs.TicketFilterInput;
import dev.ticketing.examples.desk.GraphQlInputs.UpdateTicketInput;
import dev.ticketing.examples.desk.GraphQlInputs.UpdateTicketStatusInput;
import dev.ticketing.policy.Actor;
import dev.ticketing.spring.security.ActorResolver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * The GraphQL ticket module's GraphQL operations on the library's {@link TicketService}. Each
 * operation is one service call on behalf of the current actor: the permission policy, the state
 * machine, validation, the audit log and notifications all happen in the library. Errors become
 * GraphQL errors with the library's code in {@code extensions.code} ({@link GraphQlErrors}).
 *
 * <p>Users and companies need no data loader: the library resolves them for a whole page with one
 * batched directory call each, so every view already carries them. Comments and attachments of list
 * items go through one data loader, so a list of tickets with their comments costs a fixed number of
 * service calls whatever its length (and however often the document asks for it).
 *
 * <p>Mutation fields are nullable in the schema: in a document with several mutations, one that
 * fails is null with its error while the ones before it, already committed, keep their data.
 */
@Controller
class TicketGraphController {
  private final TicketService tickets;
  private final ActorResolver actors;

  TicketGraphController(
      TicketService tickets,
      ActorResolver actors,
      BatchLoaderRegistry loaders,
      TicketingOptions options) {
    this.tickets = tickets;
    this.actors = actors;
    registerDetailsLoader(loaders, options.listLimit());
  }

  // ---- mutations

  @MutationMapping
  TicketNode createTicket(@Argument CreateTicketInput createTicketInput) {
    return TicketNode.of(
        tickets.createTicket(actors.currentActor(), createTicketInput.toCommand()));
  }

  @MutationMapping
  TicketNode updateTicket(@Argument UpdateTicketInput updateTicketInput) {
    return TicketNode.of(
        tickets.updateTicket(actors.currentActor(), updateTicketInput.toCommand()));
  }

  @MutationMapping
  TicketNode updateTicketStatus(@Argument UpdateTicketStatusInput updateTicketStatusInput) {
    return TicketNode.of(
        tickets.changeStatus(actors.currentActor(), updateTicketStatusInput.toCommand()));
  }

  @MutationMapping
  TicketNode assignTicket(@Argument AssignTicketInput assignTicketInput) {
    return TicketNode.of(
        tickets.assignTicket(actors.currentActor(), assignTicketInput.toCommand()));
  }

  @MutationMapping
  CommentView addTicketComment(@Argument AddCommentInput addCommentInput) {
    return tickets.addComment(actors.currentActor(), addCommentInput.toCommand());
  }

  @MutationMapping
  UploadUrl generateTicketAttachmentUploadUrl(
      @Argument GenerateAttachmentUploadUrlInput generateAttachmentUploadUrlInput) {
    return tickets.requestUpload(
        actors.currentActor(), generateAttachmentUploadUrlInput.toCommand());
  }

  @MutationMapping
  AttachmentView createTicketAttachment(
      @Argument CreateTicketAttachmentInput createTicketAttachmentInput) {
    return tickets.confirmAttachment(
        actors.currentActor(), createTicketAttachmentInput.toCommand());
  }

  @MutationMapping
  TicketNode deleteTicket(@Argument String id, @Argument @Nullable String idempotencyKey) {
    return TicketNode.of(tickets.deleteTicket(actors.currentActor(), id, idempotencyKey));
  }

  @MutationMapping
  TicketNode changeTicketTags(@Argument ChangeTagsInput changeTagsInput) {
    return TicketNode.of(tickets.changeTags(actors.currentActor(), changeTagsInput.toCommand()));
  }

  @MutationMapping
  TicketNode changeTicketParticipants(@Argument ChangeParticipantsInput changeParticipantsInput) {
    return TicketNode.of(
        tickets.changeParticipants(actors.currentActor(), changeParticipantsInput.toCommand()));
  }

  @MutationMapping
  TicketNode restoreTicket(@Argument String id) {
    return TicketNode.of(tickets.restoreTicket(actors.currentActor(), id));
  }

  @MutationMapping
  Boolean purgeTicket(@Argument String id) {
    tickets.purgeTicket(actors.currentActor(), id);
    return true;
  }

  // ---- queries

  @QueryMapping
  TicketNode ticket(@Argument String id) {
    return TicketNode.of(tickets.ticket(actors.currentActor(), id));
  }

  @QueryMapping
  List<TicketNode> myTickets() {
    return nodes(tickets.myTickets(actors.currentActor()));
  }

  @QueryMapping
  List<TicketNode> myAssignedTickets() {
    return nodes(tickets.myAssignedTickets(actors.currentActor()));
  }

  @QueryMapping
  List<TicketNode> ticketsByCompany(@Argument String companyId) {
    return nodes(tickets.ticketsByCompany(actors.currentActor(), companyId));
  }

  @QueryMapping(name = "tickets")
  List<TicketNode> allTickets(@Argument @Nullable TicketFilterInput filter) {
    return nodes(tickets.tickets(actors.currentActor(), TicketFilterInput.toFilter(filter)));
  }

  @QueryMapping
  TicketPage ticketsPaginated(
      @Argument @Nullable Integer first,
      @Argument @Nullable String after,
      @Argument @Nullable Boolean includeTotalCount,
      @Argument @Nullable TicketFilterInput filter) {
    PageRequest page =
        new PageRequest(
            first == null ? PageRequest.DEFAULT_SIZE : first,
            after,
            Boolean.TRUE.equals(includeTotalCount));
    return tickets.ticketsPaginated(
        actors.currentActor(), page, TicketFilterInput.toFilter(filter));
  }

  @QueryMapping
  TicketStats ticketStats(@Argument @Nullable String companyId) {
    return tickets.ticketStats(actors.currentActor(), companyId);
  }

  @QueryMapping
  List<TagCount> ticketTagStats(@Argument @Nullable String companyId, @Argument int limit) {
    return tickets.tagStats(actors.currentActor(), companyId, limit);
  }

  @QueryMapping
  List<AuditEntry> ticketHistory(@Argument String ticketId) {
    return tickets.history(actors.currentActor(), ticketId);
  }

  // ---- fields whose name or shape differs from the library's views

  @SchemaMapping(typeName = "Ticket", field = "_count")
  Counts count(TicketNode ticket) {
    return ticket.count();
  }

  /**
   * Lists carry no comment lists. Asked for on the items of a list, the comments (and attachments)
   * of every ticket of the request are read together, in one service call ({@link
   * TicketService#ticketDetails}), through the request's data loader; a ticket read on its own
   * already has them.
   */
  @SchemaMapping(typeName = "Ticket")
  CompletableFuture<List<CommentView>> comments(
      TicketNode ticket, DataLoader<String, TicketDetails> details) {
    return details(ticket, details).thenApply(TicketDetails::comments);
  }

  @SchemaMapping(typeName = "Ticket")
  CompletableFuture<List<AttachmentView>> attachments(
      TicketNode ticket, DataLoader<String, TicketDetails> details) {
    return details(ticket, details).thenApply(TicketDetails::attachments);
  }

  @SchemaMapping(typeName = "TicketEdge")
  TicketNode node(TicketPage.Edge edge) {
    return TicketNode.of(edge.node());
  }

  @SchemaMapping(typeName = "User")
  @Nullable RoleName role(UserView user) {
    return user.roleName() == null ? null : new RoleName(user.roleName());
  }

  @SchemaMapping(typeName = "AttachmentUploadUrl")
  List<HttpHeader> requiredHeaders(UploadUrl upload) {
    return upload.requiredHeaders().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> new HttpHeader(e.getKey(), e.getValue()))
        .toList();
  }

  private CompletableFuture<TicketDetails> details(
      TicketNode ticket, DataLoader<String, TicketDetails> loader) {
    TicketDetails details = ticket.details();
    if (details != null) {
      return CompletableFuture.completedFuture(details);
    }
    // The actor rides along as the key's context: the batch is read on behalf of whoever asked.
    return loader.load(ticket.id(), actors.currentActor());
  }

  /**
   * The batch behind {@link #comments} and {@link #attachments}: every ticket id of one request's
   * level, read in one call (in chunks of the library's list limit, which a list never exceeds).
   */
  private void registerDetailsLoader(BatchLoaderRegistry registry, int maxBatch) {
    registry
        .forTypePair(String.class, TicketDetails.class)
        .withOptions(options -> options.setMaxBatchSize(maxBatch))
        .registerMappedBatchLoader(
            (ids, environment) ->
                Mono.fromCallable(
                    () -> {
                      Actor actor = (Actor) environment.getKeyContextsList().get(0);
                      Map<String, TicketDetails> found = tickets.ticketDetails(actor, ids);
                      return found;
                    }));
  }

  private static List<TicketNode> nodes(List<TicketView> views) {
    return views.stream().map(TicketNode::of).toList();
  }

  /** The GraphQL {@code Role}: the host's role name. */
  record RoleName(String name) {}

  /** A header the upload must carry. */
  record HttpHeader(String name, String value) {}
}
