package dev.ticketing.email.violation;

import dev.ticketing.jpa.JpaMailStore;
import dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration;
import jakarta.persistence.EntityManager;
import org.springframework.context.ApplicationContext;

/**
 * Deliberately breaks the rules: the e-mail channel depending on the Spring module and on the JPA
 * store, against the arrows.
 */
public final class EmailUsingSpringAndJpa {
  public Object configuration(ApplicationContext context) {
    return context.getBean(TicketingAutoConfiguration.class);
  }

  public Object store(EntityManager em, JpaMailStore store) {
    return em.isOpen() ? store : null;
  }
}
