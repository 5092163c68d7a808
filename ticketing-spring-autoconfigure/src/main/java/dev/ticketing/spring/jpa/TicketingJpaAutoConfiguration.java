package dev.ticketing.spring.jpa;

import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.jpa.JpaTransactions;
import dev.ticketing.spi.TicketStore;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The JPA ticket store on the host's entity manager factory, in the host's Spring transactions.
 * Active when {@code ticketing-jpa} and Spring's JPA support are present and the host has an entity
 * manager factory, unless {@code ticketing.store.type=MEMORY}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
      "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"
    },
    after = TicketingJpaSchemaAutoConfiguration.class)
@ConditionalOnClass({
  JpaTicketStore.class,
  EntityManagerFactory.class,
  SharedEntityManagerCreator.class
})
@ConditionalOnBean({EntityManagerFactory.class, PlatformTransactionManager.class})
@ConditionalOnBooleanProperty(name = "ticketing.enabled", matchIfMissing = true)
@Conditional(StoreNotInMemory.class)
public final class TicketingJpaAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnSingleCandidate(EntityManagerFactory.class)
  JpaTransactions ticketingJpaTransactions(
      PlatformTransactionManager transactionManager,
      EntityManagerFactory factory,
      ObjectProvider<SchemaMigration> migration) {
    SchemaMigration schema = migration.getIfAvailable();
    return new SpringJpaTransactions(
        transactionManager, factory, schema == null ? () -> {} : schema::await);
  }

  @Bean
  @ConditionalOnMissingBean(TicketStore.class)
  @ConditionalOnBean(JpaTransactions.class)
  TicketStore ticketStore(JpaTransactions transactions) {
    return new JpaTicketStore(transactions);
  }
}
