package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.testsupport.DatabaseServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The shared test-database helper of ticketing-test-support, as this module's tests use it. */
class DatabaseServerTest {

  @Test
  void scratchDatabasesAreNamedAfterTheConfiguredOne() {
    DatabaseServer h2 = DatabaseServer.H2;
    assertThat(h2.databaseName()).isEqualTo(DatabaseServer.DEFAULT_DATABASE);
    assertThat(h2.scratchName("adversarial")).isEqualTo("ticketing_adversarial");
    assertThat(h2.scratchName("ticketing_spring_host")).isEqualTo("ticketing_spring_host");
    assertThat(h2.urlOf("ticketing_x")).isEqualTo("jdbc:h2:mem:ticketing_x;DB_CLOSE_DELAY=-1");

    String configured = DatabaseServer.POSTGRESQL.databaseName();
    String scratch = DatabaseServer.POSTGRESQL.scratchName("adversarial");
    assertThat(scratch)
        .isEqualTo(
            configured.equals(DatabaseServer.DEFAULT_DATABASE)
                ? "ticketing_adversarial"
                : configured + "_adversarial");
    assertThat(DatabaseServer.POSTGRESQL.urlOf(scratch))
        .endsWith("/" + scratch)
        .startsWith("jdbc:postgresql://");
  }

  @Test
  void namesThatAreNotPlainIdentifiersAreRefused() {
    for (String bad : new String[] {"", "1abc", "a-b", "a; drop database x", "x".repeat(64)}) {
      assertThatThrownBy(() -> DatabaseServer.MARIADB.urlOf(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("test database name");
    }
  }

  @Test
  void recreateGivesAnEmptyDatabase() throws Exception {
    DatabaseServer h2 = DatabaseServer.H2;
    String first = h2.recreate("ticketing_scratch");
    try (Connection c = h2.connect(first);
        Statement s = c.createStatement()) {
      s.execute("create table leftover (id int)");
    }
    String second = h2.recreate("ticketing_scratch");
    assertThat(second).isNotEqualTo(first);
    try (Connection c = h2.connect(second);
        ResultSet rs = c.getMetaData().getTables(null, null, "LEFTOVER", new String[] {"TABLE"})) {
      assertThat(rs.next()).isFalse();
    }
  }
}
