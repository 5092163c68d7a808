package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.ConflictException;
import dev.ticketing.Rating;
import dev.ticketing.RatingGrouping;
import dev.ticketing.spi.RatingStore;
import dev.ticketing.spi.RatingStore.Bucket;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RatingStore} must show, as an abstract JUnit Jupiter suite: one rating
 * per ticket, kept as written, erased on demand, and summaries grouped by period, company and
 * agent over a half-open time range. A store module runs it by returning a fresh store over an
 * empty table from {@link #createStore()}.
 *
 * @since 0.2.0
 */
public abstract class RatingStoreContract {

  /** Late on the last day of a month (UTC), at microsecond precision. */
  protected static final Instant T0 = Instant.parse("2026-11-30T23:59:59.123456Z");

  protected RatingStore store;

  /** A fresh store over an empty table. */
  protected abstract RatingStore createStore();

  @BeforeEach
  void freshStore() {
    store = createStore();
  }

  protected static Rating rating(
      int score, String company, @Nullable String assignee, Instant at, @Nullable String comment) {
    return new Rating(
        UUID.randomUUID().toString(), score, comment, "john", company, assignee, at, false);
  }

  @Test
  void aRatingReadsBackAsWritten() {
    Rating r = rating(4, "acme", "sarah", T0, "Fast ✓ and\nfriendly");
    Rating bare =
        new Rating(UUID.randomUUID().toString(), 1, null, "jane", "globex", null, T0, true);
    store.inTransaction(
        () -> {
          store.insert(r);
          store.insert(bare);
          return null;
        });

    assertThat(store.find(r.ticketId())).contains(r);
    assertThat(store.find(bare.ticketId())).contains(bare);
    assertThat(store.find("missing")).isEmpty();
  }

  @Test
  void aTicketIsRatedOnce() {
    Rating r = rating(4, "acme", "sarah", T0, null);
    store.insert(r);
    Rating again =
        new Rating(
            r.ticketId(), 1, "changed my mind", "john", "acme", null, T0.plusSeconds(5), false);

    assertThatThrownBy(() -> store.insert(again)).isInstanceOf(ConflictException.class);
    assertThat(store.find(r.ticketId())).contains(r);
  }

  @Test
  void aRatingIsErased() {
    Rating r = rating(4, "acme", "sarah", T0, null);
    store.insert(r);

    assertThat(store.delete(r.ticketId())).isTrue();
    assertThat(store.find(r.ticketId())).isEmpty();
    assertThat(store.delete(r.ticketId())).isFalse();
  }

  @Test
  void summariesGroupAndCountOverAHalfOpenRange() {
    store.insert(rating(5, "acme", "sarah", T0, null)); // 2026-11-30
    store.insert(rating(2, "acme", null, T0.plusSeconds(1), null)); // 2026-12-01
    store.insert(rating(3, "globex", "sarah", T0.plusSeconds(2), null));
    store.insert(rating(4, "globex", "mike", T0.plusSeconds(3), null));
    Instant from = T0;
    Instant to = T0.plusSeconds(3); // the last one is outside

    assertThat(store.summarize(RatingGrouping.TOTAL, from, to, null))
        .containsExactly(new Bucket("all", 3, 10, 1, 1));
    assertThat(store.summarize(RatingGrouping.DAY, from, to, null))
        .containsExactly(
            new Bucket("2026-11-30", 1, 5, 1, 0), new Bucket("2026-12-01", 2, 5, 0, 1));
    assertThat(store.summarize(RatingGrouping.MONTH, from, to, null))
        .containsExactly(new Bucket("2026-11", 1, 5, 1, 0), new Bucket("2026-12", 2, 5, 0, 1));
    assertThat(store.summarize(RatingGrouping.COMPANY, from, T0.plusSeconds(4), null))
        .containsExactly(new Bucket("acme", 2, 7, 1, 1), new Bucket("globex", 2, 7, 1, 0));
    assertThat(store.summarize(RatingGrouping.AGENT, from, T0.plusSeconds(4), "globex"))
        .containsExactly(new Bucket("mike", 1, 4, 1, 0), new Bucket("sarah", 1, 3, 0, 0));
    assertThat(store.summarize(RatingGrouping.AGENT, from, to, "acme"))
        .containsExactly(new Bucket("", 1, 2, 0, 1), new Bucket("sarah", 1, 5, 1, 0));
    assertThat(store.summarize(RatingGrouping.TOTAL, T0.minusSeconds(10), T0, null)).isEmpty();
  }
}
