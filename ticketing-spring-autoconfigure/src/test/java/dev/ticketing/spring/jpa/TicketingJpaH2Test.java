package dev.ticketing.spring.jpa;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Boot host on H2 in memory (the embedded default): see {@link TicketingJpaIT}. */
class TicketingJpaH2Test extends TicketingJpaIT {

  @DynamicPropertySource
  static void hostDatabase(DynamicPropertyRegistry registry) {
    register(SpringTestDatabase.H2, registry);
  }

  @Override
  SpringTestDatabase database() {
    return SpringTestDatabase.H2;
  }
}
