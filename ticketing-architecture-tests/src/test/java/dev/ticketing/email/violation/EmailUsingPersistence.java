package dev.ticketing.email.violation;

import jakarta.persistence.EntityManager;

/** Deliberately breaks the rules: the e-mail channel reaching for a store framework. */
public final class EmailUsingPersistence {
  public boolean open(EntityManager em) {
    return em.isOpen();
  }
}
