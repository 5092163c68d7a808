package com.example.host;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample host on MariaDB. */
class HostOnMariaDbIT extends HostApplicationIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    register(HostDatabase.MARIADB, registry);
  }

  @Override
  HostDatabase database() {
    return HostDatabase.MARIADB;
  }
}
