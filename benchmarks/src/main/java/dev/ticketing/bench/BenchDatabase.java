package dev.ticketing.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The server a run measures: PostgreSQL or MariaDB, a database of its own (created when missing).
 * Defaults are the servers of this project's machines; {@code --url}, {@code --user} and
 * {@code --password} override them.
 */
record BenchDatabase(Vendor vendor, String url, String user, String password) {

  enum Vendor {
    POSTGRESQL,
    MARIADB;

    static Vendor parse(String s) {
      return switch (s.toLowerCase(Locale.ROOT)) {
        case "postgresql", "postgres", "pg" -> POSTGRESQL;
        case "mariadb", "mysql" -> MARIADB;
        default ->
            throw new IllegalArgumentException("--vendor is postgresql or mariadb, not " + s);
      };
    }
  }

  static BenchDatabase of(Vendor vendor, String database) {
    return vendor == Vendor.POSTGRESQL
        ? new BenchDatabase(vendor, "jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "")
        : new BenchDatabase(vendor, "jdbc:mariadb://127.0.0.1:3306/" + database, "root", "");
  }

  String databaseName() {
    int slash = url.lastIndexOf('/');
    int query = url.indexOf('?', slash);
    return query < 0 ? url.substring(slash + 1) : url.substring(slash + 1, query);
  }

  void createIfMissing() throws SQLException {
    int slash = url.lastIndexOf('/');
    String admin = url.substring(0, slash + 1) + (vendor == Vendor.POSTGRESQL ? "postgres" : "");
    String name = databaseName();
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("database name must be a plain identifier: " + name);
    }
    try (Connection c = DriverManager.getConnection(admin, user, password);
        Statement s = c.createStatement()) {
      if (vendor == Vendor.POSTGRESQL) {
        try (ResultSet rs =
            s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
          if (rs.next()) {
            return;
          }
        }
        s.executeUpdate("create database " + name);
      } else {
        s.executeUpdate(
            "create database if not exists " + name + " character set utf8mb4 collate utf8mb4_bin");
      }
    }
  }

  /** A pool, as a host would configure it. */
  HikariDataSource pool(String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    config.setConnectionTimeout(30_000);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }

  Connection connect() throws SQLException {
    String u = url;
    if (vendor == Vendor.MARIADB) {
      // The loader streams files with LOAD DATA LOCAL INFILE; the driver refuses it unless asked.
      u = url + (url.contains("?") ? "&" : "?") + "allowLocalInfile=true";
    }
    return DriverManager.getConnection(u, user, password);
  }

  String describe() {
    return vendor.name().toLowerCase(Locale.ROOT) + " " + url;
  }
}
