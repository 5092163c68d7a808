package dev.ticketing.spring;

import dev.ticketing.jpa.JpaTransactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Supplier;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The JPA store's units of work as Spring transactions: {@code PROPAGATION_REQUIRED}, so a ticket
 * change made inside the host's {@code @Transactional} method commits or rolls back with it, and
 * one made outside gets a transaction of its own. The entity manager is Spring's shared one, bound
 * to the current transaction.
 */
final class SpringJpaTransactions implements JpaTransactions {
  private final TransactionTemplate template;
  private final EntityManager entityManager;

  SpringJpaTransactions(PlatformTransactionManager transactionManager, EntityManagerFactory factory) {
    this.template = new TransactionTemplate(transactionManager);
    this.entityManager = SharedEntityManagerCreator.createSharedEntityManager(factory);
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return template.execute(status -> work.get());
  }

  @Override
  public EntityManager entityManager() {
    return entityManager;
  }
}
