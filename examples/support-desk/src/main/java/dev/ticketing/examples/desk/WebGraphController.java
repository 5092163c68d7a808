package dev.ticketing.examples.desk;

import dev.ticketing.Status;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UserView;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.policy.TicketFacts;
import dev.ticketing.spring.security.ActorResolver;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL extensions the web components read ({@code web.graphqls}): the signed-in user, the
 * staff to assign to, and each ticket's status changes open to the caller, so that no client keeps
 * its own copy of the state machine or the permission matrix.
 */
@Controller
class WebGraphController {

  /** {@code DeskViewer}. */
  record DeskViewer(String id, String name, boolean staff, @Nullable String companyId) {}

  private final ActorResolver actors;
  private final PermissionPolicy policy;
  private final TicketingOptions options;

  WebGraphController(ActorResolver actors, PermissionPolicy policy, TicketingOptions options) {
    this.actors = actors;
    this.policy = policy;
    this.options = options;
  }

  @QueryMapping
  DeskViewer deskViewer() {
    Actor actor = actors.currentActor();
    String name =
        DemoPeople.byId(actor.id()).map(p -> p.firstName() + " " + p.lastName()).orElse(actor.id());
    return new DeskViewer(actor.id(), name, actor.isStaff(), actor.companyId());
  }

  @QueryMapping
  List<UserView> deskAgents() {
    if (!actors.currentActor().isStaff()) {
      return List.of();
    }
    return DemoPeople.PEOPLE.stream()
        .filter(p -> p.companyId() == null)
        .map(p -> new UserView(p.id(), p.firstName(), p.lastName(), p.login(), p.hostRole(), true))
        .toList();
  }

  @SchemaMapping(typeName = "Ticket")
  List<Status> allowedStatuses(TicketNode ticket) {
    Actor actor = actors.currentActor();
    TicketFacts facts = facts(ticket.view());
    return options.transitions().targets(ticket.view().status()).stream()
        .filter(target -> policy.permitsStatusChange(actor, facts, target))
        .toList();
  }

  private static TicketFacts facts(TicketView view) {
    return new TicketFacts() {
      @Override
      public String companyId() {
        return view.company().id();
      }

      @Override
      public String createdBy() {
        return view.user().id();
      }

      @Override
      public String requesterId() {
        return view.requester().id();
      }

      @Override
      public List<String> ccIds() {
        return view.ccs().stream().map(UserView::id).toList();
      }

      @Override
      public @Nullable String assigneeId() {
        UserView assignee = view.assignedTo();
        return assignee == null ? null : assignee.id();
      }

      @Override
      public Status status() {
        return view.status();
      }
    };
  }
}
