package dev.ticketing.spi;

import dev.ticketing.LinkKind;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where links between tickets and merges of tickets are kept. The engine decides (same company,
 * no cycles, one merge per source); the store keeps rows and refuses a second row for the same
 * link or the same merge source, so that of two racing writers only one wins. Every implementation
 * passes {@code LinkStoreContract} from {@code ticketing-tck}.
 *
 * <p><b>Units of work.</b> {@link #inTransaction} runs work in one unit of work, joining one open
 * on the thread; the engine opens it around the ticket store's, so that links and merges commit or
 * roll back with the tickets' audit entries. A store on the same database as the ticket store
 * shares its transaction.
 *
 * @since 0.2.0
 */
public interface LinkStore {

  /** Runs {@code work} in a unit of work (joining one already open on this thread). */
  <T> T inTransaction(Supplier<T> work);

  /**
   * Adds a link; false, writing nothing, when the same (from, kind, to) is kept already. Must run
   * inside {@link #inTransaction}.
   */
  boolean insertLink(LinkRecord link);

  /** Removes a link; false when there was none. Must run inside {@link #inTransaction}. */
  boolean deleteLink(String fromTicketId, LinkKind kind, String toTicketId);

  /** The links with the ticket at either end, oldest first (then by from, kind, to). */
  List<LinkRecord> links(String ticketId);

  /** How many links have the ticket at either end. */
  int countLinks(String ticketId);

  /**
   * Records a merge; false, writing nothing, when the source has a merge already (whoever wrote it).
   * Must run inside {@link #inTransaction}.
   */
  boolean insertMerge(MergeRecord merge);

  /** The merge of the ticket as a source, if it is merged. */
  Optional<MergeRecord> mergeOf(String sourceTicketId);

  /** The merges into these target tickets, by target, each oldest first; targets without are absent. */
  Map<String, List<MergeRecord>> mergesInto(Collection<String> targetTicketIds);

  /** Removes the merge of the source; false when there was none. Must run inside {@link #inTransaction}. */
  boolean deleteMerge(String sourceTicketId);

  /**
   * Removes every link and merge naming the ticket at either end (its erasure). Must run inside
   * {@link #inTransaction}.
   */
  void deleteTicket(String ticketId);
}
