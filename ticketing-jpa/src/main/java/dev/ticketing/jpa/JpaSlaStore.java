package dev.ticketing.jpa;

import dev.ticketing.sla.ClockState;
import dev.ticketing.sla.SlaClock;
import dev.ticketing.sla.SlaTarget;
import dev.ticketing.spi.SlaListing;
import dev.ticketing.spi.SlaRecord;
import dev.ticketing.spi.SlaStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;
import org.jspecify.annotations.Nullable;

/**
 * {@link SlaStore} on the ticket store's database: rows of {@code ticketing_sla_clock}, written
 * with plain SQL on the connection of the current unit of work. Give it the same {@link
 * JpaTransactions} as the {@link JpaTicketStore}, so that clocks commit with the change:
 *
 * <pre>{@code
 * JpaTransactions tx = new ResourceLocalTransactions(factory);
 * TicketStore tickets = new JpaTicketStore(tx);
 * SlaStore clocks = new JpaSlaStore(tx);
 * }</pre>
 *
 * <p>Claims select {@code FOR UPDATE SKIP LOCKED} on PostgreSQL and MariaDB (10.6+), so schedulers
 * in several processes never hold the same row; H2 takes plain row locks. Instants are stored as
 * microseconds since the epoch.
 *
 * @since 0.1.0
 */
public final class JpaSlaStore implements SlaStore {

  static final String COLUMNS =
      "ticket_id, target_kind, cycle_no, state, policy_id, calendar_id, goal_us, elapsed_us,"
          + " started_at, running_since, stopped_at, due_at, warn_at, warning_raised_at,"
          + " breach_raised_at";

  private static final String ORDER = " order by ticket_id, target_kind, cycle_no";

  /** Ids per {@code in} list: well under every database's limit on bound parameters. */
  private static final int IN_CHUNK = 500;

  private final JpaTransactions transactions;
  private final TicketCompanies companies = new TicketCompanies();

  /** Known after the first claim: whether the database can skip locked rows. */
  private volatile @Nullable Boolean skipsLocked;

  /**
   * A store running its units of work in these transactions.
   *
   * @param transactions the transactions, shared with the other stores of the same database
   */
  public JpaSlaStore(JpaTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    try {
      return transactions.inTransaction(work);
    } catch (RuntimeException e) {
      throw JpaFailures.isPersistenceFailure(e) ? JpaFailures.translate(e) : e;
    }
  }

  /** The company of the ticket, which the clocks' rows copy and their statements name. */
  private String company(String ticketId) {
    return inTransaction(() -> companies.of(transactions.entityManager(), ticketId));
  }

  private <T> T jdbc(ReturningWork<T> work) {
    return inTransaction(
        () -> transactions.entityManager().unwrap(Session.class).doReturningWork(work));
  }

  @Override
  public List<SlaRecord> clocksForUpdate(String ticketId) {
    String company = company(ticketId);
    return jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + COLUMNS
                      + " from ticketing_sla_clock where company_id = ? and ticket_id = ?"
                      + ORDER
                      + " for update")) {
            s.setString(1, company);
            s.setString(2, ticketId);
            return read(s);
          }
        });
  }

  @Override
  public Map<String, List<SlaRecord>> clocks(Collection<String> ticketIds) {
    List<String> ids = ticketIds.stream().distinct().toList();
    if (ids.isEmpty()) {
      return Map.of();
    }
    List<String> companyIds =
        inTransaction(() -> companies.distinct(transactions.entityManager(), ids));
    return jdbc(
        c -> {
          Map<String, List<SlaRecord>> out = new LinkedHashMap<>();
          String companyMarks =
              String.join(",", java.util.Collections.nCopies(companyIds.size(), "?"));
          for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement s =
                c.prepareStatement(
                    "select "
                        + COLUMNS
                        + " from ticketing_sla_clock where company_id in ("
                        + companyMarks
                        + ") and ticket_id in ("
                        + marks
                        + ")"
                        + ORDER)) {
              int n = 1;
              for (String company : companyIds) {
                s.setString(n++, company);
              }
              for (int i = 0; i < chunk.size(); i++) {
                s.setString(n++, chunk.get(i));
              }
              for (SlaRecord r : read(s)) {
                out.computeIfAbsent(r.ticketId(), k -> new ArrayList<>()).add(r);
              }
            }
          }
          return out;
        });
  }

  @Override
  public void saveClocks(String ticketId, List<SlaClock> clocks) {
    String company = company(ticketId);
    jdbc(
        c -> {
          Map<String, SlaRecord> kept = new LinkedHashMap<>();
          for (SlaRecord r : clocksForUpdate(ticketId)) {
            kept.put(key(r.clock().target(), r.clock().cycle()), r);
          }
          for (SlaClock clock : clocks) {
            SlaRecord old = kept.remove(key(clock.target(), clock.cycle()));
            if (old == null) {
              insert(c, company, new SlaRecord(ticketId, clock, null, null));
            } else {
              SlaRecord now =
                  new SlaRecord(ticketId, clock, old.warningRaisedAt(), old.breachRaisedAt());
              if (!now.equals(old)) {
                update(c, company, now);
              }
            }
          }
          for (SlaRecord gone : kept.values()) {
            try (PreparedStatement s =
                c.prepareStatement(
                    "delete from ticketing_sla_clock where company_id = ? and ticket_id = ?"
                        + " and target_kind = ? and cycle_no = ?")) {
              s.setString(1, company);
              s.setString(2, ticketId);
              s.setString(3, gone.clock().target().name());
              s.setInt(4, gone.clock().cycle());
              s.executeUpdate();
            }
          }
          return null;
        });
  }

  @Override
  public void deleteClocks(String ticketId) {
    String company = company(ticketId);
    jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "delete from ticketing_sla_clock where company_id = ? and ticket_id = ?")) {
            s.setString(1, company);
            s.setString(2, ticketId);
            return s.executeUpdate();
          }
        });
  }

  @Override
  public List<SlaRecord> claimDueAlerts(Instant now, int limit) {
    return jdbc(
        c -> {
          boolean skip = skipsLocked(c);
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + COLUMNS
                      + " from ticketing_sla_clock where next_alert_at <= ?"
                      + " order by next_alert_at, ticket_id, target_kind, cycle_no limit ?"
                      + (skip ? " for update skip locked" : " for update"))) {
            s.setLong(1, micros(now));
            s.setInt(2, limit);
            return read(s);
          }
        });
  }

  @Override
  public void markRaised(
      String ticketId,
      SlaTarget target,
      int cycle,
      @Nullable Instant warningRaisedAt,
      @Nullable Instant breachRaisedAt) {
    String company = company(ticketId);
    jdbc(
        c -> {
          // Only this clock: the scheduler that claimed it already holds it, and a second
          // scheduler may hold another clock of the same ticket; locking all of them here would
          // make the two wait for each other.
          SlaRecord old = null;
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + COLUMNS
                      + " from ticketing_sla_clock where company_id = ? and ticket_id = ?"
                      + " and target_kind = ? and cycle_no = ? for update")) {
            s.setString(1, company);
            s.setString(2, ticketId);
            s.setString(3, target.name());
            s.setInt(4, cycle);
            List<SlaRecord> found = read(s);
            old = found.isEmpty() ? null : found.get(0);
          }
          if (old != null) {
            update(
                c,
                company,
                old.raised(
                    warningRaisedAt != null ? warningRaisedAt : old.warningRaisedAt(),
                    breachRaisedAt != null ? breachRaisedAt : old.breachRaisedAt()));
          }
          return null;
        });
  }

  @Override
  public List<SlaRecord> list(SlaListing listing) {
    return jdbc(c -> SlaListingQuery.run(c, listing));
  }

  @Override
  public List<SlaRecord> settled(Instant from, Instant to, @Nullable SlaRecord after, int limit) {
    return jdbc(c -> SlaSettledQuery.run(c, from, to, after, limit));
  }

  // ------------------------------------------------------------------ rows

  private static String key(SlaTarget target, int cycle) {
    return target.name() + "#" + cycle;
  }

  private static void insert(Connection c, String company, SlaRecord r) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into ticketing_sla_clock ("
                + COLUMNS
                + ", breach_at, next_alert_at, company_id)"
                + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      s.setString(18, company);
      s.setString(1, r.ticketId());
      s.setString(2, r.clock().target().name());
      s.setInt(3, r.clock().cycle());
      bindState(s, 4, r);
      s.executeUpdate();
    }
  }

  private static void update(Connection c, String company, SlaRecord r) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "update ticketing_sla_clock set state = ?, policy_id = ?, calendar_id = ?, goal_us = ?,"
                + " elapsed_us = ?, started_at = ?, running_since = ?, stopped_at = ?, due_at = ?,"
                + " warn_at = ?, warning_raised_at = ?, breach_raised_at = ?, breach_at = ?,"
                + " next_alert_at = ? where company_id = ? and ticket_id = ? and target_kind = ?"
                + " and cycle_no = ?")) {
      int i = bindState(s, 1, r);
      s.setString(i++, company);
      s.setString(i++, r.ticketId());
      s.setString(i++, r.clock().target().name());
      s.setInt(i, r.clock().cycle());
      s.executeUpdate();
    }
  }

  /** Binds every column after the key, in {@link #COLUMNS} order, then breach_at, next_alert_at. */
  private static int bindState(PreparedStatement s, int from, SlaRecord r) throws SQLException {
    SlaClock k = r.clock();
    int i = from;
    s.setString(i++, k.state().name());
    s.setString(i++, k.policyId());
    if (k.calendarId() == null) {
      s.setNull(i++, Types.VARCHAR);
    } else {
      s.setString(i++, k.calendarId());
    }
    s.setLong(i++, micros(k.goal()));
    s.setLong(i++, micros(k.elapsed()));
    s.setLong(i++, micros(k.startedAt()));
    i = instant(s, i, k.runningSince());
    i = instant(s, i, k.stoppedAt());
    i = instant(s, i, k.dueAt());
    i = instant(s, i, k.warnAt());
    i = instant(s, i, r.warningRaisedAt());
    i = instant(s, i, r.breachRaisedAt());
    i = instant(s, i, k.breachAt());
    return instant(s, i, r.nextAlertAt());
  }

  private static int instant(PreparedStatement s, int i, @Nullable Instant t) throws SQLException {
    if (t == null) {
      s.setNull(i, Types.BIGINT);
    } else {
      s.setLong(i, micros(t));
    }
    return i + 1;
  }

  static List<SlaRecord> read(PreparedStatement s) throws SQLException {
    List<SlaRecord> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        SlaClock clock =
            new SlaClock(
                SlaTarget.valueOf(rs.getString(2)),
                rs.getInt(3),
                ClockState.valueOf(rs.getString(4)),
                rs.getString(5),
                rs.getString(6),
                duration(rs.getLong(7)),
                duration(rs.getLong(8)),
                instant(rs.getLong(9)),
                instant(rs, 10),
                instant(rs, 11),
                instant(rs, 12),
                instant(rs, 13));
        out.add(new SlaRecord(rs.getString(1), clock, instant(rs, 14), instant(rs, 15)));
      }
    }
    return out;
  }

  private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : instant(v);
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  private static Duration duration(long micros) {
    return Duration.of(micros, ChronoUnit.MICROS);
  }

  static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  private static long micros(Duration d) {
    return d.toNanos() / 1_000;
  }

  private boolean skipsLocked(Connection c) throws SQLException {
    Boolean known = skipsLocked;
    if (known == null) {
      String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      known =
          product.contains("postgres") || product.contains("mariadb") || product.contains("mysql");
      skipsLocked = known;
    }
    return known;
  }
}
