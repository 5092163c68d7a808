package dev.ticketing.jpa;

import dev.ticketing.ValidationException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link JpaTicketStore} with options: {@code JpaTicketStore.builder(transactions)}.
 *
 * <p><b>Read replica.</b> With {@link #replica(DataSource)}, the reads the engine makes to answer an
 * actor's listing, search, page total or statistics go to a read-only replica of the database
 * (PostgreSQL streaming replication, for example), except:
 *
 * <ul>
 *   <li>reads inside a unit of work (a write's, or the host's own transaction) and every read of one
 *       ticket (which may precede a write) stay on the primary;
 *   <li>after an actor's own write, that actor's reads go to the primary for the {@linkplain
 *       #readYourWritesWindow read-your-writes window}, so the actor sees what it just wrote;
 *   <li>while the replica lags more than {@linkplain #maxReplicaLag the bound} (measured on
 *       PostgreSQL at most once a second), or for 5 seconds after it failed, reads go to the primary;
 *       a read that fails on the replica runs again on the primary, so a replica that is down never
 *       fails a caller. Each change of state is logged once.
 * </ul>
 *
 * @since 0.2.0
 */
public final class JpaTicketStoreBuilder {

  /** The read-your-writes window unless set. */
  public static final Duration DEFAULT_READ_YOUR_WRITES_WINDOW = Duration.ofSeconds(5);

  /** The most a replica may lag before reads leave it, unless set. */
  public static final Duration DEFAULT_MAX_REPLICA_LAG = Duration.ofSeconds(10);

  private final JpaTransactions transactions;
  private @Nullable DataSource replica;
  private Duration readYourWritesWindow = DEFAULT_READ_YOUR_WRITES_WINDOW;
  private Duration maxReplicaLag = DEFAULT_MAX_REPLICA_LAG;

  JpaTicketStoreBuilder(JpaTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  /**
   * A read-only data source on a replica of the store's database, for listings, searches, counts
   * and statistics; null for none (the default). Its schema is the primary's, by replication.
   *
   * @param replica the replica's data source, or null
   * @return this builder
   */
  public JpaTicketStoreBuilder replica(@Nullable DataSource replica) {
    this.replica = replica;
    return this;
  }

  /**
   * How long after an actor's write that actor's reads go to the primary; default {@link
   * #DEFAULT_READ_YOUR_WRITES_WINDOW} (5 seconds), zero for never. Up to 10,000 recent writers are
   * remembered; past that, every actor's reads go to the primary until the oldest one's window has
   * passed.
   *
   * @param window zero or more
   * @return this builder
   */
  public JpaTicketStoreBuilder readYourWritesWindow(Duration window) {
    this.readYourWritesWindow = nonNegative(window, "readYourWritesWindow");
    return this;
  }

  /**
   * How far a replica may lag behind the primary before reads leave it; default {@link
   * #DEFAULT_MAX_REPLICA_LAG} (10 seconds). Measured on PostgreSQL ({@code
   * pg_last_xact_replay_timestamp()}, none when the replica replayed all it received); on other
   * databases only failures divert reads.
   *
   * @param maxLag zero or more
   * @return this builder
   */
  public JpaTicketStoreBuilder maxReplicaLag(Duration maxLag) {
    this.maxReplicaLag = nonNegative(maxLag, "maxReplicaLag");
    return this;
  }

  /**
   * The store.
   *
   * @return a new store
   */
  public JpaTicketStore build() {
    DataSource r = replica;
    return new JpaTicketStore(
        transactions,
        r == null
            ? ReplicaReads.NONE
            : new ReplicaReads(r, transactions, readYourWritesWindow, maxReplicaLag));
  }

  private static Duration nonNegative(@Nullable Duration d, String name) {
    if (d == null || d.isNegative()) {
      throw ValidationException.of(name, "must be a duration of zero or more");
    }
    return d;
  }
}
