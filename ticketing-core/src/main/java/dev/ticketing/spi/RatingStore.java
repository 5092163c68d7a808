package dev.ticketing.spi;

import dev.ticketing.Rating;
import dev.ticketing.RatingGrouping;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Where satisfaction ratings are kept, one per ticket, on the ticket store's database so that a
 * rating commits with its audit entry. Every implementation passes {@code RatingStoreContract} from
 * {@code ticketing-tck}.
 *
 * @since 0.2.0
 */
public interface RatingStore {

  /** Runs {@code work} in a unit of work (joining one already open on this thread). */
  <T> T inTransaction(Supplier<T> work);

  /**
   * Adds the ticket's rating.
   *
   * @throws dev.ticketing.ConflictException when the ticket has one already
   */
  void insert(Rating rating);

  Optional<Rating> find(String ticketId);

  /** Deletes the ticket's rating (its erasure); false when there was none. */
  boolean delete(String ticketId);

  /**
   * Counts of the ratings given in {@code [from, to)}, of one company's tickets when {@code
   * companyId} is given, per group, in key order. Day and month keys are the UTC date of {@link
   * Rating#ratedAt()} as {@code yyyy-MM-dd} and {@code yyyy-MM}; agent keys are {@code ""} for
   * unassigned tickets.
   */
  List<Bucket> summarize(
      RatingGrouping grouping, Instant from, Instant to, @Nullable String companyId);

  /**
   * The counts of one group.
   *
   * @param key the group's key
   * @param count how many ratings
   * @param scoreSum the sum of their scores
   * @param good how many scored 4 or 5
   * @param bad how many scored 1 or 2
   */
  record Bucket(String key, long count, long scoreSum, long good, long bad) {}
}
