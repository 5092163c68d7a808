package dev.ticketing.jpa;

import dev.ticketing.ConflictException;
import dev.ticketing.StoreUnavailableException;
import dev.ticketing.TicketingException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.hibernate.StaleStateException;

/**
 * Translates persistence failures into the core's coded exceptions: optimistic-lock failures,
 * serialisation failures, deadlocks and unique-key races become {@link
 * ConflictException} (retryable); lost connections and everything else unexpected
 * become {@link StoreUnavailableException}.
 */
final class JpaFailures {
  private JpaFailures() {}

  /** Whether the failure came from persistence (and so is ours to translate) rather than from the work itself. */
  static boolean isPersistenceFailure(RuntimeException e) {
    // Walks the causes: a framework may wrap the provider's exception in its own (Spring's
    // DataAccessException around Hibernate's around the driver's).
    return has(e, jakarta.persistence.PersistenceException.class)
        || has(e, org.hibernate.HibernateException.class)
        || sqlCause(e) != null;
  }

  static TicketingException translate(RuntimeException e) {
    if (e instanceof TicketingException coded) {
      return coded;
    }
    if (e instanceof OptimisticLockException
        || e instanceof PessimisticLockException
        || has(e, StaleStateException.class)) {
      return ConflictException.conflict("a concurrent change won; retry", e);
    }
    SQLException sql = sqlCause(e);
    String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
    // Races: 23505 unique key taken at the same moment, 23503 a parent deleted meanwhile (MySQL and
    // MariaDB say 23000 for both), 40001 serialisation failure, 40P01 deadlock. Other integrity
    // violations (NOT NULL, CHECK) are no race: retrying would not help, so they fall through.
    if (state.equals("23505")
        || state.equals("23503")
        || state.equals("23000")
        || state.startsWith("40")) {
      return ConflictException.conflict(
          "the store refused a concurrent write (SQLState " + state + "); retry", e);
    }
    // 08xxx connection exceptions; PostgreSQL's 57P01..57P05 (administrator or crash shutdown,
    // cannot connect now, database dropped, idle-session timeout) end the session as well: a
    // terminated backend reports 57P01, not 08xxx. (57014, a cancelled statement, is not one.)
    if (state.startsWith("08")
        || state.startsWith("57P0")
        || sql instanceof SQLNonTransientConnectionException
        || sql instanceof SQLRecoverableException
        || sql instanceof SQLTransientException) {
      return new StoreUnavailableException(
          "lost the connection to the database (SQLState " + state + ")", e);
    }
    return new StoreUnavailableException(
        "the ticket store failed: " + e.getClass().getSimpleName(), e);
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static @org.jspecify.annotations.Nullable SQLException sqlCause(Throwable e) {
    SQLException found = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        found = s; // the innermost one carries the server's SQLState
      }
    }
    return found;
  }
}
