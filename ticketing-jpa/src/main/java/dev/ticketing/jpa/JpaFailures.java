package dev.ticketing.jpa;

import dev.ticketing.ConcurrentModificationException;
import dev.ticketing.StoreUnavailableException;
import dev.ticketing.TicketingException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientException;
import java.sql.SQLRecoverableException;
import java.sql.SQLNonTransientConnectionException;
import org.hibernate.StaleStateException;

/**
 * Translates persistence failures into the core's coded exceptions: optimistic-lock failures,
 * serialisation failures, deadlocks and unique-key races become {@link
 * ConcurrentModificationException} (retryable); lost connections and everything else unexpected
 * become {@link StoreUnavailableException}.
 */
final class JpaFailures {
  private JpaFailures() {}

  /** Whether the failure came from persistence (and so is ours to translate) rather than from the work itself. */
  static boolean isPersistenceFailure(RuntimeException e) {
    // Walks the causes: a framework may wrap the provider's exception in its own (Spring's
    // DataAccessException around Hibernate's around the driver's).
    return has(e, jakarta.persistence.PersistenceException.class) || has(e, org.hibernate.HibernateException.class)
        || sqlCause(e) != null;
  }

  static TicketingException translate(RuntimeException e) {
    if (e instanceof TicketingException coded) {
      return coded;
    }
    if (e instanceof OptimisticLockException || e instanceof PessimisticLockException || has(e, StaleStateException.class)) {
      return ConcurrentModificationException.conflict("a concurrent change won; retry", e);
    }
    SQLException sql = sqlCause(e);
    String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
    // 23xxx integrity (a unique key taken at the same moment), 40001 serialisation, 40P01 deadlock.
    if (state.startsWith("23") || state.startsWith("40") || sql instanceof SQLIntegrityConstraintViolationException) {
      return ConcurrentModificationException.conflict("the store refused a concurrent write (SQLState " + state + "); retry", e);
    }
    if (state.startsWith("08") || sql instanceof SQLNonTransientConnectionException
        || sql instanceof SQLRecoverableException || sql instanceof SQLTransientException) {
      return new StoreUnavailableException("lost the connection to the database (SQLState " + state + ")", e);
    }
    return new StoreUnavailableException("the ticket store failed: " + e.getClass().getSimpleName(), e);
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
