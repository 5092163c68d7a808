package dev.ticketing.jpa;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether reads may go to the replica now: not for {@link #RETRY_AFTER} after it failed, and not
 * while it lags more than the bound. The lag is measured at most once per {@link #LAG_CHECK_EVERY},
 * on the connection of a read about to go there; each change of state is logged once.
 */
final class ReplicaHealth {

  private static final Logger log = LoggerFactory.getLogger(JpaTicketStore.class);

  /** After a failure, reads stay on the primary this long before the replica is tried again. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  /** The lag is measured at most this often. */
  static final Duration LAG_CHECK_EVERY = Duration.ofSeconds(1);

  /**
   * The replica's lag in seconds on PostgreSQL: none when it is the primary, or when it replayed all
   * it received and its WAL receiver runs; otherwise the time since the last transaction it
   * replayed (large when it replayed none since it started).
   */
  static final String POSTGRESQL_LAG =
      "select case when not pg_is_in_recovery() then 0"
          + " when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()"
          + " and exists (select 1 from pg_stat_wal_receiver where pid is not null) then 0"
          + " else coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()), 1e9)"
          + " end";

  private final long maxLagNanos;
  private final AtomicLong failedAt = new AtomicLong();
  private final AtomicLong lagCheckedAt = new AtomicLong();
  private volatile boolean failed;
  private volatile boolean lagging;
  private volatile @Nullable Boolean postgresql;

  ReplicaHealth(Duration maxLag) {
    this.maxLagNanos = maxLag.toNanos();
  }

  /** Whether to try the replica at all now (without a connection yet). */
  boolean usable(long now) {
    if (failed && now - failedAt.get() < RETRY_AFTER.toNanos()) {
      return false;
    }
    return !lagging || now - lagCheckedAt.get() >= LAG_CHECK_EVERY.toNanos();
  }

  /**
   * Whether the replica behind {@code c} is close enough to the primary: measures the lag when the
   * last measurement is old (one caller at a time), else answers the last verdict.
   */
  boolean closeEnough(Connection c, long now) throws SQLException {
    long checked = lagCheckedAt.get();
    boolean due = checked == 0 || now - checked >= LAG_CHECK_EVERY.toNanos();
    if (due && lagCheckedAt.compareAndSet(checked, now)) {
      double seconds = lagSeconds(c);
      boolean behind = seconds * 1e9 > maxLagNanos;
      if (behind && !lagging) {
        log.warn(
            "the read replica lags {} s behind the primary, more than the {} allowed; listings,"
                + " searches and statistics read from the primary until it catches up",
            Math.round(seconds * 10) / 10.0,
            Duration.ofNanos(maxLagNanos));
      } else if (!behind && lagging) {
        log.info(
            "the read replica caught up; listings, searches and statistics read from it again");
      }
      lagging = behind;
    }
    return !lagging;
  }

  /** Notes that the replica succeeded, logging once when it had failed. */
  void succeeded() {
    if (failed) {
      failed = false;
      log.info("the read replica answers again; listings, searches and statistics read from it");
    }
  }

  /** Notes that the replica failed, logging once until it succeeds again. */
  void failed(Exception cause, long now) {
    failedAt.set(now);
    if (!failed) {
      failed = true;
      log.warn(
          "the read replica failed ({}); listings, searches and statistics read from the primary,"
              + " and the replica is tried again after {}",
          cause.toString(),
          RETRY_AFTER);
      log.debug("the read replica's failure", cause);
    }
  }

  boolean failed() {
    return failed;
  }

  boolean lagging() {
    return lagging;
  }

  private double lagSeconds(Connection c) throws SQLException {
    Boolean pg = postgresql;
    if (pg == null) {
      pg = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgresql");
      postgresql = pg;
    }
    if (!pg) {
      return 0; // only PostgreSQL's lag is measured; elsewhere only failures divert reads
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(POSTGRESQL_LAG)) {
      rs.next();
      return rs.getDouble(1);
    }
  }
}
