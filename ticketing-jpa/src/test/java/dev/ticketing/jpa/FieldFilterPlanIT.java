package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.FieldCondition;
import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A custom field filter is answered from the typed rows' indexes: with tens of thousands of tickets
 * carrying a choice and a number, each page query the store sends for an equality (of a common and
 * of a rare choice) or a range is explained by PostgreSQL and MariaDB, and its plan must read {@code
 * ticketing_ticket_field} through an index (the primary key or an {@code ix_ticket_field_*}), never
 * by scanning the table. The plans are printed, for docs/jpa.md.
 */
class FieldFilterPlanIT {

  private static final int TICKETS = 20_000;
  private static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");

  @ParameterizedTest
  @EnumSource(
      value = TestDatabase.class,
      names = {"POSTGRESQL", "MARIADB"})
  void fieldFiltersReadTheTypedRowsThroughAnIndex(TestDatabase db) throws SQLException {
    db.truncate();
    DataSource direct = db.start().dataSource();
    load(db, direct);
    RecordingDataSource recording = new RecordingDataSource(direct);
    EntityManagerFactory factory =
        TicketingPersistence.entityManagerFactory(recording.dataSource());
    Map<String, FieldCondition> filters = new LinkedHashMap<>();
    filters.put("common choice", FieldCondition.equalTo("plan", "free"));
    filters.put("rare choice", FieldCondition.equalTo("plan", "gold"));
    filters.put("number range", FieldCondition.between("seats", 100L, 120L));
    List<String> failures = new ArrayList<>();
    try (Connection c = direct.getConnection()) {
      JpaTicketStore store = JpaTicketStore.resourceLocal(factory);
      for (var f : filters.entrySet()) {
        for (VisibilityScope scope :
            List.of(VisibilityScope.EVERYTHING, VisibilityScope.company("c7"))) {
          recording.clear();
          List<?> rows =
              store.list(
                  new TicketQuery(
                      scope,
                      TicketFilter.builder().fields(List.of(f.getValue())).build(),
                      CommentSearch.NONE,
                      SortOrder.NEWEST_FIRST,
                      null,
                      21));
          if (scope.equals(VisibilityScope.EVERYTHING)) {
            assertThat(rows).as(f.getKey()).isNotEmpty();
          }
          RecordingDataSource.Executed page = recording.executed().get(0);
          String plan = explain(db, c, page);
          String oneLine = plan.replaceAll("\\s+", " ");
          System.out.println(
              "field filter plan on " + db + ", " + f.getKey() + ", " + scope + ": " + oneLine);
          // Hibernate aliases the typed rows tfe1_0; MariaDB names aliases in its plans.
          boolean indexed =
              db == TestDatabase.POSTGRESQL
                  ? oneLine.contains("\"Index Name\": \"ix_ticket_field_")
                      || oneLine.contains("\"Index Name\": \"ticketing_ticket_field_pkey\"")
                  : Pattern.compile(
                          "\"table_name\": \"tfe1_0\", \"access_type\": \"(ref|eq_ref|range)\","
                              + "[^}]*\"key\": \"(ix_ticket_field_\\w+|PRIMARY)\"")
                      .matcher(oneLine)
                      .find();
          boolean scansFields =
              db == TestDatabase.POSTGRESQL
                  ? Pattern.compile(
                          "\"Node Type\": \"Seq Scan\"[^}]*\"Relation Name\": \"ticketing_ticket_field\"")
                      .matcher(oneLine)
                      .find()
                  : oneLine.contains("\"table_name\": \"tfe1_0\", \"access_type\": \"ALL\"");
          if (!indexed || scansFields) {
            failures.add(f.getKey() + " " + scope + ": " + page.sql() + "\n  " + oneLine);
          }
        }
      }
    } finally {
      factory.close();
      db.truncate();
    }
    assertThat(failures).as("field filters that do not use an index on %s", db).isEmpty();
  }

  private static String explain(TestDatabase db, Connection c, RecordingDataSource.Executed page)
      throws SQLException {
    String prefix =
        db == TestDatabase.POSTGRESQL ? "explain (format json) " : "explain format=json ";
    try (PreparedStatement s = page.replay(c, prefix);
        ResultSet rs = s.executeQuery()) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
      return plan.toString();
    }
  }

  private static Object time(TestDatabase db, Instant t) {
    return db == TestDatabase.MARIADB
        ? java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC)
        : t.atOffset(java.time.ZoneOffset.UTC);
  }

  /** Tickets over 60 companies; plan: 60% free, 39% pro, 1% gold; seats 0..999. */
  private static void load(TestDatabase db, DataSource ds) throws SQLException {
    String insert =
        "insert into ticketing_ticket (id, company_id, created_by, title, description, status,"
            + " priority, category, created_at, updated_at, version, requester_id, field_values)"
            + " values (?, ?, ?, 'Printer', 'Jams', 'OPEN', 'LOW', 'general', ?, ?, 0, ?, ?)";
    String field =
        "insert into ticketing_ticket_field (ticket_id, field_key, item, text_value, number_value,"
            + " created_at, company_id) values (?, ?, 0, ?, ?, ?, ?)";
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement(insert);
          PreparedStatement f = c.prepareStatement(field)) {
        for (int i = 0; i < TICKETS; i++) {
          String id = String.format("t%06d", (i * 7919L) % TICKETS);
          Object at = time(db, BASE.plusSeconds(600L * i));
          String plan = i % 100 == 0 ? "gold" : i % 5 < 3 ? "free" : "pro";
          long seats = (i * 37L) % 1000;
          s.setString(1, id);
          s.setString(2, "c" + i % 60);
          s.setString(3, "u" + i % 900);
          s.setObject(4, at);
          s.setObject(5, at);
          s.setString(6, "u" + i % 900);
          s.setString(7, "plan\tCHOICE\t" + plan + "\nseats\tNUMBER\t" + seats);
          s.addBatch();
          f.setString(1, id);
          f.setString(2, "plan");
          f.setString(3, plan);
          f.setObject(4, null);
          f.setObject(5, at);
          f.setString(6, "c" + i % 60);
          f.addBatch();
          f.setString(1, id);
          f.setString(2, "seats");
          f.setString(3, null);
          f.setBigDecimal(4, BigDecimal.valueOf(seats));
          f.setObject(5, at);
          f.setString(6, "c" + i % 60);
          f.addBatch();
          if (i % 1000 == 999) {
            s.executeBatch();
            f.executeBatch();
          }
        }
        s.executeBatch();
        f.executeBatch();
      }
      c.commit();
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        // Vacuumed as well on PostgreSQL: the rows earlier tests deleted would otherwise count in
        // the table sizes the planner weighs.
        s.execute(
            db == TestDatabase.POSTGRESQL
                ? "vacuum analyze ticketing_ticket, ticketing_ticket_field"
                : "analyze table ticketing_ticket, ticketing_ticket_field");
      }
    }
  }
}
