package dev.ticketing.spring.jpa;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The databases of the Spring tests: an H2 in memory and the PostgreSQL and MariaDB that run on
 * every machine of this project (override with the same TICKETING_* variables as the JPA module's
 * tests). Each Spring test gets databases of its own, {@code ticketing_spring_*}, dropped and
 * created afresh so that "fresh database" means it, and apart from the JPA module's {@code
 * ticketing_test}. A server that cannot be reached fails the test: it is never skipped.
 */
enum SpringTestDatabase {
  H2("jdbc:h2:mem:", "sa", ""),
  POSTGRESQL(
      env("TICKETING_PG_URL", "jdbc:postgresql://127.0.0.1:5432/ticketing_test"),
      env("TICKETING_PG_USER", "postgres"),
      env("TICKETING_PG_PASSWORD", "")),
  MARIADB(
      env("TICKETING_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/ticketing_test"),
      env("TICKETING_MARIADB_USER", "root"),
      env("TICKETING_MARIADB_PASSWORD", ""));

  private final String server;
  private final String configured;
  private final String user;
  private final String password;

  SpringTestDatabase(String url, String user, String password) {
    // Everything up to the database name: the server the test databases are created on.
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    this.server = base.startsWith("jdbc:h2:") ? base : base.substring(0, base.lastIndexOf('/') + 1);
    this.configured = base.startsWith("jdbc:h2:") ? "" : base.substring(base.lastIndexOf('/') + 1);
    this.user = user;
    this.password = password;
  }

  /**
   * The name a test database really gets: as asked against the default {@code ticketing_test}; after
   * the configured database otherwise ({@code ticketing_x} asks for {@code ticketing_spring_test},
   * gets {@code ticketing_x_spring_test}), so that runs pointed at different databases never drop
   * each other's.
   */
  private String named(String name) {
    if (configured.isEmpty() || configured.equals("ticketing_test")) {
      return name;
    }
    return configured + "_" + name.replaceFirst("^ticketing_", "");
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  /** Drops and creates the database; returns its JDBC URL. */
  String fresh(String asked) {
    String name = named(asked);
    return switch (this) {
      case H2 ->
          server + name + "_" + UUID.randomUUID().toString().substring(0, 8) + ";DB_CLOSE_DELAY=-1";
      case POSTGRESQL -> {
        admin(
            server + "postgres",
            "drop database if exists " + name + " with (force)",
            "create database " + name);
        yield server + name;
      }
      case MARIADB -> {
        admin(
            server,
            "drop database if exists " + name,
            "create database " + name + " character set utf8mb4 collate utf8mb4_bin");
        yield server + name;
      }
    };
  }

  /** The Spring Boot properties of a data source on the database at {@code url}. */
  List<String> properties(String url) {
    List<String> p = new ArrayList<>();
    p.add("spring.datasource.url=" + url);
    p.add("spring.datasource.username=" + user);
    p.add("spring.datasource.password=" + password);
    p.add("spring.datasource.hikari.maximum-pool-size=8");
    p.add("spring.datasource.hikari.connection-timeout=10000");
    return p;
  }

  /** A lower-case table name as this database's SQL must write it (H2 folds unquoted names to upper case). */
  String quote(String table) {
    return this == H2 ? '"' + table + '"' : table;
  }

  /** The names of the tables of the database at {@code url}, lower case. */
  List<String> tables(String url) {
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      List<String> out = new ArrayList<>();
      String catalog = this == MARIADB ? c.getCatalog() : null;
      String schema = this == MARIADB ? null : c.getSchema();
      try (ResultSet rs = c.getMetaData().getTables(catalog, schema, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          out.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list the tables of " + url, e);
    }
  }

  private void admin(String url, String... statements) {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          this
              + " is not reachable at "
              + url
              + " (start it, or set the TICKETING_* "
              + "environment variables); database tests fail rather than skip",
          e);
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
