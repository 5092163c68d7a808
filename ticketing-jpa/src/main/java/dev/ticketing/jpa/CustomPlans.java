package dev.ticketing.jpa;

import dev.ticketing.spi.TicketQuery;
import jakarta.persistence.EntityManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import org.hibernate.Session;

/**
 * Has PostgreSQL plan a read's statements for the values they are given, for the reads whose best
 * plan depends on them, and only for the duration of the read.
 *
 * <p>The JDBC driver turns a statement it has run five times on a connection into a prepared one,
 * and PostgreSQL may then settle on a generic plan, estimated for the average value of each
 * parameter. For most reads that plan is as good as any. Two are the exception: a customer's pages,
 * where one customer may own a thousand times the tickets of the average one, and search, where a
 * word may be in nearly every ticket or in none; their generic plans read every match and sort it
 * (a customer's search for a common word took 972 ms at ten million tickets, 2.7 ms planned for its
 * values). Planning every statement of the connection for its values, by the connection's
 * settings, costs the other pages more than it saves: an administrator's page with its total took
 * 6 to 7 ms at ten million tickets against 2.4 ms. So these reads alone set {@code
 * plan_cache_mode} to {@code force_custom_plan} for the transaction, and set it back afterwards so
 * that the rest of a host's transaction is planned as before.
 */
final class CustomPlans {

  /**
   * Sets the mode for the transaction and returns the one it replaces, in one round trip. {@code
   * offset 0} keeps the subquery from being merged into the outer select, so the previous mode is
   * read before it is set.
   */
  private static final String FORCE =
      "select previous, set_config('plan_cache_mode', 'force_custom_plan', true)"
          + " from (select current_setting('plan_cache_mode') as previous offset 0) mode";

  private static final String FORCED = "force_custom_plan";

  private CustomPlans() {}

  /**
   * Whether the best plan of the query depends on its values: a customer's own tickets (a
   * requester fixed) or a search term.
   */
  static boolean wanted(TicketQuery query) {
    String term = query.filter().searchTerm();
    return query.scope().requesterId() != null || (term != null && !term.isBlank());
  }

  /**
   * Runs a read with custom plans when the dialect wants them and the query is one of those whose
   * plan depends on its values; otherwise just runs it.
   */
  static <T> T around(EntityManager em, QueryDialect dialect, TicketQuery query, Supplier<T> read) {
    if (!dialect.customPlans() || !wanted(query)) {
      return read.get();
    }
    Session session = em.unwrap(Session.class);
    String previous = session.doReturningWork(c -> execute(c, FORCE));
    if (FORCED.equals(previous)) {
      // The connection plans for the values already (the host's settings): nothing to restore.
      return read.get();
    }
    T result;
    try {
      result = read.get();
    } catch (RuntimeException | Error failure) {
      // After a failed statement PostgreSQL refuses every other until the transaction rolls back,
      // which undoes the setting too; the read's failure is the one to report.
      try {
        session.doWork(c -> execute(c, restore(previous)));
      } catch (RuntimeException alsoFailed) {
        failure.addSuppressed(alsoFailed);
      }
      throw failure;
    }
    session.doWork(c -> execute(c, restore(previous)));
    return result;
  }

  private static String restore(String previous) {
    // The value is one of the setting's keywords, read from the server, never the caller's input;
    // it is quoted as a literal all the same.
    return "select set_config('plan_cache_mode', '" + previous.replace("'", "''") + "', true)";
  }

  private static String execute(java.sql.Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getString(1);
    }
  }
}
