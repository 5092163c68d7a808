package dev.ticketing.jpa;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;

/**
 * Tells Hibernate (which finds this class through {@code META-INF/services}) that the store's
 * entities are never lazy: no proxy class is generated for them when the persistence unit starts.
 *
 * <p>Hibernate otherwise generates a proxy subclass for every entity while it builds the entity
 * manager factory, with a bytecode library, in case the entity is ever referenced lazily. The store
 * never is: its entities have no associations to one another, and it reads them by query or {@code
 * find}. Generating the eleven proxy classes was a measurable part of what the store added to the
 * start-up of a host's persistence unit. For the same reason the entities' attributes are read and
 * written through {@link PlainFieldAccess}, for which Hibernate generates no bulk accessor class
 * either, and their no-argument constructors are private, for which it generates no instantiator
 * class (it makes their instances by reflection). The host's own entities are left as they are.
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
        Property identifier = binding.getIdentifierProperty();
        if (identifier != null) {
          plainFieldAccess(identifier);
        }
        binding.getPropertyClosure().forEach(TicketingEntitiesWithoutProxies::plainFieldAccess);
      }
    }
  }

  /**
   * Gives an attribute the plain field access, unless it is an embedded group of attributes (the
   * key of an entity with a composite key), which Hibernate accesses through its parts.
   */
  private static void plainFieldAccess(Property attribute) {
    String accessor = attribute.getPropertyAccessorName();
    if (!(attribute.getValue() instanceof Component)
        && (accessor == null || "field".equals(accessor))) {
      attribute.setPropertyAccessStrategy(PlainFieldAccess.INSTANCE);
    }
  }
}
