package dev.ticketing.memory;

import dev.ticketing.LinkKind;
import dev.ticketing.spi.LinkRecord;
import dev.ticketing.spi.LinkStore;
import dev.ticketing.spi.MergeRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link LinkStore} in memory, beside an {@link InMemoryTicketStore}. Its units of work are its
 * own (one writer at a time, undone when the work throws); the engine opens one around each ticket
 * store unit of work, so links and merges roll back with the change. Reads scan every row: meant
 * for tests, examples and prototypes.
 *
 * @since 0.2.0
 */
public final class InMemoryLinkStore implements LinkStore {

  private static final Comparator<LinkRecord> LINK_ORDER =
      Comparator.comparing(LinkRecord::createdAt)
          .thenComparing(LinkRecord::fromTicketId)
          .thenComparing(LinkRecord::kind)
          .thenComparing(LinkRecord::toTicketId);

  private final Transactions tx = new Transactions();
  private final Map<String, LinkRecord> links = new HashMap<>();
  private final Map<String, MergeRecord> merges = new HashMap<>();

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return tx.inTransaction(work);
  }

  private static String key(String from, LinkKind kind, String to) {
    return from + '\u0000' + kind + '\u0000' + to;
  }

  @Override
  public boolean insertLink(LinkRecord link) {
    tx.beginWrite("insertLink");
    String key = key(link.fromTicketId(), link.kind(), link.toTicketId());
    if (links.containsKey(key)) {
      return false;
    }
    tx.put(links, key, link);
    return true;
  }

  @Override
  public boolean deleteLink(String fromTicketId, LinkKind kind, String toTicketId) {
    tx.beginWrite("deleteLink");
    return tx.remove(links, key(fromTicketId, kind, toTicketId)) != null;
  }

  @Override
  public List<LinkRecord> links(String ticketId) {
    return tx.read(
        () -> links.values().stream().filter(l -> l.touches(ticketId)).sorted(LINK_ORDER).toList());
  }

  @Override
  public int countLinks(String ticketId) {
    return tx.read(() -> (int) links.values().stream().filter(l -> l.touches(ticketId)).count());
  }

  @Override
  public boolean insertMerge(MergeRecord merge) {
    tx.beginWrite("insertMerge");
    if (merges.containsKey(merge.sourceTicketId())) {
      return false;
    }
    tx.put(merges, merge.sourceTicketId(), merge);
    return true;
  }

  @Override
  public Optional<MergeRecord> mergeOf(String sourceTicketId) {
    return tx.read(() -> Optional.ofNullable(merges.get(sourceTicketId)));
  }

  @Override
  public Map<String, List<MergeRecord>> mergesInto(Collection<String> targetTicketIds) {
    return tx.read(
        () -> {
          Map<String, List<MergeRecord>> out = new LinkedHashMap<>();
          for (String target : targetTicketIds) {
            List<MergeRecord> found = new ArrayList<>();
            for (MergeRecord m : merges.values()) {
              if (m.targetTicketId().equals(target)) {
                found.add(m);
              }
            }
            if (!found.isEmpty()) {
              found.sort(
                  Comparator.comparing(MergeRecord::mergedAt)
                      .thenComparing(MergeRecord::sourceTicketId));
              out.put(target, List.copyOf(found));
            }
          }
          return out;
        });
  }

  @Override
  public boolean deleteMerge(String sourceTicketId) {
    tx.beginWrite("deleteMerge");
    return tx.remove(merges, sourceTicketId) != null;
  }

  @Override
  public void deleteTicket(String ticketId) {
    tx.beginWrite("deleteTicket");
    for (String key : new ArrayList<>(links.keySet())) {
      LinkRecord l = links.get(key);
      if (l != null && l.touches(ticketId)) {
        tx.remove(links, key);
      }
    }
    for (String key : new ArrayList<>(merges.keySet())) {
      MergeRecord m = merges.get(key);
      if (m != null
          && (m.sourceTicketId().equals(ticketId) || m.targetTicketId().equals(ticketId))) {
        tx.remove(merges, key);
      }
    }
  }
}
