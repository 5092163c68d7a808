package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.ChangeTags;
import dev.ticketing.CreateTicket;
import dev.ticketing.PageRequest;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import dev.ticketing.testsupport.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every statement the store sends on the rows of a ticket names the ticket's company, and every
 * statement on the tickets of a customer's scope names the customer's company: what lets a
 * database distributed by company (Citus) route it to one shard, and PostgreSQL's hash partitions
 * prune to one partition. The SQL is captured at the data source (so the statements the capability
 * stores send through JDBC are seen too) while a customer and an administrator go through the ordinary
 * paths of a desk; the one kind of statement allowed to go without the company is the lookup of a
 * ticket by its id, which is how the company becomes known.
 */
class CompanyRoutingIT {

  private static final Actor JOHN = Actor.customer("john", "acme");
  private static final Actor JANE = Actor.customer("jane", "globex");
  private static final Actor SARAH = Actor.admin("sarah");

  private static final InMemoryDirectory PEOPLE =
      InMemoryDirectory.builder()
          .company("acme", "Acme Corp", "billing@acme.com")
          .company("globex", "Globex", "billing@globex.com")
          .user("john", "John", "Doe", "john@acme.com", Role.CUSTOMER)
          .user("jane", "Jane", "Roe", "jane@globex.com", Role.CUSTOMER)
          .user("sarah", "Sarah", "Support", "sarah@support.com", Role.ADMIN)
          .build();

  /** The tables of a ticket's rows, each of which carries company_id. */
  private static final Pattern CHILD_TABLE =
      Pattern.compile(
          "\\bticketing_(comment|attachment|upload_grant|audit_entry|audit_change|ticket_tag"
              + "|ticket_field|sla_clock|ticket_link|ticket_merge|automation_clock"
              + "|automation_firing|mail_sent|rating)\\b");

  private static final Pattern TICKET_TABLE = Pattern.compile("\\bticketing_ticket\\b");

  /**
   * The ticket row by its primary key alone (read, locked or updated with its version): how the
   * company of a ticket becomes known, and how the ticket row itself is addressed.
   */
  private static final Pattern BY_TICKET_ID =
      Pattern.compile(
          "^(\\w+\\.)?id( ?= ?\\?| in \\([?, ]*\\))( and (\\w+\\.)?version ?= ?\\?)?"
              + "( for (no key )?update( of \\w+)?)?$");

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  static Stream<Arguments> layouts() {
    return Stream.of(Arguments.of("plain"), Arguments.of("partitioned"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void aCustomersPathsNameTheCompanyInEveryStatementOnTicketRows(String layout) {
    List<String> sql = new CopyOnWriteArrayList<>();
    TicketService service = service(layout, sql);
    String mine =
        service.createTicket(JOHN, CreateTicket.of("Printer jam", "Floor 3", "acme")).id();
    service.changeTags(SARAH, new ChangeTags(mine, List.of("printer"), List.of(), null));
    service.createTicket(JANE, CreateTicket.of("Their printer", "Floor 9", "globex"));
    service.addComment(SARAH, new AddComment(mine, "Looking into it", false));
    service.addComment(SARAH, new AddComment(mine, "Toner is low", true));

    sql.clear();
    // The customer's own tickets, a page with its total, the ticket with its conversation, a
    // reply; staff's page of one company by tag, a change of tags, the history, statistics.
    service.myTickets(JOHN);
    service.ticketsPaginated(
        SARAH,
        PageRequest.first(20),
        TicketFilter.builder().companyId("acme").tags(List.of("printer")).build());
    service.ticketsPaginated(
        JOHN, PageRequest.first(20).withTotalCount(), TicketFilter.builder().build());
    service.ticket(JOHN, mine);
    service.addComment(JOHN, new AddComment(mine, "Thanks", false));
    service.changeTags(SARAH, new ChangeTags(mine, List.of("toner"), List.of("printer"), null));
    service.history(SARAH, mine);
    service.ticketStats(SARAH, "acme");
    service.tagStats(SARAH, "acme", 10);

    List<String> unrouted = new ArrayList<>();
    int onChildRows = 0;
    for (String statement : sql) {
      String s = statement.replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
      if (CHILD_TABLE.matcher(s).find()) {
        onChildRows++;
        if (!namesCompany(s)) {
          unrouted.add(s);
        }
      } else if (TICKET_TABLE.matcher(s).find() && !byTicketId(s) && !namesCompany(s)) {
        unrouted.add(s);
      }
    }
    assertThat(onChildRows).as("statements on the rows of tickets").isGreaterThan(5);
    assertThat(unrouted).as("statements that do not name the company").isEmpty();
  }

  private static boolean byTicketId(String s) {
    int where = s.indexOf(" where ");
    return where >= 0 && BY_TICKET_ID.matcher(s.substring(where + 7).trim()).matches();
  }

  /** An insert lists company_id among its columns; any other statement has it in its where. */
  private static boolean namesCompany(String s) {
    if (s.startsWith("insert")) {
      return s.substring(0, s.indexOf(')') + 1).contains("company_id");
    }
    int where = s.indexOf(" where ");
    int on = s.indexOf(" on ");
    return (where >= 0 && s.substring(where).contains("company_id"))
        || (on >= 0 && s.substring(on).contains("company_id"));
  }

  private TicketService service(String layout, List<String> sql) {
    TestDatabase.Started db;
    if (layout.equals("partitioned")) {
      PartitionedTestDatabase.empty(TicketingSchema.TABLES.toArray(String[]::new));
      db = PartitionedTestDatabase.start();
    } else {
      TestDatabase.POSTGRESQL.truncate();
      db = TestDatabase.POSTGRESQL.start();
    }
    EntityManagerFactory emf =
        TicketingPersistence.entityManagerFactory(recording(db.dataSource(), sql));
    toClose.add(emf::close);
    MutableClock clock = MutableClock.ticking("2025-10-07T10:30:00Z");
    Ticketing ticketing =
        Ticketing.builder()
            .store(JpaTicketStore.resourceLocal(emf))
            .blobStore(new InMemoryBlobStore(clock))
            .directory(PEOPLE)
            .clock(clock)
            .backgroundDispatch(false)
            .build();
    toClose.add(ticketing::close);
    return ticketing.service();
  }

  /** The data source, remembering the SQL of every statement prepared on its connections. */
  private static DataSource recording(DataSource target, List<String> sql) {
    return proxy(
        DataSource.class,
        (p, m, args) -> {
          Object result = call(target, m, args);
          if (result instanceof Connection c) {
            return proxy(
                Connection.class,
                (cp, cm, cargs) -> {
                  if (cm.getName().equals("prepareStatement") && cargs[0] instanceof String text) {
                    sql.add(text);
                  }
                  return call(c, cm, cargs);
                });
          }
          return result;
        });
  }

  private static @Nullable Object call(Object target, Method m, Object @Nullable [] args)
      throws Throwable {
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
            CompanyRoutingIT.class.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
