package dev.ticketing.spring.jpa;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Boot host on MariaDb: see {@link TicketingJpaIT}. */
class TicketingJpaMariaDbIT extends TicketingJpaIT {

  @DynamicPropertySource
  static void hostDatabase(DynamicPropertyRegistry registry) {
    register(SpringTestDatabase.MARIADB, registry);
  }

  @Override
  SpringTestDatabase database() {
    return SpringTestDatabase.MARIADB;
  }
}
