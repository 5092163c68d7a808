package dev.ticketing.spring.jpa;

import dev.ticketing.testsupport.DatabaseServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The databases of the Spring tests: an H2 in memory and the PostgreSQL and MariaDB that run on
 * every machine of this project, where {@link DatabaseServer} says. Each Spring test gets databases
 * of its own, {@code ticketing_spring_*} (scratch databases named after the configured one),
 * dropped and created afresh so that "fresh database" means it, and apart from the JPA module's
 * {@code ticketing_test}. A server that cannot be reached fails the test: it is never skipped.
 */
enum SpringTestDatabase {
  H2(DatabaseServer.H2),
  POSTGRESQL(DatabaseServer.POSTGRESQL),
  MARIADB(DatabaseServer.MARIADB);

  private final DatabaseServer server;

  SpringTestDatabase(DatabaseServer server) {
    this.server = server;
  }

  String user() {
    return server.user();
  }

  String password() {
    return server.password();
  }

  /** Drops and creates the scratch database {@code asked} names; returns its JDBC URL. */
  String fresh(String asked) {
    return server.recreate(server.scratchName(asked));
  }

  /** The Spring Boot properties of a data source on the database at {@code url}. */
  List<String> properties(String url) {
    List<String> p = new ArrayList<>();
    p.add("spring.datasource.url=" + url);
    p.add("spring.datasource.username=" + server.user());
    p.add("spring.datasource.password=" + server.password());
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
    try (Connection c = server.connect(url)) {
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
}
