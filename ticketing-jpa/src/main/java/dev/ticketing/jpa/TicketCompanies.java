package dev.ticketing.jpa;

import dev.ticketing.jpa.entity.TicketEntity;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The company of a ticket, which every row of the ticket copies and every statement on those rows
 * names, so that a database distributed or partitioned by company reaches one shard or partition.
 *
 * <p>A ticket's company never changes, so an answer stays true: the last few thousand are
 * remembered. Otherwise the ticket is looked up by its id, which costs nothing when the unit of work
 * already loaded it (the service reads a ticket before it writes any row of it). A ticket that does
 * not exist (any more) has {@link #NONE}, the value the schema gives such rows.
 */
final class TicketCompanies {

  /** The company of rows whose ticket is unknown: the empty string, which no company id can be. */
  static final String NONE = "";

  private static final int REMEMBERED = 4096;

  private final Map<String, String> known =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
              return size() > REMEMBERED;
            }
          });

  /** The ticket's company, or {@link #NONE} when no such ticket exists. */
  String of(EntityManager em, String ticketId) {
    String company = known.get(ticketId);
    if (company != null) {
      return company;
    }
    TicketEntity ticket = em.find(TicketEntity.class, ticketId);
    if (ticket == null) {
      return NONE;
    }
    remember(ticket.id, ticket.companyId);
    return ticket.companyId;
  }

  /** The companies of the tickets that exist among these, in one statement for those not known. */
  Map<String, String> of(EntityManager em, Collection<String> ticketIds) {
    Map<String, String> out = new HashMap<>();
    List<String> unknown =
        ticketIds.stream()
            .filter(
                id -> {
                  String company = known.get(id);
                  if (company != null) {
                    out.put(id, company);
                  }
                  return company == null;
                })
            .distinct()
            .toList();
    if (!unknown.isEmpty()) {
      em.createQuery(
              "select t.id, t.companyId from TicketEntity t where t.id in :ids", Object[].class)
          .setParameter("ids", unknown)
          .getResultList()
          .forEach(
              r -> {
                remember((String) r[0], (String) r[1]);
                out.put((String) r[0], (String) r[1]);
              });
    }
    return out;
  }

  /**
   * The distinct companies of the tickets, with {@link #NONE} when any is not found: what a
   * statement on the rows of several tickets names in {@code company_id in (...)}.
   */
  List<String> distinct(EntityManager em, List<String> ticketIds) {
    Map<String, String> known = of(em, ticketIds);
    Set<String> out = new LinkedHashSet<>(known.values());
    if (known.size() < ticketIds.stream().distinct().count()) {
      out.add(NONE);
    }
    return List.copyOf(out);
  }

  void remember(String ticketId, String companyId) {
    known.put(ticketId, companyId);
  }
}
