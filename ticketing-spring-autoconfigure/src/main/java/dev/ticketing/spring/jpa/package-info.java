/**
 * The JPA ticket store in the host's persistence unit and Spring transactions: its entities, its
 * schema migrations and an EL-free validator factory for Hibernate.
 */
@NullMarked
package dev.ticketing.spring.jpa;

import org.jspecify.annotations.NullMarked;
