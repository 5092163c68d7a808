package dev.ticketing.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The events of each ticket that failed and are not published yet: a later event of the ticket
 * waits until they are, so that retries keep the order of the changes. Event ids sort in the order
 * of their ticket's changes. Only tickets with a failure are kept, and only until it is published.
 */
final class TicketOrder {

  private final Map<String, NavigableSet<String>> unpublished = new HashMap<>();

  /** An earlier unpublished event of the ticket that {@code eventId} must wait for, or null. */
  synchronized @Nullable String heldBy(String ticketId, String eventId) {
    NavigableSet<String> pending = unpublished.get(ticketId);
    return pending == null ? null : pending.lower(eventId);
  }

  synchronized void failed(String ticketId, String eventId) {
    unpublished.computeIfAbsent(ticketId, k -> new TreeSet<>()).add(eventId);
  }

  synchronized void published(String ticketId, String eventId) {
    NavigableSet<String> pending = unpublished.get(ticketId);
    if (pending != null) {
      pending.remove(eventId);
      if (pending.isEmpty()) {
        unpublished.remove(ticketId);
      }
    }
  }
}
