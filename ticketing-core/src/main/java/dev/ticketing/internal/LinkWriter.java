package dev.ticketing.internal;

import static dev.ticketing.internal.ChangeLog.change;

import dev.ticketing.AuditAction;
import dev.ticketing.LinkKind;
import dev.ticketing.LinkSettings;
import dev.ticketing.LinkTickets;
import dev.ticketing.ValidationException;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.spi.LinkRecord;
import dev.ticketing.spi.LinkStore;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Adds and removes links between two tickets of one company, inside the caller's unit of work:
 * checks who may, the company, a child's one parent and the absence of cycles, then writes the link
 * and an audit entry on both tickets (whose versions move, so that two links racing over the same
 * tickets cannot both pass the checks).
 */
final class LinkWriter {

  private final TicketStore store;
  private final LinkStore links;
  private final Access access;
  private final ChangeLog changes;
  private final LinkSettings settings;

  LinkWriter(
      TicketStore store, LinkStore links, Access access, ChangeLog changes, LinkSettings settings) {
    this.store = store;
    this.links = links;
    this.access = access;
    this.changes = changes;
    this.settings = settings;
  }

  /** The pair of tickets a link names, both checked: visible, staff's, permitted, one company. */
  private record Pair(TicketRecord ticket, TicketRecord other) {}

  private Pair pair(Actor actor, LinkTickets input) {
    String id = Objects.requireNonNull(input.ticketId());
    String otherId = Objects.requireNonNull(input.otherTicketId());
    access.holdInIdOrder(id, otherId);
    // The first ticket decides a refusal on its own; the other is looked at only then.
    TicketRecord ticket = access.visibleToChange(actor, id, Operation.LINK_TICKETS);
    requireStaff(actor, Operation.LINK_TICKETS, ticket);
    access.require(actor, Operation.LINK_TICKETS, ticket);
    if (id.equals(otherId)) {
      throw ValidationException.of("otherTicketId", "must be another ticket than ticketId");
    }
    TicketRecord other = access.visibleToChange(actor, otherId, Operation.LINK_TICKETS);
    access.require(actor, Operation.LINK_TICKETS, other);
    if (!ticket.companyId().equals(other.companyId())) {
      throw ValidationException.of(
          "otherTicketId", "must be a ticket of the same company as ticketId");
    }
    return new Pair(ticket, other);
  }

  /** Links and writes are staff's, whatever a policy grants a customer. */
  static void requireStaff(Actor actor, Operation operation, TicketRecord t) {
    if (!actor.isStaff()) {
      throw Access.denied(actor, operation, "ticket " + t.id() + " (staff only)");
    }
  }

  /** The stored form: a related link with the smaller id first. */
  static LinkRecord normalised(
      String from, LinkKind kind, String to, String createdBy, Instant createdAt) {
    if (kind == LinkKind.RELATED && from.compareTo(to) > 0) {
      return new LinkRecord(to, kind, from, createdBy, createdAt);
    }
    return new LinkRecord(from, kind, to, createdBy, createdAt);
  }

  LinkRecord link(Actor actor, LinkTickets input) {
    Pair p = pair(actor, input);
    LinkKind kind = Objects.requireNonNull(input.kind());
    Instant now = changes.now();
    LinkRecord wanted = normalised(p.ticket.id(), kind, p.other.id(), actor.id(), now);
    Optional<LinkRecord> existing = find(wanted);
    if (existing.isPresent()) {
      return existing.get(); // linking again changes nothing
    }
    checkShape(wanted);
    if (links.countLinks(p.ticket.id()) >= settings.maxLinksPerTicket()) {
      throw ValidationException.of("ticketId", limit());
    }
    if (links.countLinks(p.other.id()) >= settings.maxLinksPerTicket()) {
      throw ValidationException.of("otherTicketId", limit());
    }
    if (!links.insertLink(wanted)) {
      return find(wanted).orElse(wanted); // a concurrent writer linked them first
    }
    String text = describe(wanted);
    audit(actor, p, now, AuditAction.TICKET_LINKED, null, text);
    return wanted;
  }

  boolean unlink(Actor actor, LinkTickets input) {
    Pair p = pair(actor, input);
    LinkKind kind = Objects.requireNonNull(input.kind());
    Instant now = changes.now();
    LinkRecord named = normalised(p.ticket.id(), kind, p.other.id(), actor.id(), now);
    if (!links.deleteLink(named.fromTicketId(), named.kind(), named.toTicketId())) {
      return false;
    }
    audit(actor, p, now, AuditAction.TICKET_UNLINKED, describe(named), null);
    return true;
  }

  private String limit() {
    return "has " + settings.maxLinksPerTicket() + " links, the most a ticket keeps";
  }

  private Optional<LinkRecord> find(LinkRecord wanted) {
    return links.links(wanted.fromTicketId()).stream()
        .filter(
            l ->
                l.fromTicketId().equals(wanted.fromTicketId())
                    && l.kind() == wanted.kind()
                    && l.toTicketId().equals(wanted.toTicketId()))
        .findFirst();
  }

  /** One parent per child, no cycle of parents, no two tickets duplicating each other. */
  private void checkShape(LinkRecord wanted) {
    String from = wanted.fromTicketId();
    String to = wanted.toTicketId();
    if (wanted.kind() == LinkKind.PARENT_OF) {
      String parent = parentOf(to);
      if (parent != null) {
        throw ValidationException.of(
            "otherTicketId", "already has a parent ticket (" + parent + "); unlink it first");
      }
      Set<String> seen = new HashSet<>();
      for (String up = from; up != null && seen.add(up); up = parentOf(up)) {
        if (up.equals(to)) {
          throw ValidationException.of(
              "otherTicketId", "is a parent of ticketId already; parent links cannot form a cycle");
        }
      }
    } else if (wanted.kind() == LinkKind.DUPLICATE_OF) {
      boolean reverse =
          links.links(to).stream()
              .anyMatch(
                  l ->
                      l.kind() == LinkKind.DUPLICATE_OF
                          && l.fromTicketId().equals(to)
                          && l.toTicketId().equals(from));
      if (reverse) {
        throw ValidationException.of(
            "otherTicketId",
            "duplicates ticketId already; two tickets cannot duplicate each other");
      }
    }
  }

  private @Nullable String parentOf(String child) {
    for (LinkRecord l : links.links(child)) {
      if (l.kind() == LinkKind.PARENT_OF && l.toTicketId().equals(child)) {
        return l.fromTicketId();
      }
    }
    return null;
  }

  static String describe(LinkRecord l) {
    return l.fromTicketId() + " " + l.kind() + " " + l.toTicketId();
  }

  /** The audit entry on both tickets, whose versions move with it. */
  private void audit(
      Actor actor,
      Pair p,
      Instant now,
      AuditAction action,
      @Nullable String oldValue,
      @Nullable String newValue) {
    for (TicketRecord t : List.of(p.ticket, p.other)) {
      TicketRecord touched = store.updateTicket(t.edit().updatedAt(now).build());
      changes.record(t, touched, action, actor, now, List.of(change("link", oldValue, newValue)));
    }
  }
}
