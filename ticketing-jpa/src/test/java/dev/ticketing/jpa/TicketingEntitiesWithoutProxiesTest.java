package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.persister.entity.EntityPersister;
import org.junit.jupiter.api.Test;

/**
 * Hibernate builds no proxy class, no bulk accessor class and no instantiator class for any of the
 * store's entities (the integrator is found through {@code META-INF/services}, the constructors are
 * private), so none is generated while the persistence unit starts, and the store still works
 * without references: the store contract on H2 runs on this same factory.
 */
class TicketingEntitiesWithoutProxiesTest {

  @Test
  void noEntityOfTheStoreHasAProxyFactory() {
    MappingMetamodel metamodel =
        TestDatabase.H2
            .start()
            .factory()
            .unwrap(SessionFactoryImplementor.class)
            .getMappingMetamodel();
    for (Class<?> entity : TicketingPersistence.ENTITY_CLASSES) {
      EntityPersister persister = metamodel.getEntityDescriptor(entity);
      assertThat(persister.isLazy()).as(entity.getSimpleName()).isFalse();
      assertThat(persister.getRepresentationStrategy().getProxyFactory())
          .as(entity.getSimpleName())
          .isNull();
      assertThat(persister.getRepresentationStrategy().getReflectionOptimizer())
          .as("generated accessor of " + entity.getSimpleName())
          .isNull();
      assertThatThrownBy(
              () ->
                  Class.forName(
                      entity.getName() + "$HibernateInstantiator", false, entity.getClassLoader()))
          .as("generated instantiator of " + entity.getSimpleName())
          .isInstanceOf(ClassNotFoundException.class);
      assertThat(persister.getRepresentationStrategy().getInstantiator().instantiate())
          .as("an instance made by reflection")
          .isInstanceOf(entity);
    }
  }
}
