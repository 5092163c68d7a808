package dev.ticketing.spring.jpa;

import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.jpa.TicketingPersistence;
import dev.ticketing.spring.diagnostics.DestructiveSchemaGenerationException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.hibernate.tool.schema.spi.SchemaFilterProvider;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryBuilderCustomizer;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Prepares the host's JPA for the ticketing store, before Spring Boot builds the entity manager
 * factory: registers the store's entity classes with the host's persistence unit (no {@code
 * @EntityScan} needed, and an {@code @EntityScan} of the host does not hide them) and, unless
 * {@code ticketing.store.schema} says otherwise, migrates the store's tables first. Hibernate's own
 * schema generation ({@code spring.jpa.hibernate.ddl-auto}) leaves the ticketing tables alone.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({JpaTicketStore.class, EntityManagerFactoryBuilderCustomizer.class})
@ConditionalOnBooleanProperty(name = "ticketing.enabled", matchIfMissing = true)
@Conditional(StoreNotInMemory.class)
public final class TicketingJpaSchemaAutoConfiguration {

  @Bean
  EntityManagerFactoryBuilderCustomizer ticketingEntities() {
    return builder ->
        builder.addPersistenceUnitPostProcessors(
            unit ->
                TicketingPersistence.ENTITY_CLASSES.forEach(
                    c -> unit.addManagedClassName(c.getName())));
  }

  /**
   * Hibernate's schema generation never touches the ticketing tables ({@link
   * TicketingTablesExcluded}); a host that brings a schema filter of its own and asks for a
   * generation that drops tables fails to start instead ({@link
   * DestructiveSchemaGenerationException}).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({HibernatePropertiesCustomizer.class, SchemaFilterProvider.class})
  static final class SchemaGeneration {
    static final String FILTER = "hibernate.hbm2ddl.schema_filter_provider";
    static final String HOST_FILTER = "spring.jpa.properties." + FILTER;
    static final List<String> GENERATION_PROPERTIES =
        List.of(
            "spring.jpa.hibernate.ddl-auto",
            "spring.jpa.properties.hibernate.hbm2ddl.auto",
            "spring.jpa.properties.jakarta.persistence.schema-generation.database.action");
    static final Set<String> DESTRUCTIVE =
        Set.of("create", "create-drop", "drop", "drop-and-create");

    @Bean
    HibernatePropertiesCustomizer ticketingTablesExcluded() {
      return properties -> properties.putIfAbsent(FILTER, new TicketingTablesExcluded());
    }

    @Bean
    static BeanFactoryPostProcessor ticketingDestructiveGenerationRefused(Environment environment) {
      return beanFactory -> {
        if (environment.getProperty(HOST_FILTER) == null) {
          return;
        }
        for (String property : GENERATION_PROPERTIES) {
          String value = environment.getProperty(property);
          if (value != null && DESTRUCTIVE.contains(value.strip().toLowerCase(Locale.ROOT))) {
            throw new DestructiveSchemaGenerationException(property, value);
          }
        }
      };
    }
  }

  /**
   * Hibernate's JSON format mapper for the host's persistence unit made on first use ({@link
   * DeferredJsonFormatMapper}) where the JPA starter's Flyway brought Jackson 3, unless the host
   * names a mapper of its own ({@code spring.jpa.properties.hibernate.type.json_format_mapper}) or
   * has Jackson 2 or Oracle's JSON extension, which Hibernate would prefer.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      value = HibernatePropertiesCustomizer.class,
      name = "tools.jackson.databind.json.JsonMapper")
  @ConditionalOnMissingClass({
    "com.fasterxml.jackson.databind.ObjectMapper",
    "oracle.jdbc.provider.oson.OsonFactory"
  })
  static final class JsonFormatMapper {
    static final String SETTING = "hibernate.type.json_format_mapper";

    @Bean
    HibernatePropertiesCustomizer ticketingDeferredJsonFormatMapper() {
      return properties -> properties.putIfAbsent(SETTING, new DeferredJsonFormatMapper());
    }
  }

  /**
   * The ticketing migrations, started before the entity manager factory and after the host's own
   * Flyway or Liquibase: a host's Flyway refuses to start on a schema that is not empty but has no
   * history table of its own, which is what a fresh database looks like once the ticketing tables
   * are in it. With {@code ticketing.store.background-migration} (the default) they run on a thread
   * of their own while the host goes on starting ({@link SchemaMigration}); Hibernate waits for them
   * only when it generates or validates the schema.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(DataSource.class)
  @ConditionalOnProperty(
      name = "ticketing.store.schema",
      havingValue = "TICKETING",
      matchIfMissing = true)
  static final class Migrations {
    static final String MIGRATION = "ticketingSchemaMigration";
    static final String BACKGROUND = "ticketing.store.background-migration";

    @Bean
    static EntityManagerFactoryDependsOnPostProcessor ticketingSchemaFirst() {
      return new EntityManagerFactoryDependsOnPostProcessor(MIGRATION);
    }

    @Bean
    static BeanFactoryPostProcessor ticketingSchemaAfterHostMigrations(Environment environment) {
      return new HostMigrationsFirst(environment);
    }

    @Bean(MIGRATION)
    SchemaMigration ticketingSchemaMigration(DataSource dataSource, Environment environment) {
      // In the background only where Hibernate can be told to wait before it reads the schema.
      boolean background =
          Binder.get(environment).bind(BACKGROUND, Boolean.class).orElse(true)
              && ClassUtils.isPresent(
                  "org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer",
                  getClass().getClassLoader());
      return new SchemaMigration(dataSource, background);
    }

    /**
     * Hibernate's schema generation or validation reads the tables: it waits for the migrations
     * (all of them, the ticketing tables being in the same persistence unit).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HibernatePropertiesCustomizer.class)
    static final class WaitBeforeSchemaGeneration {
      @Bean
      HibernatePropertiesCustomizer ticketingSchemaBeforeGeneration(
          ObjectProvider<SchemaMigration> migration, Environment environment) {
        return properties -> {
          // spring.jpa.generate-ddl reaches Hibernate through the vendor adapter, not these.
          if (readsSchema(properties)
              || environment.getProperty("spring.jpa.generate-ddl", Boolean.class, false)) {
            migration.ifAvailable(SchemaMigration::await);
          }
        };
      }
    }

    /** Whether Hibernate, with these final properties, creates, updates or validates tables. */
    static boolean readsSchema(Map<String, Object> properties) {
      for (String key :
          List.of(
              "hibernate.hbm2ddl.auto",
              "jakarta.persistence.schema-generation.database.action",
              "javax.persistence.schema-generation.database.action")) {
        Object value = properties.get(key);
        if (value != null && !"none".equalsIgnoreCase(value.toString().strip())) {
          return true;
        }
      }
      return false;
    }
  }

  /** Makes the ticketing migration depend on the host's schema migration beans, by type name. */
  static final class HostMigrationsFirst implements BeanFactoryPostProcessor {
    /** Flyway's (Spring Boot 4) and Liquibase's migration beans; named, as neither need be present. */
    static final List<String> HOST_MIGRATIONS =
        List.of(
            "org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer",
            "liquibase.integration.spring.SpringLiquibase");

    private final Environment environment;

    HostMigrationsFirst(Environment environment) {
      this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
      // Deferred initialization runs the host's migrators after JPA; waiting for them would be a
      // cycle.
      if (!beanFactory.containsBeanDefinition(Migrations.MIGRATION)
          || environment.getProperty(
              "spring.jpa.defer-datasource-initialization", Boolean.class, false)) {
        return;
      }
      BeanDefinition migration = beanFactory.getBeanDefinition(Migrations.MIGRATION);
      Set<String> dependsOn = new LinkedHashSet<>();
      if (migration.getDependsOn() != null) {
        dependsOn.addAll(Arrays.asList(migration.getDependsOn()));
      }
      ClassLoader classLoader = beanFactory.getBeanClassLoader();
      for (String typeName : HOST_MIGRATIONS) {
        if (ClassUtils.isPresent(typeName, classLoader)) {
          Class<?> type = ClassUtils.resolveClassName(typeName, classLoader);
          dependsOn.addAll(
              Arrays.asList(
                  BeanFactoryUtils.beanNamesForTypeIncludingAncestors(
                      beanFactory, type, true, false)));
        }
      }
      migration.setDependsOn(dependsOn.toArray(String[]::new));
    }
  }
}
