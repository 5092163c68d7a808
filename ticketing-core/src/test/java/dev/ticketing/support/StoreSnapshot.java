package dev.ticketing.support;

import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.spi.TicketRecord;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an in-memory store holds, as far as "nothing was written" is concerned: the number of
 * tickets, of outbox entries, and for chosen tickets the record itself (status, version, fields),
 * the length of its history and its comment and attachment counts. Two snapshots are equal when no
 * write happened in between.
 *
 * @param tickets stored tickets, soft-deleted ones included
 * @param outbox outbox entries in any state
 * @param perTicket the chosen tickets' state; an empty Optional for a ticket that is not stored
 */
public record StoreSnapshot(int tickets, int outbox, Map<String, Optional<TicketState>> perTicket) {

  /** One ticket's stored state. */
  public record TicketState(TicketRecord record, int history, int comments, int attachments) {}

  public static StoreSnapshot of(InMemoryTicketStore store, Collection<String> ticketIds) {
    Map<String, Optional<TicketState>> per = new LinkedHashMap<>();
    for (String id : ticketIds) {
      per.put(
          id,
          store
              .findTicket(id)
              .map(
                  t ->
                      new TicketState(
                          t,
                          store.history(id).size(),
                          store.comments(id, true).size(),
                          store.attachments(id, true).size())));
    }
    return new StoreSnapshot(store.ticketCount(), store.outboxEntries().size(), per);
  }
}
