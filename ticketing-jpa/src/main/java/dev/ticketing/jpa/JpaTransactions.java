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
}
