package dev.ticketing.spring.jpa;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Boot host on PostgreSQL: see {@link TicketingJpaIT}. */
class TicketingJpaPostgresIT extends TicketingJpaIT {

  @DynamicPropertySource
  static void hostDatabase(DynamicPropertyRegistry registry) {
    register(SpringTestDatabase.POSTGRESQL, registry);
  }

  @Override
  SpringTestDatabase database() {
    return SpringTestDatabase.POSTGRESQL;
  }
}
