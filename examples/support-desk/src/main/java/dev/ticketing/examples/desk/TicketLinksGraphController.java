package dev.ticketing.examples.desk;

import dev.ticketing.CommentView;
import dev.ticketing.LinkKind;
import dev.ticketing.LinkTickets;
import dev.ticketing.LinkView;
import dev.ticketing.MergeTickets;
import dev.ticketing.MergeView;
import dev.ticketing.TicketLinks;
import dev.ticketing.Ticketing;
import dev.ticketing.policy.Actor;
import dev.ticketing.spring.security.ActorResolver;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL extensions of {@code links.graphqls}: links between tickets and merges, on the
 * library's {@link TicketLinks}. Each field is one call on behalf of the current actor; who may
 * link and merge, what a customer sees of links and merged conversations, validation and the audit
 * log are the library's. The {@code Ticket} fields ask the library once per ticket: meant for a
 * ticket's page, not for long lists.
 */
@Controller
class TicketLinksGraphController {

  /** The input of {@code linkTickets} and {@code unlinkTickets}. */
  record LinkTicketsInput(
      @Nullable String ticketId, @Nullable LinkKind kind, @Nullable String otherTicketId) {
    LinkTickets toCommand() {
      return new LinkTickets(ticketId, kind, otherTicketId);
    }
  }

  /** The input of {@code mergeTickets}. */
  record MergeTicketsInput(@Nullable String sourceTicketId, @Nullable String targetTicketId) {
    MergeTickets toCommand() {
      return new MergeTickets(sourceTicketId, targetTicketId);
    }
  }

  private final TicketLinks links;
  private final ActorResolver actors;

  TicketLinksGraphController(Ticketing ticketing, ActorResolver actors) {
    this.links = ticketing.links();
    this.actors = actors;
  }

  private Actor actor() {
    return actors.currentActor();
  }

  @MutationMapping
  LinkView linkTickets(@Argument LinkTicketsInput linkTicketsInput) {
    return links.link(actor(), linkTicketsInput.toCommand());
  }

  @MutationMapping
  boolean unlinkTickets(@Argument LinkTicketsInput linkTicketsInput) {
    return links.unlink(actor(), linkTicketsInput.toCommand());
  }

  @MutationMapping
  MergeView mergeTickets(@Argument MergeTicketsInput mergeTicketsInput) {
    return links.merge(actor(), mergeTicketsInput.toCommand());
  }

  @MutationMapping
  TicketNode unmergeTicket(@Argument String sourceTicketId) {
    return TicketNode.of(links.unmerge(actor(), sourceTicketId));
  }

  @SchemaMapping(typeName = "Ticket")
  List<LinkView> links(TicketNode ticket) {
    return links.relations(actor(), ticket.id()).links();
  }

  @SchemaMapping(typeName = "Ticket")
  @Nullable MergeView mergedInto(TicketNode ticket) {
    return links.relations(actor(), ticket.id()).mergedInto();
  }

  @SchemaMapping(typeName = "Ticket")
  List<MergeView> merged(TicketNode ticket) {
    return links.relations(actor(), ticket.id()).merged();
  }

  @SchemaMapping(typeName = "Ticket")
  List<CommentView> conversation(TicketNode ticket) {
    return links.conversation(actor(), ticket.id()).comments();
  }
}
