package dev.ticketing.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Resource-local transactions on a plain {@link EntityManagerFactory}: one entity manager per
 * outermost unit of work, bound to the thread; nested units join it.
 *
 * @since 0.1.0
 */
public final class ResourceLocalTransactions implements JpaTransactions {
  private final EntityManagerFactory factory;
  private final ThreadLocal<@Nullable EntityManager> current = new ThreadLocal<>();

  /**
   * Transactions of their own on the factory.
   *
   * @param factory the entity manager factory to open entity managers on
   */
  public ResourceLocalTransactions(EntityManagerFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    EntityManager open = current.get();
    if (open != null) {
      return work.get();
    }
    EntityManager em = factory.createEntityManager();
    current.set(em);
    EntityTransaction tx = em.getTransaction();
    try {
      tx.begin();
      T result = work.get();
      tx.commit();
      return result;
    } catch (RuntimeException | Error e) {
      try {
        if (tx.isActive()) {
          tx.rollback();
        }
      } catch (RuntimeException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    } finally {
      current.remove();
      em.close();
    }
  }

  @Override
  public boolean inUnitOfWork() {
    return current.get() != null;
  }

  @Override
  public EntityManager entityManager() {
    EntityManager em = current.get();
    if (em == null) {
      throw new IllegalStateException("no ticketing unit of work is open on this thread");
    }
    return em;
  }
}
