package dev.ticketing.spring.jpa;

import dev.ticketing.jpa.JpaAssignmentStore;
import dev.ticketing.jpa.JpaLinkStore;
import dev.ticketing.jpa.JpaMacroStore;
import dev.ticketing.jpa.JpaRatingStore;
import dev.ticketing.jpa.JpaSlaStore;
import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.jpa.JpaTransactions;
import dev.ticketing.spi.AssignmentStore;
import dev.ticketing.spi.LinkStore;
import dev.ticketing.spi.MacroStore;
import dev.ticketing.spi.RatingStore;
import dev.ticketing.spi.SlaStore;
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
import org.springframework.context.annotation.Import;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The JPA ticket store on the host's entity manager factory, in the host's Spring transactions,
 * and the SLA clock store in the same transactions.
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
@Import(TicketingJpaReplicaConfiguration.class)
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
  TicketStore ticketStore(
      JpaTransactions transactions,
      ObjectProvider<TicketingJpaReplicaConfiguration.Replica> replica) {
    return TicketingJpaReplicaConfiguration.store(transactions, replica.getIfAvailable());
  }

  /** Custom field definitions in the same database, in the same transactions as the tickets. */
  @Bean
  @ConditionalOnMissingBean(dev.ticketing.spi.FieldDefinitionStore.class)
  @ConditionalOnBean(JpaTransactions.class)
  dev.ticketing.spi.FieldDefinitionStore ticketingFieldDefinitionStore(
      JpaTransactions transactions) {
    return new dev.ticketing.jpa.JpaFieldDefinitionStore(transactions);
  }

  /** SLA clocks on the ticket store's database, in the same transactions. */
  @Bean
  @ConditionalOnMissingBean(SlaStore.class)
  @ConditionalOnBean(JpaTransactions.class)
  SlaStore ticketingSlaStore(JpaTransactions transactions) {
    return new JpaSlaStore(transactions);
  }

  /** Agents' profiles and loads, in the tickets' transactions. */
  @Bean
  @ConditionalOnMissingBean(AssignmentStore.class)
  @ConditionalOnBean(JpaTransactions.class)
  AssignmentStore ticketingAssignmentStore(JpaTransactions transactions) {
    return new JpaAssignmentStore(transactions);
  }

  /** Links and merges on the ticket store's database, in the same transactions (since 0.2.0). */
  @Bean
  @ConditionalOnMissingBean(LinkStore.class)
  @ConditionalOnBean(JpaTransactions.class)
  LinkStore ticketingLinkStore(JpaTransactions transactions) {
    return new JpaLinkStore(transactions);
  }

  /** Macros in the ticket store's database. */
  @Bean
  @ConditionalOnMissingBean(MacroStore.class)
  @ConditionalOnBean(JpaTransactions.class)
  MacroStore ticketingMacroStore(JpaTransactions transactions) {
    return new JpaMacroStore(transactions);
  }

  /** Satisfaction ratings in the ticket store's database, committed with their audit entries. */
  @Bean
  @ConditionalOnMissingBean(RatingStore.class)
  @ConditionalOnBean(JpaTransactions.class)
  RatingStore ticketingRatingStore(JpaTransactions transactions) {
    return new JpaRatingStore(transactions);
  }
}
