package com.example.host;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The host's scratch databases on the PostgreSQL and MariaDB of the machine ({@code TICKETING_PG_URL}
 * and {@code TICKETING_MARIADB_URL} override the servers): {@code ticketing_spring_host}, or named
 * after the configured database ({@code ticketing_x_spring_host}), dropped and created afresh. A
 * server that cannot be reached fails the test.
 */
enum HostDatabase {
  POSTGRESQL("TICKETING_PG", "jdbc:postgresql://127.0.0.1:5432/ticketing_test", "postgres"),
  MARIADB("TICKETING_MARIADB", "jdbc:mariadb://127.0.0.1:3306/ticketing_test", "root");

  private final String server;
  private final String configured;
  private final String user;
  private final String password;

  HostDatabase(String prefix, String url, String user) {
    String configuredUrl = env(prefix + "_URL", url);
    int query = configuredUrl.indexOf('?');
    String base = query < 0 ? configuredUrl : configuredUrl.substring(0, query);
    this.server = base.substring(0, base.lastIndexOf('/') + 1);
    this.configured = base.substring(base.lastIndexOf('/') + 1);
    this.user = env(prefix + "_USER", user);
    this.password = env(prefix + "_PASSWORD", "");
  }

  String name(String asked) {
    return configured.equals("ticketing_test")
        ? asked
        : configured + "_" + asked.replaceFirst("^ticketing_", "");
  }

  /** Drops and creates the database; returns its JDBC URL. */
  String fresh(String asked) {
    String name = name(asked);
    if (this == POSTGRESQL) {
      execute(
          server + "postgres",
          "drop database if exists " + name + " with (force)",
          "create database " + name);
    } else {
      execute(
          server,
          "drop database if exists " + name,
          "create database " + name + " character set utf8mb4 collate utf8mb4_bin");
    }
    return server + name;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  /** The values of the first column of a query, as text. */
  List<String> column(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on " + url, e);
    }
  }

  /** The names of the tables of the database at {@code url}, lower case. */
  List<String> tables(String url) {
    String sql =
        this == POSTGRESQL
            ? "select tablename from pg_tables where schemaname = current_schema()"
            : "select table_name from information_schema.tables where table_schema = database()";
    return column(url, sql).stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
  }

  void execute(String url, String... statements) {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          this + " is not reachable at " + url + " (start it, or set the TICKETING_* variables)",
          e);
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
