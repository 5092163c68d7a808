package dev.ticketing.internal;

import dev.ticketing.NotificationTemplate;
import dev.ticketing.Status;
import dev.ticketing.TicketingOptions;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.Recipient;
import dev.ticketing.spi.TicketRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The routing rules of notifications: which change tells whom with which template. It records
 * who must be told as {@link Recipient}s — the admins, the owner, the assignee — and never asks the
 * directory: the outbox dispatcher expands the admins when it delivers, so that a directory outage
 * delays notifications instead of failing the change. Nobody is told of their own action (the
 * dispatcher removes the actor; a request naming nobody else is not written at all); templates
 * switched off in {@link TicketingOptions#disabledNotifications()} produce nothing.
 *
 * <p>An internal note only ever notifies its ticket's assignee, never anyone else. That keeps
 * internal notes away from customers by construction: an assignee is always staff, since {@code
 * assignTicket} refuses anyone the directory does not report as staff. So even when the owner is
 * the assignee, the owner is then staff. {@code NotificationRouterTest} holds it in place.
 */
final class NotificationRouter {
  private final TicketingOptions options;
  private final IdGenerator ids;

  NotificationRouter(TicketingOptions options, IdGenerator ids) {
    this.options = options;
    this.ids = ids;
  }

  List<NotificationRequest> created(TicketRecord t, Actor actor) {
    return request(
        NotificationTemplate.TICKET_CREATED,
        List.of(Recipient.admins()),
        t,
        null,
        actor,
        t.createdAt(),
        Map.of());
  }

  List<NotificationRequest> comment(
      TicketRecord t, CommentRecord c, Actor actor, boolean external, Instant at) {
    Map<String, String> data = Map.of("commentContent", c.content(), "authorId", c.authorId());
    if (c.internal()) {
      // The assignee and nobody else: see the class comment. Never the admins as a fall-back, never
      // the owner (unless the owner is the assignee, and then staff).
      return request(
          NotificationTemplate.INTERNAL_NOTE_ADDED, assignee(t), t, c.id(), actor, at, data);
    }
    if (actor.isStaff()) {
      NotificationTemplate template =
          external ? NotificationTemplate.NOTE_ADDED : NotificationTemplate.COMMENT_ADDED;
      return request(template, List.of(Recipient.owner(t.createdBy())), t, c.id(), actor, at, data);
    }
    return request(
        NotificationTemplate.COMMENT_ADDED, assigneeOrAdmins(t), t, c.id(), actor, at, data);
  }

  List<NotificationRequest> assigned(TicketRecord t, Actor actor, Instant at) {
    return request(NotificationTemplate.TICKET_ASSIGNED, assignee(t), t, null, actor, at, Map.of());
  }

  List<NotificationRequest> statusChanged(TicketRecord t, Actor actor, Instant at) {
    Status s = t.status();
    return switch (s) {
      case RESOLVED ->
          (options.resolutionNoticeOnlyFromStaff() && !actor.isStaff())
                  || !options.resolutionNoticeRoles().contains(actor.role())
              ? List.of()
              : request(
                  NotificationTemplate.TICKET_RESOLVED,
                  List.of(Recipient.owner(t.createdBy())),
                  t,
                  null,
                  actor,
                  at,
                  Map.of());
      case CLOSED ->
          request(
              NotificationTemplate.TICKET_CLOSED,
              List.of(Recipient.owner(t.createdBy())),
              t,
              null,
              actor,
              at,
              Map.of());
      case REOPENED ->
          request(
              NotificationTemplate.TICKET_REOPENED,
              assigneeOrAdmins(t),
              t,
              null,
              actor,
              at,
              Map.of());
      default -> List.of();
    };
  }

  private static List<Recipient> assigneeOrAdmins(TicketRecord t) {
    return t.assigneeId() != null
        ? List.of(Recipient.assignee(t.assigneeId()))
        : List.of(Recipient.admins());
  }

  private static List<Recipient> assignee(TicketRecord t) {
    @Nullable String id = t.assigneeId();
    return id == null ? List.of() : List.of(Recipient.assignee(id));
  }

  private List<NotificationRequest> request(
      NotificationTemplate template,
      List<Recipient> recipients,
      TicketRecord t,
      @Nullable String commentId,
      Actor actor,
      Instant at,
      Map<String, String> extra) {
    if (!options.notifies(template)) {
      return List.of();
    }
    // Users named outright are known now: leave out the actor, and write nothing if nobody is left.
    List<Recipient> told = new ArrayList<>();
    for (Recipient r : recipients) {
      if (r.kind() == Recipient.Kind.ADMINS || !actor.id().equals(r.userId())) {
        told.add(r);
      }
    }
    if (told.isEmpty()) {
      return List.of();
    }
    Map<String, String> data = new HashMap<>(extra);
    data.put("ticketId", t.id());
    data.put("ticketTitle", t.title());
    data.put("status", t.status().name());
    data.put("priority", t.priority().name());
    data.put("companyId", t.companyId());
    return List.of(
        new NotificationRequest(
            ids.newId(), template, told, t.id(), commentId, actor.id(), at, data));
  }
}
