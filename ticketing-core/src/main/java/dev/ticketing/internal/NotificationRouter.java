package dev.ticketing.internal;

import dev.ticketing.Status;
import dev.ticketing.TicketingOptions;
import dev.ticketing.notification.Templates;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.TicketRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The routing rules of SPEC section 9: which change notifies whom with which template. Nobody is
 * notified of their own action; templates switched off in {@link
 * TicketingOptions#disabledNotifications()} produce nothing (and cost no directory call).
 *
 * <p>An internal note only ever notifies its ticket's assignee, never anyone else. That keeps
 * internal notes away from customers by construction, without a directory look-up per note: an
 * assignee is always staff, since {@code assignTicket} refuses anyone the directory does not
 * report as staff. So even when the owner is the assignee, the owner is then staff. The router
 * only knows ids, so this is the guarantee; {@code NotificationRouterTest} holds it in place.
 */
final class NotificationRouter {
  private final Directory directory;
  private final TicketingOptions options;
  private final IdGenerator ids;

  NotificationRouter(Directory directory, TicketingOptions options, IdGenerator ids) {
    this.directory = directory;
    this.options = options;
    this.ids = ids;
  }

  List<Notification> created(TicketRecord t, Actor actor) {
    if (!options.notifies(Templates.TICKET_CREATED)) {
      return List.of();
    }
    return build(Templates.TICKET_CREATED, directory.adminIds(), t, null, actor, t.createdAt(), Map.of());
  }

  List<Notification> comment(TicketRecord t, CommentRecord c, Actor actor, boolean external, Instant at) {
    Map<String, String> data = Map.of("commentContent", c.content(), "authorId", c.authorId());
    if (c.internal()) {
      // The assignee and nobody else: see the class comment. Never the admins as a fallback, never
      // the owner (unless the owner is the assignee, and then staff).
      return build(Templates.INTERNAL_NOTE_ADDED, single(t.assigneeId()), t, c.id(), actor, at, data);
    }
    if (actor.isStaff()) {
      String template = external ? Templates.NOTE_ADDED : Templates.COMMENT_ADDED;
      return build(template, List.of(t.createdBy()), t, c.id(), actor, at, data);
    }
    if (!options.notifies(Templates.COMMENT_ADDED)) {
      return List.of();
    }
    return build(Templates.COMMENT_ADDED, assigneeOrAdmins(t), t, c.id(), actor, at, data);
  }

  List<Notification> assigned(TicketRecord t, Actor actor, Instant at) {
    return build(Templates.TICKET_ASSIGNED, single(t.assigneeId()), t, null, actor, at, Map.of());
  }

  List<Notification> statusChanged(TicketRecord t, Actor actor, Instant at) {
    Status s = t.status();
    return switch (s) {
      case RESOLVED -> options.resolutionNoticeOnlyFromStaff() && !actor.isStaff()
          ? List.of()
          : build(Templates.TICKET_RESOLVED, List.of(t.createdBy()), t, null, actor, at, Map.of());
      case CLOSED -> build(Templates.TICKET_CLOSED, List.of(t.createdBy()), t, null, actor, at, Map.of());
      case REOPENED -> options.notifies(Templates.TICKET_REOPENED)
          ? build(Templates.TICKET_REOPENED, assigneeOrAdmins(t), t, null, actor, at, Map.of())
          : List.of();
      default -> List.of();
    };
  }

  private Collection<String> assigneeOrAdmins(TicketRecord t) {
    return t.assigneeId() != null ? List.of(t.assigneeId()) : directory.adminIds();
  }

  private static List<String> single(@Nullable String id) {
    return id == null ? List.of() : List.of(id);
  }

  private List<Notification> build(String template, Collection<String> recipients, TicketRecord t,
      @Nullable String commentId, Actor actor, Instant at, Map<String, String> extra) {
    if (!options.notifies(template)) {
      return List.of();
    }
    Set<String> unique = new LinkedHashSet<>(recipients);
    unique.remove(actor.id());
    if (unique.isEmpty()) {
      return List.of();
    }
    Map<String, String> data = new HashMap<>(extra);
    data.put("ticketId", t.id());
    data.put("ticketTitle", t.title());
    data.put("status", t.status().name());
    data.put("priority", t.priority().name());
    data.put("companyId", t.companyId());
    List<Notification> out = new ArrayList<>(unique.size());
    for (String recipient : unique) {
      out.add(new Notification(ids.newId(), template, recipient, t.id(), commentId, actor.id(), at, data));
    }
    return out;
  }
}
