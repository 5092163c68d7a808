package dev.ticketing.jpa;

import dev.ticketing.jpa.entity.AttachmentEntity;
import dev.ticketing.jpa.entity.AuditEntryEntity;
import dev.ticketing.jpa.entity.CommentEntity;
import dev.ticketing.jpa.entity.FieldDefinitionEntity;
import dev.ticketing.jpa.entity.IdempotencyKeyEntity;
import dev.ticketing.jpa.entity.ObjectDeletionEntity;
import dev.ticketing.jpa.entity.OutboxEntity;
import dev.ticketing.jpa.entity.SlaClockEntity;
import dev.ticketing.jpa.entity.TicketEntity;
import dev.ticketing.jpa.entity.TicketFieldEntity;
import dev.ticketing.jpa.entity.TicketTagEntity;
import dev.ticketing.jpa.entity.UploadGrantEntity;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The store's persistence unit: its entity classes and a factory for plain Java hosts.
 *
 * @since 0.1.0
 */
public final class TicketingPersistence {

  /** The package of the entities, for hosts and frameworks that scan packages. */
  public static final String ENTITY_PACKAGE = "dev.ticketing.jpa.entity";

  /** Every entity class of the store. */
  public static final List<Class<?>> ENTITY_CLASSES =
      List.of(
          TicketEntity.class,
          CommentEntity.class,
          AttachmentEntity.class,
          UploadGrantEntity.class,
          AuditEntryEntity.class,
          OutboxEntity.class,
          ObjectDeletionEntity.class,
          IdempotencyKeyEntity.class,
          TicketTagEntity.class,
          SlaClockEntity.class,
          TicketFieldEntity.class,
          FieldDefinitionEntity.class);

  private TicketingPersistence() {}

  /**
   * An entity manager factory for the store over a data source whose schema {@link
   * TicketingSchema#migrate} created. Validates the mapping against the schema at start-up and
   * batches inserts.
   *
   * @param dataSource the data source, its schema migrated
   * @param extraProperties provider properties to add or override
   * @return the entity manager factory
   */
  public static EntityManagerFactory entityManagerFactory(
      DataSource dataSource, Map<String, ?> extraProperties) {
    PersistenceConfiguration config = new PersistenceConfiguration("ticketing");
    ENTITY_CLASSES.forEach(config::managedClass);
    // Hibernate reads a DataSource object from the non-JTA data source property.
    config.property("jakarta.persistence.nonJtaDataSource", dataSource);
    config.property("hibernate.hbm2ddl.auto", "validate");
    // Input is validated at the service boundary; entities carry no constraints to check again.
    config.validationMode(jakarta.persistence.ValidationMode.NONE);
    config.property("hibernate.jdbc.batch_size", 50);
    config.property("hibernate.order_inserts", true);
    config.property("hibernate.order_updates", true);
    config.property("hibernate.jdbc.time_zone", "UTC");
    extraProperties.forEach(config::property);
    return config.createEntityManagerFactory();
  }

  /**
   * An entity manager factory for the store, with the default provider properties (see above).
   *
   * @param dataSource the data source, its schema migrated
   * @return the entity manager factory
   */
  public static EntityManagerFactory entityManagerFactory(DataSource dataSource) {
    return entityManagerFactory(dataSource, Map.of());
  }
}
