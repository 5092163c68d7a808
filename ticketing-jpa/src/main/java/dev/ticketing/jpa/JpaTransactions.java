package dev.ticketing.jpa;

import jakarta.persistence.EntityManager;
import java.util.function.Supplier;

/**
 * How the JPA store gets its entity manager and transactions: the seam between the store and
 * whoever manages transactions. {@link ResourceLocalTransactions} runs its own, resource-local
 * ones; a host framework (Spring's auto-configuration does this) supplies one that joins its own
 * transaction management.
 *
 * @since 0.1.0
 */
public interface JpaTransactions {

  /**
   * Runs the work in a transaction: joins the one open on this thread, or begins one and commits
   * it when the work returns (rolls back when it throws).
   *
   * @param <T> what the work returns
   * @param work the work
   * @return what the work returned
   */
  <T> T inTransaction(Supplier<T> work);

  /**
   * The entity manager of the current transaction; only valid inside {@link #inTransaction}.
   *
   * @return the entity manager
   */
  EntityManager entityManager();

  /**
   * Whether a unit of work is open on this thread: reads made inside one (perhaps a write's) never
   * go to a read replica. The default asks the entity manager whether it is joined to a
   * transaction.
   *
   * @return true inside a unit of work
   * @since 0.2.0
   */
  default boolean inUnitOfWork() {
    try {
      return entityManager().isJoinedToTransaction();
    } catch (IllegalStateException none) {
      return false;
    }
  }
}
