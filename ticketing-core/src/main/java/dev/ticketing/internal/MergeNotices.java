package dev.ticketing.internal;

import dev.ticketing.NotificationTemplate;
import dev.ticketing.TicketingOptions;
import dev.ticketing.policy.Actor;
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
 * The notifications of a merge and an unmerge: one per ticket, to its requester, its CCs and its
 * followers (never the actor). Each names only the ticket at its other end by id.
 */
final class MergeNotices {

  private final TicketingOptions options;
  private final IdGenerator ids;

  MergeNotices(TicketingOptions options, IdGenerator ids) {
    this.options = options;
    this.ids = ids;
  }

  List<NotificationRequest> merged(
      TicketRecord source, TicketRecord target, Actor actor, Instant at) {
    List<NotificationRequest> out = new ArrayList<>();
    out.addAll(
        request(
            NotificationTemplate.TICKET_MERGED,
            source,
            actor,
            at,
            Map.of("mergedIntoTicketId", target.id())));
    out.addAll(
        request(
            NotificationTemplate.TICKET_MERGED,
            target,
            actor,
            at,
            Map.of("mergedTicketId", source.id())));
    return out;
  }

  List<NotificationRequest> unmerged(
      TicketRecord source, @Nullable TicketRecord target, Actor actor, Instant at) {
    List<NotificationRequest> out = new ArrayList<>();
    String targetId = target == null ? "" : target.id();
    out.addAll(
        request(
            NotificationTemplate.TICKET_UNMERGED,
            source,
            actor,
            at,
            Map.of("mergedIntoTicketId", targetId)));
    if (target != null) {
      out.addAll(
          request(
              NotificationTemplate.TICKET_UNMERGED,
              target,
              actor,
              at,
              Map.of("mergedTicketId", source.id())));
    }
    return out;
  }

  private List<NotificationRequest> request(
      NotificationTemplate template,
      TicketRecord t,
      Actor actor,
      Instant at,
      Map<String, String> extra) {
    if (!options.notifies(template)) {
      return List.of();
    }
    List<Recipient> told = new ArrayList<>();
    List<String> named = new ArrayList<>();
    named.add(t.requesterId());
    named.addAll(t.ccIds());
    named.addAll(t.followerIds());
    for (String id : named) {
      if (!id.equals(actor.id()) && told.stream().noneMatch(r -> id.equals(r.userId()))) {
        told.add(id.equals(t.requesterId()) ? Recipient.owner(id) : Recipient.user(id));
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
        new NotificationRequest(ids.newId(), template, told, t.id(), null, actor.id(), at, data));
  }
}
