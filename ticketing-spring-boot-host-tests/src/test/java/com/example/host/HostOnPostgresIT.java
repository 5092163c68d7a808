package com.example.host;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample host on PostgreSQL. */
class HostOnPostgresIT extends HostApplicationIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    register(HostDatabase.POSTGRESQL, registry);
  }

  @Override
  HostDatabase database() {
    return HostDatabase.POSTGRESQL;
  }
}
