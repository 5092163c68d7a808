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
 * <p>The owner told is the ticket's requester (who may not be its creator). CCs are told what the
 * requester is told, and of each other's replies; followers are told what the assignee is told, and
 * of public replies.
 *
 * <p>An internal note only ever notifies its ticket's assignee and followers, never anyone else.
 * That keeps internal notes away from customers by construction: an assignee is always staff,
 * since {@code assignTicket} refuses anyone the directory does not report as staff, and so is a
 * follower, since {@code changeParticipants} refuses the same. So even when the owner is the
 * assignee, the owner is then staff; a CC, a customer, is never among them. {@code
 * NotificationRouterTest} holds it in place.
 */
final class NotificationRouter {
  private final TicketingOptions options;
  private final IdGenerator ids;
  private final NotificationExtras extras;

  NotificationRouter(TicketingOptions options, IdGenerator ids) {
    this(options, ids, NotificationExtras.NONE);
  }

  NotificationRouter(TicketingOptions options, IdGenerator ids, NotificationExtras extras) {
    this.options = options;
    this.ids = ids;
    this.extras = extras;
  }

  /** Customers just copied on the ticket: each is told so (never staff: CCs are customers). */
  List<NotificationRequest> ccsAdded(TicketRecord t, List<String> added, Actor actor, Instant at) {
    if (added.isEmpty()) {
      return List.of();
    }
    return request(
        NotificationTemplate.CC_ADDED,
        added.stream().map(Recipient::user).toList(),
        t,
        null,
        actor,
        at,
        Map.of());
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
      // The assignee and the followers, all staff: see the class comment. Never the admins as a
      // fall-back, never the owner (unless the owner is the assignee, and then staff), never a CC.
      return request(
          NotificationTemplate.INTERNAL_NOTE_ADDED,
          plus(assignee(t), followers(t)),
          t,
          c.id(),
          actor,
          at,
          data);
    }
    if (actor.isStaff()) {
      NotificationTemplate template =
          external ? NotificationTemplate.NOTE_ADDED : NotificationTemplate.COMMENT_ADDED;
      return request(template, plus(customers(t), followers(t)), t, c.id(), actor, at, data);
    }
    // A customer's reply: the staff working it, and the requester and CCs who did not write it.
    return request(
        NotificationTemplate.COMMENT_ADDED,
        plus(plus(assigneeOrAdmins(t), followers(t)), customers(t)),
        t,
        c.id(),
        actor,
        at,
        data);
  }

  List<NotificationRequest> assigned(TicketRecord t, Actor actor, Instant at) {
    return request(
        NotificationTemplate.TICKET_ASSIGNED,
        plus(assignee(t), followers(t)),
        t,
        null,
        actor,
        at,
        Map.of());
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
                  plus(customers(t), followers(t)),
                  t,
                  null,
                  actor,
                  at,
                  Map.of());
      case CLOSED ->
          request(
              NotificationTemplate.TICKET_CLOSED,
              plus(customers(t), followers(t)),
              t,
              null,
              actor,
              at,
              Map.of());
      case REOPENED ->
          request(
              NotificationTemplate.TICKET_REOPENED,
              plus(assigneeOrAdmins(t), followers(t)),
              t,
              null,
              actor,
              at,
              Map.of());
      default -> List.of();
    };
  }

  /** The requester (the owner) and the CCs: the customers of the ticket. */
  private static List<Recipient> customers(TicketRecord t) {
    List<Recipient> out = new ArrayList<>();
    out.add(Recipient.owner(t.requesterId()));
    t.ccIds().forEach(id -> out.add(Recipient.user(id)));
    return out;
  }

  /** The followers, all staff. */
  private static List<Recipient> followers(TicketRecord t) {
    return t.followerIds().stream().map(Recipient::user).toList();
  }

  /** Both lists, each user once (the first part they play wins). */
  private static List<Recipient> plus(List<Recipient> first, List<Recipient> second) {
    List<Recipient> out = new ArrayList<>(first);
    for (Recipient r : second) {
      boolean named =
          out.stream()
              .anyMatch(o -> o.userId() != null && o.userId().equals(r.userId()) || o.equals(r));
      if (!named) {
        out.add(r);
      }
    }
    return out;
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
    Map<String, String> data = new HashMap<>(extras.variables(template, t, at));
    data.putAll(extra);
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
