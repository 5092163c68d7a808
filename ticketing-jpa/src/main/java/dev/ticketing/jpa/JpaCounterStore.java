package dev.ticketing.jpa;

import dev.ticketing.spi.CounterDelta;
import dev.ticketing.spi.CounterStore;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.jdbc.ReturningWork;
import org.jspecify.annotations.Nullable;

/**
 * {@link CounterStore} on the ticket store's database: rows of {@code ticketing_counter} (company,
 * key, stripe, n), written with plain SQL on the connection of the current unit of work. A delta is
 * one upsert that adds to the row ({@code on conflict do update} on PostgreSQL, {@code on duplicate
 * key update} on MariaDB, {@code merge} on H2), so a writer never reads a counter before it writes
 * it; a unit of work's deltas are one multi-row statement, whose rows are written in the order the
 * engine sorted them, so writers never deadlock on them. Sums are one grouped query over the
 * primary key (of one company, or of the all-companies set). {@link JpaTicketStore#counters()} gives one on
 * the store's transactions.
 *
 * @since 0.2.0
 */
public final class JpaCounterStore implements CounterStore {

  /** Counters a fold reads per unit of work. */
  static final int FOLD_BATCH = 500;

  /** Deltas per upsert statement (4 parameters each, well under every driver's limit). */
  static final int ROWS_PER_STATEMENT = 500;

  private final JpaTransactions transactions;
  private final ReplicaReads replica;
  private volatile @Nullable Upsert upsert;

  /**
   * Counters kept in these transactions, those of the ticket store beside them.
   *
   * @param transactions the transactions shared with the ticket store
   */
  public JpaCounterStore(JpaTransactions transactions) {
    this(transactions, ReplicaReads.NONE);
  }

  /** Counters whose sums are read where the ticket store routes the reading actor's lists. */
  JpaCounterStore(JpaTransactions transactions, ReplicaReads replica) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.replica = replica;
  }

  /**
   * A read of sums, on the replica when the ticket store sends the reading actor's lists there: a
   * page's total then agrees with its rows, and the writer still reads its own writes.
   */
  private <T> T read(ReturningWork<T> work) {
    return replica.route(
        () -> {
          EntityManager onReplica = replica.entityManager();
          return onReplica == null
              ? jdbc(work)
              : onReplica.unwrap(Session.class).doReturningWork(work);
        });
  }

  private <T> T inTransaction(Supplier<T> work) {
    try {
      return transactions.inTransaction(work);
    } catch (RuntimeException e) {
      throw JpaFailures.isPersistenceFailure(e) ? JpaFailures.translate(e) : e;
    }
  }

  private <T> T jdbc(ReturningWork<T> work) {
    return inTransaction(
        () -> transactions.entityManager().unwrap(Session.class).doReturningWork(work));
  }

  /** The database's dialect of the upsert, found once. */
  enum Upsert {
    POSTGRESQL,
    MARIADB,
    H2
  }

  private Upsert upsert() {
    Upsert known = upsert;
    if (known == null) {
      Dialect dialect =
          transactions
              .entityManager()
              .getEntityManagerFactory()
              .unwrap(SessionFactoryImplementor.class)
              .getJdbcServices()
              .getDialect();
      known =
          dialect instanceof MySQLDialect
              ? Upsert.MARIADB
              : dialect instanceof H2Dialect ? Upsert.H2 : Upsert.POSTGRESQL;
      upsert = known;
    }
    return known;
  }

  /**
   * One statement that adds {@code rows} deltas to their rows, inserting the rows missing. The rows
   * are written in the order of the values list (PostgreSQL and MariaDB apply a multi-row insert
   * row by row, in order; H2's merge likewise), which is the engine's order.
   */
  static String upsertSql(Upsert dialect, int rows) {
    StringBuilder sql = new StringBuilder(96 + rows * 64);
    switch (dialect) {
      case H2 -> {
        sql.append("merge into ticketing_counter c using (values ");
        for (int i = 0; i < rows; i++) {
          sql.append(i == 0 ? "" : ", ")
              .append("(cast(? as varchar(128)), cast(? as varchar(200)), cast(? as integer),")
              .append(" cast(? as bigint))");
        }
        sql.append(") s (company_id, counter_key, stripe, n)")
            .append(" on c.company_id = s.company_id and c.counter_key = s.counter_key")
            .append(" and c.stripe = s.stripe")
            .append(" when matched then update set n = c.n + s.n")
            .append(" when not matched then insert (company_id, counter_key, stripe, n)")
            .append(" values (s.company_id, s.counter_key, s.stripe, s.n)");
      }
      case MARIADB -> {
        values(sql, rows);
        sql.append(" on duplicate key update n = n + values(n)");
      }
      default -> {
        values(sql, rows);
        sql.append(" on conflict (company_id, counter_key, stripe)")
            .append(" do update set n = ticketing_counter.n + excluded.n");
      }
    }
    return sql.toString();
  }

  private static void values(StringBuilder sql, int rows) {
    sql.append("insert into ticketing_counter (company_id, counter_key, stripe, n) values ");
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
    }
  }

  /**
   * One multi-row upsert per {@value #ROWS_PER_STATEMENT} deltas: a unit of work of a ticket write
   * (a few dozen deltas at most, its company's and the all-companies set's) is one statement; a
   * repair of many counters a few.
   */
  @Override
  public void add(int stripe, List<CounterDelta> deltas) {
    if (deltas.isEmpty()) {
      return;
    }
    inTransaction(
        () -> {
          Upsert dialect = upsert();
          return jdbc(
              c -> {
                int written = 0;
                for (int from = 0; from < deltas.size(); from += ROWS_PER_STATEMENT) {
                  List<CounterDelta> part =
                      deltas.subList(from, Math.min(deltas.size(), from + ROWS_PER_STATEMENT));
                  try (PreparedStatement s = c.prepareStatement(upsertSql(dialect, part.size()))) {
                    int i = 1;
                    for (CounterDelta d : part) {
                      s.setString(i++, d.companyId());
                      s.setString(i++, d.key());
                      s.setInt(i++, stripe);
                      s.setLong(i++, d.delta());
                    }
                    written += s.executeUpdate();
                  }
                }
                return written;
              });
        });
  }

  @Override
  public Map<String, Long> sums(String companyId, Collection<String> keys) {
    if (keys.isEmpty()) {
      return Map.of();
    }
    List<String> list = List.copyOf(keys);
    String marks = String.join(", ", java.util.Collections.nCopies(list.size(), "?"));
    String sql =
        "select counter_key, sum(n) from ticketing_counter where company_id = ? and counter_key in ("
            + marks
            + ") group by counter_key";
    return read(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, companyId);
            int i = 2;
            for (String k : list) {
              s.setString(i++, k);
            }
            return sumsOf(s);
          }
        });
  }

  @Override
  public Map<String, Long> sumsByPrefix(String companyId, String prefix) {
    String sql =
        "select counter_key, sum(n) from ticketing_counter where company_id = ?"
            + " and counter_key like ? escape '!' group by counter_key";
    String pattern = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    return read(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, companyId);
            s.setString(2, pattern);
            return sumsOf(s);
          }
        });
  }

  private static Map<String, Long> sumsOf(PreparedStatement s) throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.put(r.getString(1), r.getLong(2));
      }
    }
    return out;
  }

  @Override
  public Map<String, Map<String, Long>> snapshot(@Nullable String companyId) {
    String sql =
        "select company_id, counter_key, sum(n) from ticketing_counter"
            + (companyId == null ? "" : " where company_id = ?")
            + " group by company_id, counter_key";
    return read(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            if (companyId != null) {
              s.setString(1, companyId);
            }
            Map<String, Map<String, Long>> out = new TreeMap<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                out.computeIfAbsent(r.getString(1), k -> new TreeMap<>())
                    .put(r.getString(2), r.getLong(3));
              }
            }
            return out;
          }
        });
  }

  /**
   * Folds in batches of {@value #FOLD_BATCH} counters, each batch one unit of work: the batch's
   * rows are locked (in key order, as writers lock them), summed into stripe 0, and the other
   * stripes and zero counters deleted. A writer waiting on a deleted row inserts it afresh.
   */
  @Override
  public int fold() {
    int removed = 0;
    String after = null;
    String afterKey = null;
    while (true) {
      String fromCompany = after;
      String fromKey = afterKey;
      Fold batch = inTransaction(() -> jdbc(c -> foldBatch(c, fromCompany, fromKey)));
      removed += batch.removed();
      if (batch.lastCompany() == null) {
        return removed;
      }
      after = batch.lastCompany();
      afterKey = batch.lastKey();
    }
  }

  private record Fold(int removed, @Nullable String lastCompany, @Nullable String lastKey) {}

  private Fold foldBatch(Connection c, @Nullable String afterCompany, @Nullable String afterKey)
      throws SQLException {
    // The counters with more than one row, or a zero sum, after the position.
    String find =
        "select company_id, counter_key from ticketing_counter"
            + (afterCompany == null
                ? ""
                : " where company_id > ? or (company_id = ? and counter_key > ?)")
            + " group by company_id, counter_key order by company_id, counter_key";
    List<String[]> counters = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(find)) {
      if (afterCompany != null) {
        s.setString(1, afterCompany);
        s.setString(2, afterCompany);
        s.setString(3, afterKey);
      }
      s.setMaxRows(FOLD_BATCH);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          counters.add(new String[] {r.getString(1), r.getString(2)});
        }
      }
    }
    int removed = 0;
    for (String[] counter : counters) {
      long sum = 0;
      int rows = 0;
      try (PreparedStatement s =
          c.prepareStatement(
              "select n from ticketing_counter where company_id = ? and counter_key = ?"
                  + " order by stripe for update")) {
        s.setString(1, counter[0]);
        s.setString(2, counter[1]);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            sum += r.getLong(1);
            rows++;
          }
        }
      }
      if (rows == 0 || (rows == 1 && sum != 0 && hasOnlyStripeZero(c, counter))) {
        continue;
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "delete from ticketing_counter where company_id = ? and counter_key = ?")) {
        s.setString(1, counter[0]);
        s.setString(2, counter[1]);
        removed += s.executeUpdate();
      }
      if (sum != 0) {
        try (PreparedStatement s =
            c.prepareStatement(
                "insert into ticketing_counter (company_id, counter_key, stripe, n)"
                    + " values (?, ?, 0, ?)")) {
          s.setString(1, counter[0]);
          s.setString(2, counter[1]);
          s.setLong(3, sum);
          s.executeUpdate();
          removed--;
        }
      }
    }
    if (counters.size() < FOLD_BATCH) {
      return new Fold(removed, null, null);
    }
    String[] last = counters.get(counters.size() - 1);
    return new Fold(removed, last[0], last[1]);
  }

  private static boolean hasOnlyStripeZero(Connection c, String[] counter) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select count(*) from ticketing_counter where company_id = ? and counter_key = ?"
                + " and stripe = 0")) {
      s.setString(1, counter[0]);
      s.setString(2, counter[1]);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1) == 1;
      }
    }
  }
}
