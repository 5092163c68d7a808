package dev.ticketing.spring.jpa;

import dev.ticketing.ErrorCode;
import dev.ticketing.TicketingException;
import dev.ticketing.jpa.JpaTransactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The JPA store's units of work as Spring transactions: {@code PROPAGATION_REQUIRED}, so a ticket
 * change made inside the host's {@code @Transactional} method commits or rolls back with it, and
 * one made outside gets a transaction of its own. The entity manager is Spring's shared one, bound
 * to the current transaction.
 *
 * <p>A refusal (validation, not found, access denied, invalid transition or state, rejected
 * attachment) leaves the host's transaction usable: the engine refuses before it writes anything,
 * so a host may catch the refusal and still commit its own work. Any other failure marks the
 * joined transaction rollback-only, since part of the change may have been written.
 */
final class SpringJpaTransactions implements JpaTransactions {
  private static final Set<ErrorCode> REFUSALS =
      EnumSet.of(
          ErrorCode.VALIDATION,
          ErrorCode.NOT_FOUND,
          ErrorCode.ACCESS_DENIED,
          ErrorCode.INVALID_TRANSITION,
          ErrorCode.INVALID_STATE,
          ErrorCode.ATTACHMENT_REJECTED);

  private final PlatformTransactionManager transactionManager;
  private final EntityManager entityManager;
  private final Runnable schemaReady;

  SpringJpaTransactions(
      PlatformTransactionManager transactionManager, EntityManagerFactory factory) {
    this(transactionManager, factory, () -> {});
  }

  /**
   * @param schemaReady returns once the store's tables are up to date (the ticketing migrations may
   *     still be running when the first unit of work comes), throws when they cannot be
   */
  SpringJpaTransactions(
      PlatformTransactionManager transactionManager,
      EntityManagerFactory factory,
      Runnable schemaReady) {
    this.transactionManager = transactionManager;
    this.entityManager = SharedEntityManagerCreator.createSharedEntityManager(factory);
    this.schemaReady = schemaReady;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    schemaReady.run();
    TransactionStatus status =
        transactionManager.getTransaction(new DefaultTransactionDefinition());
    T result;
    try {
      result = work.get();
    } catch (TicketingException e) {
      if (REFUSALS.contains(e.code())) {
        // Nothing was written; committing a joined transaction here is a no-op that keeps it
        // usable.
        transactionManager.commit(status);
      } else {
        rollback(status, e);
      }
      throw e;
    } catch (RuntimeException | Error e) {
      rollback(status, e);
      throw e;
    }
    transactionManager.commit(status);
    return result;
  }

  private void rollback(TransactionStatus status, Throwable cause) {
    try {
      transactionManager.rollback(status);
    } catch (RuntimeException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }

  /** Whether a Spring transaction (the host's, or one of the store's) is open on this thread. */
  @Override
  public boolean inUnitOfWork() {
    return TransactionSynchronizationManager.isActualTransactionActive();
  }

  @Override
  public EntityManager entityManager() {
    return entityManager;
  }
}
