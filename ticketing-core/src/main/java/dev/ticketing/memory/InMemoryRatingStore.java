package dev.ticketing.memory;

import dev.ticketing.ConflictException;
import dev.ticketing.Rating;
import dev.ticketing.RatingGrouping;
import dev.ticketing.spi.RatingStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RatingStore} in memory: units of work of its own (one writer at a time, undone when the
 * work throws); summaries scan every rating. Meant for tests, examples and prototypes.
 *
 * @since 0.2.0
 */
public final class InMemoryRatingStore implements RatingStore {

  private final Transactions tx = new Transactions();
  private final Map<String, Rating> byTicket = new HashMap<>();

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return tx.inTransaction(work);
  }

  @Override
  public void insert(Rating rating) {
    inTransaction(
        () -> {
          tx.beginWrite("insertRating");
          if (byTicket.containsKey(rating.ticketId())) {
            throw ConflictException.conflict(
                "ticket " + rating.ticketId() + " is rated already",
                new IllegalStateException("duplicate rating"));
          }
          tx.put(byTicket, rating.ticketId(), rating);
          return null;
        });
  }

  @Override
  public Optional<Rating> find(String ticketId) {
    return tx.read(() -> Optional.ofNullable(byTicket.get(ticketId)));
  }

  @Override
  public boolean delete(String ticketId) {
    return inTransaction(
        () -> {
          tx.beginWrite("deleteRating");
          return tx.remove(byTicket, ticketId) != null;
        });
  }

  @Override
  public List<Bucket> summarize(
      RatingGrouping grouping, Instant from, Instant to, @Nullable String companyId) {
    return tx.read(
        () -> {
          Map<String, long[]> groups = new TreeMap<>();
          for (Rating r : byTicket.values()) {
            if (r.ratedAt().isBefore(from)
                || !r.ratedAt().isBefore(to)
                || (companyId != null && !companyId.equals(r.companyId()))) {
              continue;
            }
            long[] c = groups.computeIfAbsent(key(grouping, r), k -> new long[4]);
            c[0]++;
            c[1] += r.score();
            c[2] += r.good() ? 1 : 0;
            c[3] += r.bad() ? 1 : 0;
          }
          List<Bucket> out = new ArrayList<>();
          groups.forEach((k, c) -> out.add(new Bucket(k, c[0], c[1], c[2], c[3])));
          return List.copyOf(out);
        });
  }

  /** The group key of a rating, as {@link RatingStore#summarize} defines it. */
  public static String key(RatingGrouping grouping, Rating r) {
    return switch (grouping) {
      case TOTAL -> "all";
      case DAY -> r.ratedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString();
      case MONTH -> r.ratedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7);
      case COMPANY -> r.companyId();
      case AGENT -> r.assigneeId() == null ? "" : r.assigneeId();
    };
  }
}
