package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.ChangeStatus;
import dev.ticketing.ChangeTags;
import dev.ticketing.CreateTicket;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CounterStore;
import dev.ticketing.testsupport.SamplePeople;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The all-companies counter set on each database: a ticket write's counter deltas, its company's and
 * the all-companies set's, are <b>one statement</b> (a multi-row upsert) per unit of work; the set
 * equals the sum of the companies' counters; and the migration that introduced it (V22) sums the
 * counters already kept into it, whatever stale rows of the set it finds.
 */
class AllCompaniesCountersIT {

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aTicketWritesCountersAreOneStatementPerUnitOfWork(TestDatabase db) {
    db.truncate();
    RecordingDataSource recording = new RecordingDataSource(db.start().dataSource());
    EntityManagerFactory factory =
        TicketingPersistence.entityManagerFactory(recording.dataSource());
    try (Ticketing t =
        Ticketing.builder()
            .store(JpaTicketStore.resourceLocal(factory))
            .directory(SamplePeople.directory())
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build()) {
      var s = t.service();
      TicketView made =
          s.createTicket(
              SamplePeople.ADMIN,
              new CreateTicket(
                  "Printer",
                  "It jams",
                  Priority.HIGH,
                  null,
                  "acme",
                  null,
                  "john",
                  List.of("vip", "printer"),
                  null,
                  null));
      assertThat(counterWrites(recording)).as("create: counter statements").isEqualTo(1);
      s.changeStatus(SamplePeople.ADMIN, new ChangeStatus(made.id(), Status.IN_PROGRESS));
      assertThat(counterWrites(recording)).as("status: counter statements").isEqualTo(1);
      s.changeTags(SamplePeople.ADMIN, ChangeTags.add(made.id(), "escalated"));
      assertThat(counterWrites(recording)).as("tags: counter statements").isEqualTo(1);
      s.createTicket(
          SamplePeople.JANE, CreateTicket.of("Login", "It fails", SamplePeople.JANE.companyId()));

      Map<String, Map<String, Long>> kept =
          JpaTicketStore.resourceLocal(factory).counters().snapshot(null);
      assertThat(kept.get(CounterStore.ALL_COMPANIES)).isEqualTo(sumOfCompanies(kept));
      assertThat(kept.get(CounterStore.ALL_COMPANIES)).containsEntry("t:vip", 1L);
      assertThat(s.ticketStats(SamplePeople.ADMIN, null))
          .isEqualTo(db.newStore().stats(VisibilityScope.EVERYTHING, null));
    } finally {
      factory.close();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void theMigrationSumsTheCountersAlreadyKeptIntoTheSet(TestDatabase db) throws SQLException {
    db.truncate();
    try (Connection c = db.start().dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "insert into ticketing_counter (company_id, counter_key, stripe, n) values"
              + " ('acme', 's:OPEN', 0, 5), ('acme', 's:OPEN', 3, -1), ('acme', 'u', 0, 2),"
              + " ('globex', 's:OPEN', 7, 2), ('globex', 't:vip', 0, 1), ('globex', 'u', 1, -2),"
              + " ('*', 's:OPEN', 4, 99)");
      for (String statement : script(db).split(";")) {
        if (!statement.lines().allMatch(l -> l.isBlank() || l.startsWith("--"))) {
          s.executeUpdate(statement);
        }
      }
      Map<String, Long> set = new TreeMap<>();
      try (ResultSet r =
          s.executeQuery(
              "select counter_key, stripe, n from ticketing_counter where company_id = '*'")) {
        while (r.next()) {
          assertThat(r.getInt(2)).isZero();
          set.put(r.getString(1), r.getLong(3));
        }
      }
      // u sums to zero: no row; the stale row of the set is replaced.
      assertThat(set).isEqualTo(Map.of("s:OPEN", 6L, "t:vip", 1L));
    }
  }

  private static String script(TestDatabase db) {
    String path =
        "/dev/ticketing/jpa/migration/"
            + db.name().toLowerCase(Locale.ROOT)
            + "/V22__counters_of_all_companies.sql";
    try (InputStream in = AllCompaniesCountersIT.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Long> sumOfCompanies(Map<String, Map<String, Long>> kept) {
    Map<String, Long> sum = new TreeMap<>();
    kept.forEach(
        (company, keys) -> {
          if (!company.equals(CounterStore.ALL_COMPANIES)) {
            keys.forEach((k, n) -> sum.merge(k, n, Long::sum));
          }
        });
    sum.values().removeIf(n -> n == 0);
    return sum;
  }

  /** The statements that wrote {@code ticketing_counter} since the last call. */
  private static long counterWrites(RecordingDataSource recording) {
    long writes =
        recording.executions().stream()
            .filter(sql -> sql.contains("ticketing_counter"))
            .filter(sql -> !sql.stripLeading().startsWith("select"))
            .count();
    recording.clear();
    return writes;
  }
}
