package dev.ticketing.jpa;

import dev.ticketing.ConflictException;
import dev.ticketing.automation.Since;
import dev.ticketing.spi.AutomationStore;
import dev.ticketing.spi.RuleRecord;
import dev.ticketing.spi.TicketClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;
import org.jspecify.annotations.Nullable;

/**
 * {@link AutomationStore} on the ticket store's database: rows of {@code
 * ticketing_automation_rule}, {@code ..._rule_version}, {@code ..._clock} and {@code ..._firing},
 * written with plain SQL on the connection of the current unit of work. Give it the same {@link
 * JpaTransactions} as the {@link JpaTicketStore}, so that what rules do commits with the change
 * that fired them:
 *
 * <pre>{@code
 * JpaTransactions tx = new ResourceLocalTransactions(factory);
 * TicketStore tickets = new JpaTicketStore(tx);
 * AutomationStore rules = new JpaAutomationStore(tx);
 * }</pre>
 *
 * <p>Time rules' claims find candidates with a plain read, then lock their clocks {@code FOR UPDATE
 * SKIP LOCKED} on PostgreSQL and MariaDB (plain row locks on H2); a firing is recorded with an
 * insert that does nothing when the (rule, ticket, cycle) is taken, also by a unit that committed
 * meanwhile ({@code on conflict do nothing}, {@code insert ignore}), so only one unit acts on it.
 *
 * <p>Long because it is the plain SQL of four tables, each statement beside the rows it binds, so
 * that a vendor's difference (the claim's lock, the firing's insert) reads in one place.
 *
 * @since 0.2
 */
public final class JpaAutomationStore implements AutomationStore {

  private static final String RULE_COLUMNS =
      "id, revision, version_no, name, kind, run_order, enabled, disabled_reason, definition,"
          + " created_at, updated_at, updated_by";

  private static final String CLOCK_COLUMNS =
      "ticket_id, status_since, status_cycle, updated_at, update_cycle, last_reply_at, reply_cycle";

  private enum Dialect {
    POSTGRESQL,
    MARIADB,
    H2
  }

  private final JpaTransactions transactions;
  private final TicketCompanies companies = new TicketCompanies();
  private volatile @Nullable Dialect dialect;

  /**
   * A store running its units of work in these transactions.
   *
   * @param transactions the transactions, shared with the other stores of the same database
   */
  public JpaAutomationStore(JpaTransactions transactions) {
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

  /** The company of the ticket, which its clock and firings copy and their statements name. */
  private String company(String ticketId) {
    return inTransaction(() -> companies.of(transactions.entityManager(), ticketId));
  }

  private <T> T jdbc(ReturningWork<T> work) {
    return inTransaction(
        () -> transactions.entityManager().unwrap(Session.class).doReturningWork(work));
  }

  @Override
  public void insertRule(RuleRecord rule) {
    jdbc(
        c -> {
          insert(c, "ticketing_automation_rule", rule);
          insert(c, "ticketing_automation_rule_version", rule);
          return null;
        });
  }

  @Override
  public void updateRule(RuleRecord rule) {
    jdbc(
        c -> {
          int stored = -1;
          try (PreparedStatement s =
              c.prepareStatement(
                  "select version_no from ticketing_automation_rule where id = ? for update")) {
            s.setString(1, rule.id());
            try (ResultSet rs = s.executeQuery()) {
              if (rs.next()) {
                stored = rs.getInt(1);
              }
            }
          }
          int updated;
          try (PreparedStatement s =
              c.prepareStatement(
                  "update ticketing_automation_rule set revision = ?, version_no = ?, name = ?,"
                      + " kind = ?, run_order = ?, enabled = ?, disabled_reason = ?,"
                      + " definition = ?, created_at = ?, updated_at = ?, updated_by = ?"
                      + " where id = ? and revision = ?")) {
            int i = bindAfterId(s, 1, rule);
            s.setString(i++, rule.id());
            s.setLong(i, rule.revision() - 1);
            updated = s.executeUpdate();
          }
          if (updated != 1) {
            throw ConflictException.conflict(
                "rule " + rule.id() + " changed concurrently; read it again",
                new IllegalStateException("stale revision"));
          }
          if (rule.version() > stored) {
            insert(c, "ticketing_automation_rule_version", rule);
          }
          return null;
        });
  }

  @Override
  public void deleteRule(String ruleId) {
    jdbc(
        c -> {
          update(c, "delete from ticketing_automation_firing where rule_id = ?", ruleId);
          update(c, "delete from ticketing_automation_rule where id = ?", ruleId);
          return null;
        });
  }

  @Override
  public Optional<RuleRecord> findRule(String ruleId) {
    List<RuleRecord> found =
        rules("select " + RULE_COLUMNS + " from ticketing_automation_rule where id = ?", ruleId);
    return found.stream().findFirst();
  }

  @Override
  public List<RuleRecord> rules() {
    return rules("select " + RULE_COLUMNS + " from ticketing_automation_rule order by id");
  }

  @Override
  public List<RuleRecord> ruleVersions(String ruleId) {
    return rules(
        "select "
            + RULE_COLUMNS
            + " from ticketing_automation_rule_version where id = ? order by version_no",
        ruleId);
  }

  @Override
  public Optional<TicketClock> ticketClock(String ticketId) {
    String company = company(ticketId);
    return jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + CLOCK_COLUMNS
                      + " from ticketing_automation_clock where company_id = ? and ticket_id = ?")) {
            s.setString(1, company);
            s.setString(2, ticketId);
            return clocks(s).stream().findFirst();
          }
        });
  }

  @Override
  public void saveTicketClock(TicketClock clock) {
    String company = company(clock.ticketId());
    jdbc(
        c -> {
          // One upsert statement: an update finding no row and then an insert would take a gap
          // lock first on MariaDB, and two tickets created at once (their ids side by side) then
          // deadlock on each other's gap.
          String set =
              "status_since = %1$sstatus_since%2$s, status_cycle = %1$sstatus_cycle%2$s,"
                  + " updated_at = %1$supdated_at%2$s, update_cycle = %1$supdate_cycle%2$s,"
                  + " last_reply_at = %1$slast_reply_at%2$s, reply_cycle = %1$sreply_cycle%2$s";
          String values = " (" + CLOCK_COLUMNS + ", company_id) values (?,?,?,?,?,?,?,?)";
          String sql =
              switch (dialect(c)) {
                case POSTGRESQL ->
                    "insert into ticketing_automation_clock"
                        + values
                        // By name: the key is (company_id, ticket_id) when partitioned by company.
                        + " on conflict on constraint ticketing_automation_clock_pkey do update set "
                        + String.format(Locale.ROOT, set, "excluded.", "");
                case MARIADB ->
                    "insert into ticketing_automation_clock"
                        + values
                        + " on duplicate key update "
                        + String.format(Locale.ROOT, set, "values(", ")");
                case H2 ->
                    "merge into ticketing_automation_clock ("
                        + CLOCK_COLUMNS
                        + ", company_id) key (ticket_id) values (?,?,?,?,?,?,?,?)";
              };
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, clock.ticketId());
            bindClock(s, 2, clock);
            s.setString(8, company);
            s.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void deleteTicketClock(String ticketId) {
    String company = company(ticketId);
    jdbc(
        c -> {
          update(
              c,
              "delete from ticketing_automation_firing where company_id = ? and ticket_id = ?",
              company,
              ticketId);
          update(
              c,
              "delete from ticketing_automation_clock where company_id = ? and ticket_id = ?",
              company,
              ticketId);
          return null;
        });
  }

  @Override
  public List<TicketClock> claimDue(
      String ruleId, Since since, Instant cutoff, String afterTicketId, int limit) {
    String moment = column(since, false);
    String cycle = column(since, true);
    return jdbc(
        c -> {
          List<String> ids = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select c.ticket_id from ticketing_automation_clock c where c."
                      + moment
                      + " <= ? and c.ticket_id > ? and not exists (select 1 from"
                      + " ticketing_automation_firing f where f.rule_id = ? and f.ticket_id ="
                      + " c.ticket_id and f.since_kind = ? and f.cycle_no = c."
                      + cycle
                      + ") order by c.ticket_id limit ?")) {
            s.setLong(1, micros(cutoff));
            s.setString(2, afterTicketId);
            s.setString(3, ruleId);
            s.setString(4, since.name());
            s.setInt(5, limit);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getString(1));
              }
            }
          }
          if (ids.isEmpty()) {
            return List.of();
          }
          String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + CLOCK_COLUMNS
                      + " from ticketing_automation_clock where ticket_id in ("
                      + marks
                      + ") order by ticket_id"
                      + (dialect(c) == Dialect.H2 ? " for update" : " for update skip locked"))) {
            for (int i = 0; i < ids.size(); i++) {
              s.setString(i + 1, ids.get(i));
            }
            return clocks(s);
          }
        });
  }

  @Override
  public boolean recordFiring(String ruleId, String ticketId, Since since, int cycle, Instant at) {
    String company = company(ticketId);
    return jdbc(
        c -> {
          Dialect d = dialect(c);
          String values =
              " into ticketing_automation_firing (rule_id, ticket_id, since_kind, cycle_no,"
                  + " fired_at, company_id) values (?,?,?,?,?,?)";
          if (d == Dialect.H2) {
            try (PreparedStatement s =
                c.prepareStatement(
                    "select count(*) from ticketing_automation_firing where rule_id = ? and"
                        + " ticket_id = ? and since_kind = ? and cycle_no = ?")) {
              s.setString(1, ruleId);
              s.setString(2, ticketId);
              s.setString(3, since.name());
              s.setInt(4, cycle);
              try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                  return false;
                }
              }
            }
          }
          String sql =
              switch (d) {
                case POSTGRESQL -> "insert" + values + " on conflict do nothing";
                case MARIADB -> "insert ignore" + values;
                case H2 -> "insert" + values;
              };
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, ruleId);
            s.setString(2, ticketId);
            s.setString(3, since.name());
            s.setInt(4, cycle);
            s.setLong(5, micros(at));
            s.setString(6, company);
            return s.executeUpdate() == 1;
          }
        });
  }

  // ------------------------------------------------------------------ rows

  private static String column(Since since, boolean cycle) {
    return switch (since) {
      case STATUS_CHANGE -> cycle ? "status_cycle" : "status_since";
      case UPDATE -> cycle ? "update_cycle" : "updated_at";
      case LAST_REPLY -> cycle ? "reply_cycle" : "last_reply_at";
    };
  }

  private List<RuleRecord> rules(String sql, String... args) {
    return jdbc(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
              s.setString(i + 1, args[i]);
            }
            List<RuleRecord> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new RuleRecord(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        rs.getBoolean(7),
                        rs.getString(8),
                        rs.getString(9),
                        instant(rs.getLong(10)),
                        instant(rs.getLong(11)),
                        rs.getString(12)));
              }
            }
            return out;
          }
        });
  }

  private static void insert(Connection c, String table, RuleRecord r) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into "
                + table
                + " (revision, version_no, name, kind, run_order, enabled, disabled_reason,"
                + " definition, created_at, updated_at, updated_by, id)"
                + " values (?,?,?,?,?,?,?,?,?,?,?,?)")) {
      int i = bindAfterId(s, 1, r);
      s.setString(i, r.id());
      s.executeUpdate();
    }
  }

  private static int bindAfterId(PreparedStatement s, int from, RuleRecord r) throws SQLException {
    int i = from;
    s.setLong(i++, r.revision());
    s.setInt(i++, r.version());
    s.setString(i++, r.name());
    s.setString(i++, r.kind());
    s.setInt(i++, r.position());
    s.setBoolean(i++, r.enabled());
    if (r.disabledReason() == null) {
      s.setNull(i++, Types.VARCHAR);
    } else {
      s.setString(i++, r.disabledReason());
    }
    s.setString(i++, r.definition());
    s.setLong(i++, micros(r.createdAt()));
    s.setLong(i++, micros(r.updatedAt()));
    s.setString(i++, r.updatedBy());
    return i;
  }

  private static int bindClock(PreparedStatement s, int from, TicketClock k) throws SQLException {
    int i = from;
    s.setLong(i++, micros(k.statusSince()));
    s.setInt(i++, k.statusCycle());
    s.setLong(i++, micros(k.updatedAt()));
    s.setInt(i++, k.updateCycle());
    s.setLong(i++, micros(k.lastReplyAt()));
    s.setInt(i++, k.replyCycle());
    return i;
  }

  private static List<TicketClock> clocks(PreparedStatement s) throws SQLException {
    List<TicketClock> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(
            new TicketClock(
                rs.getString(1),
                instant(rs.getLong(2)),
                rs.getInt(3),
                instant(rs.getLong(4)),
                rs.getInt(5),
                instant(rs.getLong(6)),
                rs.getInt(7)));
      }
    }
    return out;
  }

  private static int update(Connection c, String sql, String... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setString(i + 1, args[i]);
      }
      return s.executeUpdate();
    }
  }

  private Dialect dialect(Connection c) throws SQLException {
    Dialect known = dialect;
    if (known == null) {
      String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      known =
          product.contains("postgres")
              ? Dialect.POSTGRESQL
              : product.contains("mariadb") || product.contains("mysql")
                  ? Dialect.MARIADB
                  : Dialect.H2;
      dialect = known;
    }
    return known;
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  private static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }
}
