package dev.ticketing.spring.jpa;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;

/**
 * Matches unless {@code ticketing.store.type} is {@code MEMORY} (in any case): the JPA store is
 * the default wherever JPA is present, and the in-memory store is chosen by that property alone.
 */
final class StoreNotInMemory extends NoneNestedConditions {

  StoreNotInMemory() {
    super(ConfigurationPhase.PARSE_CONFIGURATION);
  }

  @ConditionalOnProperty(name = "ticketing.store.type", havingValue = "MEMORY")
  static final class InMemory {}
}
