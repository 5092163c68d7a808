package dev.ticketing.jpa;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.PersistentClass;

/**
 * Tells Hibernate (which finds this class through {@code META-INF/services}) that the store's
 * entities are never lazy: no proxy class is generated for them when the persistence unit starts.
 *
 * <p>Hibernate otherwise generates a proxy subclass for every entity while it builds the entity
 * manager factory, with a bytecode library, in case the entity is ever referenced lazily. The store
 * never is: its entities have no associations to one another, and it reads them by query or {@code
 * find}. Generating the eleven proxy classes was a measurable part of what the store added to the
 * start-up of a host's persistence unit. The host's own entities are left as they are.
 *
 * @since 0.2.0
 */
public final class TicketingEntitiesWithoutProxies implements Integrator {

  /** Created by Hibernate's service loading. */
  public TicketingEntitiesWithoutProxies() {}

  @Override
  public void integrate(
      Metadata metadata,
      BootstrapContext bootstrapContext,
      SessionFactoryImplementor sessionFactory) {
    for (Class<?> entity : TicketingPersistence.ENTITY_CLASSES) {
      PersistentClass binding = metadata.getEntityBinding(entity.getName());
      if (binding != null) {
        binding.setLazy(false);
      }
    }
  }
}
