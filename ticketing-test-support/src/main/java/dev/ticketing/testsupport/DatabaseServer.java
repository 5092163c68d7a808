package dev.ticketing.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The database servers integration tests run against: an H2 in memory, and a PostgreSQL and a
 * MariaDB server. Where they are comes from environment variables, so that every developer and CI
 * point the same tests at their own servers; a test database is created when missing, or dropped and
 * created afresh, with the settings the library's schema needs (MariaDB: {@code utf8mb4} with a
 * binary collation).
 *
 * <table>
 *   <caption>Environment variables (defaults: local servers, no password)</caption>
 *   <tr><th>server</th><th>URL</th><th>user</th><th>password</th></tr>
 *   <tr><td>PostgreSQL</td><td>{@code TICKETING_PG_URL} ({@code
 *       jdbc:postgresql://127.0.0.1:5432/ticketing_test})</td><td>{@code TICKETING_PG_USER}
 *       ({@code postgres})</td><td>{@code TICKETING_PG_PASSWORD}</td></tr>
 *   <tr><td>MariaDB</td><td>{@code TICKETING_MARIADB_URL} ({@code
 *       jdbc:mariadb://127.0.0.1:3306/ticketing_test})</td><td>{@code TICKETING_MARIADB_USER}
 *       ({@code root})</td><td>{@code TICKETING_MARIADB_PASSWORD}</td></tr>
 * </table>
 *
 * <p>Test suites that must not share tables ask for a database of their own with {@link
 * #scratchName(String)}: against the default database {@code ticketing_test} the purpose {@code
 * adversarial} is {@code ticketing_adversarial}; against a configured {@code ticketing_ci} it is
 * {@code ticketing_ci_adversarial}, so runs pointed at different databases never touch each other's.
 *
 * <p>A server that cannot be reached fails with an {@link IllegalStateException} naming the URL and
 * the variables: database tests fail rather than skip. The JDBC driver of the server must be on the
 * test class path.
 *
 * @since 0.1.0
 */
public enum DatabaseServer {
  /** H2 in memory: each database lives while the JVM does. */
  H2("jdbc:h2:mem:ticketing_test;DB_CLOSE_DELAY=-1", "sa", ""),
  /** PostgreSQL, from {@code TICKETING_PG_*}. */
  POSTGRESQL(
      env("TICKETING_PG_URL", "jdbc:postgresql://127.0.0.1:5432/ticketing_test"),
      env("TICKETING_PG_USER", "postgres"),
      env("TICKETING_PG_PASSWORD", "")),
  /** MariaDB, from {@code TICKETING_MARIADB_*}. */
  MARIADB(
      env("TICKETING_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/ticketing_test"),
      env("TICKETING_MARIADB_USER", "root"),
      env("TICKETING_MARIADB_PASSWORD", ""));

  /** The database tests use when nothing else is configured. */
  public static final String DEFAULT_DATABASE = "ticketing_test";

  // Database names are written into DDL unquoted: letters, digits and underscores only.
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");

  private final String url;
  private final String user;
  private final String password;

  DatabaseServer(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /**
   * The configured JDBC URL: the configured database on this server.
   *
   * @return the JDBC URL
   */
  public String url() {
    return url;
  }

  /**
   * The user the tests connect as.
   *
   * @return the user name
   */
  public String user() {
    return user;
  }

  /**
   * The password of {@link #user()}, empty for none.
   *
   * @return the password
   */
  public String password() {
    return password;
  }

  /**
   * The name of the configured database (for H2 the in-memory database's name).
   *
   * @return the database name
   */
  public String databaseName() {
    if (this == H2) {
      String rest = url.substring("jdbc:h2:mem:".length());
      int semicolon = rest.indexOf(';');
      return semicolon < 0 ? rest : rest.substring(0, semicolon);
    }
    int slash = url.lastIndexOf('/');
    int query = url.indexOf('?', slash);
    return query < 0 ? url.substring(slash + 1) : url.substring(slash + 1, query);
  }

  /**
   * The name of a database of its own for one purpose (letters, digits, underscores), derived from
   * the configured database: {@code ticketing_<purpose>} against the default, {@code
   * <configured>_<purpose>} otherwise (a purpose may start with {@code ticketing_} or not).
   *
   * @param purpose what the database is for, for example {@code spring_test}
   * @return the database name
   */
  public String scratchName(String purpose) {
    Objects.requireNonNull(purpose, "purpose");
    String configured = databaseName();
    String own = purpose.replaceFirst("^ticketing_", ""); // "ticketing_x" and "x" are one purpose
    String name = configured.equals(DEFAULT_DATABASE) ? "ticketing_" + own : configured + "_" + own;
    return checkedName(name);
  }

  /**
   * The JDBC URL of another database on the same server (query parameters kept).
   *
   * @param database the database name
   * @return its JDBC URL
   */
  public String urlOf(String database) {
    checkedName(database);
    if (this == H2) {
      return "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1";
    }
    int slash = url.lastIndexOf('/');
    int query = url.indexOf('?', slash);
    return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
  }

  /**
   * Creates the database when it does not exist.
   *
   * @param database the database name
   * @return its JDBC URL
   */
  public String ensure(String database) {
    switch (this) {
      case H2 -> {} // created by the first connection
      case POSTGRESQL ->
          admin(
              c -> {
                try (Statement s = c.createStatement();
                    ResultSet rs =
                        s.executeQuery(
                            "select 1 from pg_database where datname = '"
                                + database.toLowerCase(Locale.ROOT)
                                + "'")) {
                  if (!rs.next()) {
                    s.executeUpdate("create database " + database);
                  }
                }
              },
              database);
      case MARIADB ->
          admin(
              c -> {
                try (Statement s = c.createStatement()) {
                  s.executeUpdate(
                      "create database if not exists "
                          + database
                          + " character set utf8mb4 collate utf8mb4_bin");
                }
              },
              database);
    }
    return urlOf(database);
  }

  /**
   * Drops the database (ending its sessions on PostgreSQL) and creates it empty; returns its JDBC
   * URL. On H2 a new in-memory database of a unique name stands in for it.
   *
   * @param database the database name
   * @return its JDBC URL
   */
  public String recreate(String database) {
    switch (this) {
      case H2 -> {
        return urlOf(checkedName(database) + "_" + UUID.randomUUID().toString().substring(0, 8));
      }
      case POSTGRESQL ->
          admin(
              c -> {
                try (Statement s = c.createStatement()) {
                  s.execute("drop database if exists " + database + " with (force)");
                  s.execute("create database " + database);
                }
              },
              database);
      case MARIADB ->
          admin(
              c -> {
                try (Statement s = c.createStatement()) {
                  s.execute("drop database if exists " + database);
                  s.execute(
                      "create database " + database + " character set utf8mb4 collate utf8mb4_bin");
                }
              },
              database);
    }
    return urlOf(database);
  }

  /**
   * A connection to the database at {@code jdbcUrl} with this server's user and password.
   *
   * @param jdbcUrl the database, for example from {@link #urlOf}
   * @return a new connection, the caller's to close
   * @throws SQLException when the server refuses the connection
   */
  public Connection connect(String jdbcUrl) throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  private interface AdminWork {
    void run(Connection c) throws SQLException;
  }

  /** Runs DDL on the server's maintenance database (PostgreSQL) or on no database (MariaDB). */
  private void admin(AdminWork work, String database) {
    checkedName(database);
    String admin = this == POSTGRESQL ? urlOf("postgres") : serverUrl();
    try (Connection c = connect(admin)) {
      work.run(c);
    } catch (SQLException e) {
      throw new IllegalStateException(
          this
              + " is not reachable at "
              + admin
              + " or refused to create "
              + database
              + " (start it, or set the TICKETING_* environment variables); database tests fail"
              + " rather than skip",
          e);
    }
  }

  private String serverUrl() {
    int slash = url.lastIndexOf('/');
    int query = url.indexOf('?', slash);
    return url.substring(0, slash + 1) + (query < 0 ? "" : url.substring(query));
  }

  private static String checkedName(String database) {
    if (!NAME.matcher(database).matches()) {
      throw new IllegalArgumentException(
          "a test database name must be a letter then up to 62 letters, digits or underscores, but"
              + " was '"
              + database
              + "'");
    }
    return database;
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
