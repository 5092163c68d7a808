package dev.ticketing.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A data source that loses its connection on demand, to test that a unit of work cut off in the
 * middle leaves nothing behind. Armed with a pattern, the next execution of a matching SQL
 * statement fails as if the connection went away: either the proxy throws what a driver throws on
 * a reset socket ({@link Fault#RESET}), or the database really ends the session just before the
 * statement is sent ({@link Fault#KILL}), so the driver, the pool and the persistence provider see
 * a genuinely dead connection.
 *
 * <pre>{@code
 * FaultyDataSource faults = FaultyDataSource.over(pool, adminPool);
 * // build the store on faults.dataSource(), then:
 * faults.arm("insert into ticketing_audit", Fault.KILL);
 * }</pre>
 *
 * <p>{@link Fault#KILL} needs PostgreSQL ({@code pg_terminate_backend}) or MariaDB/MySQL ({@code
 * KILL CONNECTION}); the database is recognised from the connection, and the session is ended
 * through a connection of {@code admin}, which must reach the same server.
 *
 * @since 0.1.0
 */
public final class FaultyDataSource {

  /** How an armed statement fails. */
  public enum Fault {
    /** The statement throws {@code SQLNonTransientConnectionException("connection reset", "08006")}. */
    RESET,
    /** The database ends the session ({@code pg_terminate_backend} / {@code KILL CONNECTION}), then the statement runs. */
    KILL
  }

  private record Armed(Pattern sql, Fault fault) {}

  private final DataSource admin;
  private final DataSource proxy;
  private final AtomicReference<@Nullable Armed> armed = new AtomicReference<>();
  private final AtomicInteger fired = new AtomicInteger();
  private volatile boolean unreachable;

  private FaultyDataSource(DataSource target, DataSource admin) {
    this.admin = admin;
    this.proxy =
        proxy(
            DataSource.class,
            (p, m, args) -> {
              if (unreachable && m.getName().equals("getConnection")) {
                fired.incrementAndGet();
                // What a pool reports when the server does not answer.
                throw new SQLTransientConnectionException(
                    "Connection is not available, request timed out", "08001");
              }
              Object result = call(target, m, args);
              return result instanceof Connection c && m.getName().equals("getConnection")
                  ? connection(c)
                  : result;
            });
  }

  /**
   * Wraps {@code target}; {@code admin} (another pool on the same server, never this proxy) ends
   * sessions for {@link Fault#KILL}.
   *
   * @param target the data source the code under test would use
   * @param admin a separate pool on the same server
   * @return the wrapper, with no fault armed
   */
  public static FaultyDataSource over(DataSource target, DataSource admin) {
    return new FaultyDataSource(
        Objects.requireNonNull(target, "target"), Objects.requireNonNull(admin, "admin"));
  }

  /**
   * The data source to build the code under test on.
   *
   * @return the proxy that injects the armed faults
   */
  public DataSource dataSource() {
    return proxy;
  }

  /**
   * The next statement whose SQL matches {@code sql} (searched, case-insensitive) fails; once.
   *
   * @param sql a regular expression found in the statement's SQL
   * @param fault how it fails
   */
  public void arm(String sql, Fault fault) {
    armed.set(
        new Armed(
            Pattern.compile(sql, Pattern.CASE_INSENSITIVE),
            Objects.requireNonNull(fault, "fault")));
  }

  /** Forgets an armed fault, and makes the database reachable again. */
  public void disarm() {
    armed.set(null);
    unreachable = false;
  }

  /** Until {@link #disarm()}, asking for a connection fails as when the database is down. */
  public void unreachable() {
    unreachable = true;
  }

  /**
   * How many faults were injected so far.
   *
   * @return the count
   */
  public int fired() {
    return fired.get();
  }

  private Connection connection(Connection real) {
    return proxy(
        Connection.class,
        (p, m, args) -> {
          Object result = call(real, m, args);
          String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
          if (result instanceof CallableStatement s) {
            return statement(CallableStatement.class, s, real, (Connection) p, sql);
          }
          if (result instanceof PreparedStatement s) {
            return statement(PreparedStatement.class, s, real, (Connection) p, sql);
          }
          if (result instanceof Statement s) {
            return statement(Statement.class, s, real, (Connection) p, null);
          }
          return result;
        });
  }

  private <S extends Statement> S statement(
      Class<S> type,
      S real,
      Connection realConnection,
      Connection proxyConnection,
      @Nullable String preparedSql) {
    return proxy(
        type,
        (p, m, args) -> {
          String name = m.getName();
          if (name.equals("getConnection")) {
            return proxyConnection;
          }
          if (name.startsWith("execute")) {
            String sql =
                preparedSql != null
                    ? preparedSql
                    : args != null && args.length > 0 && args[0] instanceof String s ? s : "";
            Armed a = armed.get();
            if (a != null && a.sql().matcher(sql).find() && armed.compareAndSet(a, null)) {
              fired.incrementAndGet();
              if (a.fault() == Fault.RESET) {
                throw new SQLNonTransientConnectionException("connection reset", "08006");
              }
              kill(realConnection);
            }
          }
          return call(real, m, args);
        });
  }

  /** Ends the session of {@code connection} from an admin connection, and waits until it is gone. */
  private void kill(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    boolean postgres = product.contains("postgres");
    if (!postgres && !product.contains("mariadb") && !product.contains("mysql")) {
      throw new UnsupportedOperationException(
          "KILL is implemented for PostgreSQL and MariaDB, not " + product);
    }
    long session;
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(postgres ? "select pg_backend_pid()" : "select connection_id()")) {
      rs.next();
      session = rs.getLong(1);
    }
    try (Connection a = admin.getConnection();
        Statement s = a.createStatement()) {
      if (postgres) {
        try (ResultSet rs = s.executeQuery("select pg_terminate_backend(" + session + ", 5000)")) {
          rs.next();
          if (!rs.getBoolean(1)) {
            throw new IllegalStateException("PostgreSQL did not terminate backend " + session);
          }
        }
      } else {
        s.execute("kill connection " + session);
      }
    }
  }

  private static @Nullable Object call(Object target, Method m, Object @Nullable [] args)
      throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T)
        Proxy.newProxyInstance(
            FaultyDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
