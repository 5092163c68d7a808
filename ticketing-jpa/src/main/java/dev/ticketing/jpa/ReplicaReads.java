package dev.ticketing.jpa;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link JpaTicketStore}'s listings, searches, counts and statistics read: from the read
 * replica when the engine reads for an actor outside any unit of work, that actor has not written
 * within the read-your-writes window, and the replica is healthy ({@link ReplicaHealth}); from the
 * primary otherwise. A read that fails on the replica runs again on the primary: a replica never
 * fails a caller.
 *
 * <p>On the replica, the read runs in a session of the primary's session factory (the same mapping
 * and queries) over a read-only connection of the replica's data source, in a transaction rolled
 * back at the end.
 */
final class ReplicaReads {

  /** Writers remembered for read-your-writes, at most. */
  static final int RECENT_WRITERS = 10_000;

  /** Nothing goes to a replica: a store without one. */
  static final ReplicaReads NONE = new ReplicaReads();

  /** The actor the engine reads for on this thread, and whether its reads may go to the replica. */
  private record ReadingFor(String actorId, boolean outsideUnits) {}

  private final @Nullable DataSource replica;
  private final @Nullable JpaTransactions transactions;
  private final RecentWriters writers;
  private final ReplicaHealth health;
  private final ThreadLocal<@Nullable ReadingFor> readingFor = new ThreadLocal<>();
  private final ThreadLocal<@Nullable EntityManager> onReplica = new ThreadLocal<>();
  private volatile @Nullable SessionFactory sessions;

  private ReplicaReads() {
    this.replica = null;
    this.transactions = null;
    this.writers = new RecentWriters(0, 0);
    this.health = new ReplicaHealth(Duration.ZERO);
  }

  ReplicaReads(
      DataSource replica,
      JpaTransactions transactions,
      Duration readYourWritesWindow,
      Duration maxLag) {
    this.replica = replica;
    this.transactions = transactions;
    this.writers = new RecentWriters(readYourWritesWindow.toNanos(), RECENT_WRITERS);
    this.health = new ReplicaHealth(maxLag);
  }

  /** Runs the engine's reads for the actor, noting whether they run outside any unit of work. */
  <T> T readFor(String actorId, Supplier<T> reads) {
    JpaTransactions tx = transactions;
    if (tx == null || readingFor.get() != null) {
      return reads.get();
    }
    readingFor.set(new ReadingFor(actorId, !tx.inUnitOfWork()));
    try {
      return reads.get();
    } finally {
      readingFor.remove();
    }
  }

  /** Notes a write of the actor: its reads go to the primary for the window. */
  void wrote(String actorId) {
    if (replica != null) {
      writers.wrote(actorId, System.nanoTime());
    }
  }

  /** The replica's entity manager while a routed read runs on it on this thread, else null. */
  @Nullable EntityManager entityManager() {
    return replica == null ? null : onReplica.get();
  }

  /** Runs a listing, search, count or statistics read where it belongs (see the class comment). */
  <T> T route(Supplier<T> read) {
    DataSource source = replica;
    ReadingFor reading = readingFor.get();
    long now = System.nanoTime();
    if (source == null
        || reading == null
        || !reading.outsideUnits()
        || onReplica.get() != null
        || writers.recent(reading.actorId(), now)
        || !health.usable(now)) {
      return read.get();
    }
    Replied<T> replied = onReplica(source, read, now);
    return replied == null ? read.get() : replied.value();
  }

  private record Replied<T>(T value) {}

  /** The read's result on the replica, or null when it must run on the primary. */
  private <T> @Nullable Replied<T> onReplica(DataSource source, Supplier<T> read, long now) {
    try (Connection c = source.getConnection()) {
      c.setReadOnly(true);
      c.setAutoCommit(false);
      try {
        if (!health.closeEnough(c, now)) {
          return null;
        }
        try (Session session = sessionFactory().withOptions().connection(c).openSession()) {
          session.setDefaultReadOnly(true);
          session.setHibernateFlushMode(FlushMode.MANUAL);
          onReplica.set(session);
          try {
            T value = read.get();
            health.succeeded();
            return new Replied<>(value);
          } finally {
            onReplica.remove();
          }
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException | RuntimeException failure) {
      health.failed(failure, now);
      return null;
    }
  }

  private SessionFactory sessionFactory() {
    SessionFactory known = sessions;
    if (known == null) {
      JpaTransactions tx = transactions;
      if (tx == null) {
        throw new IllegalStateException("no replica");
      }
      known =
          tx.inTransaction(
              () -> tx.entityManager().getEntityManagerFactory().unwrap(SessionFactory.class));
      sessions = known;
    }
    return known;
  }

  /** For tests: whether reads avoid the replica because it failed, or because it lags. */
  boolean failed() {
    return health.failed();
  }

  boolean lagging() {
    return health.lagging();
  }
}
