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
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
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
    AtomicInteger statements = new AtomicInteger();
    EntityManagerFactory factory =
        TicketingPersistence.entityManagerFactory(counting(db.start().dataSource(), statements));
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
      assertThat(statements.getAndSet(0)).as("create: counter statements").isEqualTo(1);
      s.changeStatus(SamplePeople.ADMIN, new ChangeStatus(made.id(), Status.IN_PROGRESS));
      assertThat(statements.getAndSet(0)).as("status: counter statements").isEqualTo(1);
      s.changeTags(SamplePeople.ADMIN, ChangeTags.add(made.id(), "escalated"));
      assertThat(statements.getAndSet(0)).as("tags: counter statements").isEqualTo(1);
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

  /** The data source, counting the statements executed on {@code ticketing_counter} that write. */
  private static DataSource counting(DataSource target, AtomicInteger writes) {
    return proxy(
        DataSource.class,
        (p, m, args) -> {
          Object result = call(target, m, args);
          return result instanceof Connection c ? connection(c, writes) : result;
        });
  }

  private static Connection connection(Connection target, AtomicInteger writes) {
    return proxy(
        Connection.class,
        (p, m, args) -> {
          Object result = call(target, m, args);
          if (result instanceof PreparedStatement s
              && m.getName().equals("prepareStatement")
              && args[0] instanceof String sql
              && sql.contains("ticketing_counter")
              && !sql.stripLeading().startsWith("select")) {
            return proxy(
                PreparedStatement.class,
                (q, sm, sargs) -> {
                  if (sm.getName().startsWith("execute") || sm.getName().equals("addBatch")) {
                    writes.incrementAndGet();
                  }
                  return call(s, sm, sargs);
                });
          }
          return result;
        });
  }

  private static Object call(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T)
        Proxy.newProxyInstance(
            AllCompaniesCountersIT.class.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
