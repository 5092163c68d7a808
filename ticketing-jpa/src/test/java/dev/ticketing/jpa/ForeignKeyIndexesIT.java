package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every foreign key of the ticketing tables on PostgreSQL has an index led by its columns, in the
 * plain and in the hash-partitioned layout. PostgreSQL, unlike MariaDB and H2, makes none by
 * itself, and without one a deleted ticket or comment makes it read the whole referencing table
 * (tens of millions of comments) to check that nothing points at the row any more.
 */
class ForeignKeyIndexesIT {

  private static final String UNINDEXED_KEYS =
      "select c.conrelid::regclass::text || ' ' || c.conname from pg_constraint c"
          + " where c.contype = 'f' and c.conparentid = 0"
          + " and c.conrelid::regclass::text like 'ticketing\\_%'"
          + " and not exists (select 1 from pg_index i where i.indrelid = c.conrelid"
          + " and (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] = c.conkey)"
          + " order by 1";

  private static final String KEYS =
      "select count(*) from pg_constraint c where c.contype = 'f' and c.conparentid = 0"
          + " and c.conrelid::regclass::text like 'ticketing\\_%'";

  @Test
  void everyForeignKeyHasItsIndexInThePlainLayout() throws SQLException {
    check(TestDatabase.POSTGRESQL.start().dataSource());
  }

  @Test
  void everyForeignKeyHasItsIndexInThePartitionedLayout() throws SQLException {
    check(PartitionedTestDatabase.start().dataSource());
  }

  private static void check(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet keys = s.executeQuery(KEYS)) {
        keys.next();
        // The check means something only where there are keys to check.
        assertThat(keys.getInt(1)).as("foreign keys of the ticketing tables").isGreaterThan(3);
      }
      List<String> unindexed = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(UNINDEXED_KEYS)) {
        while (rs.next()) {
          unindexed.add(rs.getString(1));
        }
      }
      assertThat(unindexed).as("foreign keys without an index led by their columns").isEmpty();
    }
  }
}
