package dev.ticketing.spring;

import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.jpa.TicketingPersistence;
import dev.ticketing.jpa.TicketingSchema;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryBuilderCustomizer;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Prepares the host's JPA for the ticketing store, before Spring Boot builds the entity manager
 * factory: registers the store's entity classes with the host's persistence unit (no {@code
 * @EntityScan} needed, and an {@code @EntityScan} of the host does not hide them) and, unless
 * {@code ticketing.store.schema} says otherwise, migrates the store's tables first.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({JpaTicketStore.class, EntityManagerFactoryBuilderCustomizer.class})
@ConditionalOnBooleanProperty(name = "ticketing.enabled", matchIfMissing = true)
@ConditionalOnExpression(TicketingJpaAutoConfiguration.NOT_MEMORY)
public final class TicketingJpaSchemaAutoConfiguration {

  @Bean
  EntityManagerFactoryBuilderCustomizer ticketingEntities() {
    return builder -> builder.addPersistenceUnitPostProcessors(unit ->
        TicketingPersistence.ENTITY_CLASSES.forEach(c -> unit.addManagedClassName(c.getName())));
  }

  /** The ticketing migrations, run before the entity manager factory validates against them. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(DataSource.class)
  @ConditionalOnProperty(name = "ticketing.store.schema", havingValue = "TICKETING", matchIfMissing = true)
  static final class Migrations {

    @Bean
    static EntityManagerFactoryDependsOnPostProcessor ticketingSchemaFirst() {
      return new EntityManagerFactoryDependsOnPostProcessor("ticketingSchemaMigration");
    }

    @Bean
    InitializingBean ticketingSchemaMigration(DataSource dataSource) {
      return () -> TicketingSchema.migrate(dataSource);
    }
  }
}
