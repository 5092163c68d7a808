package dev.ticketing.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL streaming replica of {@link DatabaseServer#POSTGRESQL}, for tests of reads from a
 * replica. Where it is comes from {@code TICKETING_PG_REPLICA_URL} (default: port 5433 on the
 * primary's host, the primary's database), with the primary's user and password. When it cannot be
 * reached, {@link #started()} runs the project's {@code .ci/start-pg-replica} (found in the working
 * directory or a parent), which makes one on this machine with {@code pg_basebackup}; when that
 * fails too, the test fails: replica tests never skip.
 *
 * <p>Everything on the primary reaches the replica by replication, databases included: {@link
 * #awaitReplay()} waits until the replica has replayed what the primary has written so far. {@link
 * #withReplayPaused} holds replay back while it runs (and resumes it, whatever happens), one caller
 * at a time across the test JVMs of this machine, so the replica shows the state before a write.
 *
 * @since 0.2.0
 */
public final class PostgresReplica {

  /** How long {@link #awaitReplay()} waits: a replica another test run holds paused catches up. */
  private static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(3);

  private static final ReentrantLock PAUSED_HERE = new ReentrantLock();
  private static final Path PAUSE_LOCK =
      Path.of(System.getProperty("java.io.tmpdir"), "ticketing-pg-replica-pause.lock");

  private static volatile @Nullable PostgresReplica started;

  private final DatabaseServer primary = DatabaseServer.POSTGRESQL;
  private final String url;

  private PostgresReplica(String url) {
    this.url = url;
  }

  /**
   * The replica, started when it is not reachable.
   *
   * @return the reachable replica
   * @throws IllegalStateException when it cannot be reached nor started
   */
  public static synchronized PostgresReplica started() {
    PostgresReplica known = started;
    if (known != null) {
      return known;
    }
    String configured = System.getenv("TICKETING_PG_REPLICA_URL");
    PostgresReplica replica =
        new PostgresReplica(
            configured == null || configured.isBlank() ? defaultUrl() : configured.strip());
    if (!replica.streaming()) {
      replica.start();
    }
    started = replica;
    return replica;
  }

  /**
   * The configured JDBC URL of the replica.
   *
   * @return the JDBC URL
   */
  public String url() {
    return url;
  }

  /**
   * The JDBC URL of another database on the replica (query parameters kept).
   *
   * @param database the database name
   * @return its JDBC URL
   */
  public String urlOf(String database) {
    Objects.requireNonNull(database, "database");
    int slash = url.lastIndexOf('/');
    int query = url.indexOf('?', slash);
    return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
  }

  /**
   * A connection to a database of the replica with the primary's user and password.
   *
   * @param jdbcUrl for example from {@link #urlOf}
   * @return a new connection, the caller's to close
   * @throws SQLException when the replica refuses it
   */
  public Connection connect(String jdbcUrl) throws SQLException {
    return DriverManager.getConnection(jdbcUrl, primary.user(), primary.password());
  }

  /**
   * Waits until the replica has replayed everything the primary wrote before this call (databases
   * created included).
   *
   * @throws IllegalStateException when it has not within three minutes
   */
  public void awaitReplay() {
    String target = onPrimary("select pg_current_wal_lsn()::text");
    long deadline = System.nanoTime() + REPLAY_TIMEOUT.toNanos();
    while (true) {
      String caughtUp = onReplica("select pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn");
      if ("t".equals(caughtUp)) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "the replica at "
                + url
                + " did not replay up to "
                + target
                + " within "
                + REPLAY_TIMEOUT);
      }
      sleep(50);
    }
  }

  /**
   * Runs {@code work} while the replica does not replay what the primary writes, then resumes replay
   * (also when the work fails) and waits until the replica caught up.
   *
   * @param work what runs while replay is paused
   * @return the work's result
   */
  public <T> T withReplayPaused(Supplier<T> work) {
    PAUSED_HERE.lock();
    try (FileChannel channel =
            FileChannel.open(PAUSE_LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      awaitReplay();
      onReplica("select pg_wal_replay_pause()::text");
      try {
        // Once requested, no further record is replayed (the state turns to "paused" at the next).
        if ("not paused".equals(onReplica("select pg_get_wal_replay_pause_state()"))) {
          throw new IllegalStateException("replay on " + url + " did not pause");
        }
        return work.get();
      } finally {
        onReplica("select pg_wal_replay_resume()::text");
        awaitReplay();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + PAUSE_LOCK, e);
    } finally {
      PAUSED_HERE.unlock();
    }
  }

  /**
   * {@link #withReplayPaused(Supplier)} for work without a result.
   *
   * @param work what runs while replay is paused
   */
  public void withReplayPaused(Runnable work) {
    withReplayPaused(
        () -> {
          work.run();
          return null;
        });
  }

  /**
   * One value of a query on the replica's maintenance database.
   *
   * @param sql a query of one row and column
   * @return its value as text
   */
  public String onReplica(String sql) {
    return single(urlOf("postgres"), sql);
  }

  private String onPrimary(String sql) {
    return single(primary.urlOf("postgres"), sql);
  }

  private String single(String jdbcUrl, String sql) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, primary.user(), primary.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return String.valueOf(rs.getString(1));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql + " at " + jdbcUrl, e);
    }
  }

  private boolean streaming() {
    try {
      return "t".equals(onReplica("select pg_is_in_recovery()"));
    } catch (IllegalStateException unreachable) {
      return false;
    }
  }

  private void start() {
    Path script = script();
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
    builder.environment().put("PG_PRIMARY_HOST", host(primary.url()));
    builder.environment().put("PG_PRIMARY_PORT", port(primary.url(), 5432));
    builder.environment().put("PG_REPLICA_PORT", port(url, 5433));
    String output;
    int exit;
    try {
      Process process = builder.start();
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(script + " did not finish within 10 minutes:\n" + output);
      }
      exit = process.exitValue();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + script + " ran", e);
    }
    if (exit != 0 || !streaming()) {
      throw new IllegalStateException(
          "no PostgreSQL replica at "
              + url
              + " and "
              + script
              + " could not start one (exit "
              + exit
              + "); replica tests fail rather than skip:\n"
              + output);
    }
  }

  private static Path script() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve(".ci/start-pg-replica");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "no PostgreSQL replica is reachable and no .ci/start-pg-replica was found above "
            + Path.of("").toAbsolutePath()
            + " to start one; set TICKETING_PG_REPLICA_URL to a streaming replica of "
            + DatabaseServer.POSTGRESQL.url());
  }

  /** Port 5433 on the primary's host, the primary's database. */
  private static String defaultUrl() {
    String primaryUrl = DatabaseServer.POSTGRESQL.url();
    String host = host(primaryUrl);
    return "jdbc:postgresql://" + host + ":5433/" + DatabaseServer.POSTGRESQL.databaseName();
  }

  /** The host of a {@code jdbc:postgresql://host[:port]/db} URL. */
  private static String host(String jdbcUrl) {
    String authority = authority(jdbcUrl);
    int colon = authority.lastIndexOf(':');
    return colon < 0 ? authority : authority.substring(0, colon);
  }

  private static String port(String jdbcUrl, int fallback) {
    String authority = authority(jdbcUrl);
    int colon = authority.lastIndexOf(':');
    return colon < 0 ? String.valueOf(fallback) : authority.substring(colon + 1);
  }

  private static String authority(String jdbcUrl) {
    String rest = jdbcUrl.substring(jdbcUrl.indexOf("//") + 2);
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
