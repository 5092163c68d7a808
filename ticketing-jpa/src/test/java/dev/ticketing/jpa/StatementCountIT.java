package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Category;
import dev.ticketing.PageRequest;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketPage;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.testsupport.CountingDirectory;
import dev.ticketing.testsupport.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No N+1 (issue 3): a page of tickets with {@code _count} of comments and
 * attachments and {@code lastCommentAt}, already filtered to what the actor may see, costs a
 * constant number of SQL statements and directory calls, whatever the page size.
 *
 * <p>Measured with Hibernate's statistics ({@code getPrepareStatementCount}) on an entity manager
 * factory of this test's own. The numbers on PostgreSQL, MariaDB and H2 alike:
 *
 * <ul>
 *   <li>a page ({@code ticketsPaginated}) and every non-paginated list: <b>3 statements</b> — the
 *       tickets (visibility scope, filters, search and keyset position in one query), then the
 *       comment activity and the attachment activity of those tickets, each one grouped query;
 *   <li>with {@code includeTotalCount}: <b>4</b> (plus one {@code count(*)});
 *   <li>directory: <b>2 calls</b> per page (users, companies), whatever the page size.
 * </ul>
 */
class StatementCountIT {

  /** Paginated list and plain lists: tickets + comment activity + attachment activity. */
  private static final long PAGE_STATEMENTS = 3;

  /** The same plus one count query. */
  private static final long PAGE_WITH_TOTAL_STATEMENTS = 4;

  /** One users() and one companies() call per page. */
  private static final int PAGE_DIRECTORY_CALLS = 2;

  private static final int[] PAGE_SIZES = {1, 10, 50, 100};
  private static final int TICKETS = 180;

  static final Actor ADMIN = Actor.admin("admin");
  static final Actor SARAH = Actor.agent("sarah");
  static final Actor MIKE = Actor.agent("mike");
  static final Actor JOHN = Actor.customer("john", "acme");
  static final Actor ALICE = Actor.customer("alice", "acme");

  static final InMemoryDirectory PEOPLE =
      InMemoryDirectory.builder()
          .company("acme", "Acme Corp", "billing@acme.com")
          .company("globex", "Globex", "billing@globex.com")
          .company("initech", "Initech", "billing@initech.com")
          .user("john", "John", "Doe", "john@acme.com", Role.CUSTOMER)
          .user("alice", "Alice", "Able", "alice@acme.com", Role.CUSTOMER)
          .user("jane", "Jane", "Roe", "jane@globex.com", Role.CUSTOMER)
          .user("bob", "Bob", "Slydell", "bob@initech.com", Role.CUSTOMER)
          .user("sarah", "Sarah", "Support", "sarah@support.com", Role.AGENT)
          .user("mike", "Mike", "Helper", "mike@support.com", Role.AGENT)
          .user("admin", "Ada", "Admin", "admin@support.com", Role.ADMIN)
          .build();

  private static final Map<TestDatabase, EntityManagerFactory> FACTORIES =
      new EnumMap<>(TestDatabase.class);

  private @Nullable Ticketing ticketing;

  /** A factory with statistics on, over the started (migrated) test database. */
  private static synchronized EntityManagerFactory factory(TestDatabase db) {
    return FACTORIES.computeIfAbsent(
        db,
        d ->
            TicketingPersistence.entityManagerFactory(
                d.start().dataSource(), Map.of("hibernate.generate_statistics", true)));
  }

  @AfterAll
  static synchronized void closeFactories() {
    FACTORIES.values().forEach(EntityManagerFactory::close);
    FACTORIES.clear();
  }

  @AfterEach
  void closeTicketing() {
    if (ticketing != null) {
      ticketing.close();
    }
  }

  /** What one test works with. */
  private record Fixture(
      TicketService service,
      JpaTicketStore store,
      Statistics statistics,
      CountingDirectory directory,
      Map<String, Expected> expected) {

    /** Runs the call and returns how many statements it prepared and how many directory calls it made. */
    <T> Measured<T> measure(Supplier<T> call) {
      long statementsBefore = statistics.getPrepareStatementCount();
      long transactionsBefore = statistics.getTransactionCount();
      int directoryBefore = directory.calls();
      int usersBefore = directory.userCalls();
      T result = call.get();
      return new Measured<>(
          result,
          statistics.getPrepareStatementCount() - statementsBefore,
          statistics.getTransactionCount() - transactionsBefore,
          directory.calls() - directoryBefore,
          directory.userCalls() - usersBefore);
    }
  }

  private record Measured<T>(
      T result, long statements, long transactions, int directoryCalls, int userCalls) {}

  /** What the seed put on one ticket, from which each actor's view is predicted. */
  private record Expected(
      String companyId,
      String createdBy,
      @Nullable String assigneeId,
      long publicComments,
      long allComments,
      long publicAttachments,
      long allAttachments,
      @Nullable Instant lastPublicCommentAt,
      @Nullable Instant lastCommentAt) {}

  private Fixture fixture(TestDatabase db) {
    db.truncate();
    EntityManagerFactory emf = factory(db);
    JpaTicketStore store = JpaTicketStore.resourceLocal(emf);
    CountingDirectory directory = new CountingDirectory(PEOPLE);
    MutableClock clock = MutableClock.ticking("2025-10-07T10:30:00Z");
    ticketing =
        Ticketing.builder()
            .store(store)
            .blobStore(new InMemoryBlobStore(clock))
            .directory(directory)
            .clock(clock)
            .backgroundDispatch(false)
            .build();
    Map<String, Expected> expected = seed(store);
    // The seed wrote around the service: the counters learn its tickets as an operator's would.
    ticketing.counters().reconcile(ADMIN, null, true);
    return new Fixture(
        ticketing.service(),
        store,
        emf.unwrap(SessionFactory.class).getStatistics(),
        directory,
        expected);
  }

  /**
   * 180 tickets over 3 companies (acme 110, globex 40, initech 30). John (acme) created 105 of them,
   * Sarah is assigned 126: each of the admin, the agent and the customer sees more than a full page
   * of 100. Ticket i has i % 4 public comments, an internal note (with an internal attachment) when
   * i % 3 == 0, written after the public comments, and a public attachment when i % 5 == 0. Every
   * title contains "Printer", so a search keeps the pages full.
   */
  private static Map<String, Expected> seed(JpaTicketStore store) {
    Instant base = Instant.parse("2025-01-01T00:00:00Z");
    List<TicketRecord> tickets = new ArrayList<>();
    List<CommentRecord> comments = new ArrayList<>();
    List<AttachmentRecord> attachments = new ArrayList<>();
    Map<String, Expected> expected = new LinkedHashMap<>();
    for (int i = 0; i < TICKETS; i++) {
      String id = String.format("t%04d", i);
      String company = i < 110 ? "acme" : i < 150 ? "globex" : "initech";
      String creator = i < 105 ? "john" : i < 110 ? "alice" : i < 150 ? "jane" : "bob";
      String assignee = i % 10 < 7 ? "sarah" : i % 10 < 9 ? "mike" : null;
      Status status =
          List.of(Status.OPEN, Status.IN_PROGRESS, Status.WAITING_FOR_CUSTOMER).get(i % 3);
      Instant created = base.plusSeconds(60L * i);
      tickets.add(
          new TicketRecord(
              id,
              company,
              creator,
              "Printer jam #" + i,
              "The printer on floor " + i + " is stuck",
              status,
              Priority.values()[i % 4],
              Category.TECHNICAL,
              assignee,
              created,
              created,
              null,
              null,
              null,
              null,
              null,
              0));
      int publicComments = i % 4;
      Instant lastPublic = null;
      for (int k = 0; k < publicComments; k++) {
        lastPublic = created.plusSeconds(k + 1);
        comments.add(
            new CommentRecord(
                id + "-c" + k,
                id,
                k % 2 == 0 ? creator : "sarah",
                "Reply " + k,
                false,
                null,
                lastPublic,
                lastPublic));
      }
      boolean note = i % 3 == 0;
      Instant noteAt = created.plusSeconds(10);
      if (note) {
        comments.add(
            new CommentRecord(
                id + "-note",
                id,
                "admin",
                "quota-secret: upgrade plan",
                true,
                null,
                noteAt,
                noteAt));
        attachments.add(
            new AttachmentRecord(
                id + "-ia",
                id,
                id + "-note",
                true,
                "tickets/attachments/" + id + "/n/quota.csv",
                "quota.csv",
                "text/csv",
                42,
                "admin",
                noteAt));
      }
      boolean publicFile = i % 5 == 0;
      if (publicFile) {
        attachments.add(
            new AttachmentRecord(
                id + "-pa",
                id,
                null,
                false,
                "tickets/attachments/" + id + "/p/shot.png",
                "shot.png",
                "image/png",
                1000,
                creator,
                created.plusSeconds(5)));
      }
      expected.put(
          id,
          new Expected(
              company,
              creator,
              assignee,
              publicComments,
              publicComments + (note ? 1 : 0),
              publicFile ? 1 : 0,
              (publicFile ? 1 : 0) + (note ? 1 : 0),
              lastPublic,
              note ? noteAt : lastPublic));
    }
    // Three units of work: the rows are linked by plain id columns, so Hibernate cannot order
    // inserts of different tables by their foreign keys within one flush.
    store.inTransaction(
        () -> {
          tickets.forEach(store::insertTicket);
          return null;
        });
    store.inTransaction(
        () -> {
          comments.forEach(store::insertComment);
          return null;
        });
    store.inTransaction(
        () -> {
          attachments.forEach(store::insertAttachment);
          return null;
        });
    return expected;
  }

  /** The view each ticket must show this actor: internal notes and their files only for staff who may read them. */
  private static void assertViewsMatchSeed(Fixture f, Actor actor, List<TicketView> views) {
    for (TicketView v : views) {
      Expected e = f.expected().get(v.id());
      assertThat(e).as("ticket %s", v.id()).isNotNull();
      boolean internal =
          actor.role() == Role.ADMIN
              || (actor.role() == Role.AGENT && actor.id().equals(e.assigneeId()));
      assertThat(v.count().comments())
          .as("_count.comments of %s for %s", v.id(), actor.id())
          .isEqualTo(internal ? e.allComments() : e.publicComments());
      assertThat(v.count().attachments())
          .as("_count.attachments of %s for %s", v.id(), actor.id())
          .isEqualTo(internal ? e.allAttachments() : e.publicAttachments());
      assertThat(v.lastCommentAt())
          .as("lastCommentAt of %s for %s", v.id(), actor.id())
          .isEqualTo(internal ? e.lastCommentAt() : e.lastPublicCommentAt());
      // Directory data arrived for every ticket of the page (the batched look-up covered them all).
      assertThat(v.company().name()).isNotNull();
      assertThat(v.user().firstName()).isNotNull();
      if (e.assigneeId() != null) {
        assertThat(v.assignedTo()).isNotNull();
        assertThat(v.assignedTo().firstName()).isNotNull();
      }
    }
  }

  /**
   * The statements a search may add on top of a page's: on MariaDB the store first looks for the
   * page among the newest few hundred tickets in scope (the window's edge, then the probe) and
   * asks the FULLTEXT index only when that falls short, so a search costs one or two more
   * statements, still whatever the page's size.
   */
  private static long probeStatements(TestDatabase db, TicketFilter filter) {
    return db == TestDatabase.MARIADB && filter.searchTerm() != null ? 2 : 0;
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aPageCostsTheSameStatementsAndDirectoryCallsWhateverItsSize(TestDatabase db) {
    Fixture f = fixture(db);
    Map<String, TicketFilter> filters = new LinkedHashMap<>();
    filters.put("no filter", TicketFilter.none());
    filters.put("searchTerm", TicketFilter.builder().searchTerm("PRINTER").build());
    Map<String, Map<Integer, Long>> report = new LinkedHashMap<>();

    for (Actor actor : List.of(ADMIN, SARAH, JOHN)) {
      for (var filter : filters.entrySet()) {
        for (boolean total : new boolean[] {false, true}) {
          Map<Integer, Long> bySize = new LinkedHashMap<>();
          for (int size : PAGE_SIZES) {
            PageRequest page =
                total ? PageRequest.first(size).withTotalCount() : PageRequest.first(size);
            Measured<TicketPage> m =
                f.measure(() -> f.service().ticketsPaginated(actor, page, filter.getValue()));
            bySize.put(size, m.statements());

            List<TicketView> nodes =
                m.result().edges().stream().map(TicketPage.Edge::node).toList();
            assertThat(nodes).as("%s sees more than a full page", actor.id()).hasSize(size);
            assertThat(m.result().pageInfo().hasNextPage()).isTrue();
            assertViewsMatchSeed(f, actor, nodes);
            assertThat(m.directoryCalls())
                .as("directory calls for a page of %d", size)
                .isEqualTo(PAGE_DIRECTORY_CALLS);
            assertThat(m.userCalls()).isOne();
            assertThat(m.transactions())
                .as("a page and its total are one unit of work (%s)", actor.id())
                .isOne();
            if (total) {
              assertThat(m.result().totalCount()).isEqualTo(visibleTo(f, actor));
            } else {
              assertThat(m.result().totalCount()).isNull();
            }
          }
          report.put(
              actor.id() + ", " + filter.getKey() + (total ? ", with totalCount" : ""), bySize);
          long expected = total ? PAGE_WITH_TOTAL_STATEMENTS : PAGE_STATEMENTS;
          // A total the counters answer is one statement of the counter store's own JDBC, which
          // Hibernate's statistics do not see; a total they cannot answer is one counted query.
          long fewest = total ? PAGE_STATEMENTS : expected;
          assertThat(bySize.values())
              .as(
                  "statements per page size for %s, %s, total=%s",
                  actor.id(), filter.getKey(), total)
              .allSatisfy(
                  n ->
                      assertThat(n)
                          .isBetween(fewest, expected + probeStatements(db, filter.getValue())));
          if (probeStatements(db, filter.getValue()) == 0) {
            // The same statements whatever the page's size.
            assertThat(bySize.values()).containsOnly(bySize.get(PAGE_SIZES[0]));
          }
        }
      }
    }
    report.forEach(
        (k, v) ->
            System.out.println("StatementCountIT " + db + " ticketsPaginated (" + k + "): " + v));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void everyPageOfAWalkCostsTheSame(TestDatabase db) {
    Fixture f = fixture(db);
    for (Actor actor : List.of(ADMIN, JOHN)) {
      List<Long> perPage = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      String cursor = null;
      do {
        PageRequest page = PageRequest.first(50).after(cursor);
        Measured<TicketPage> m =
            f.measure(() -> f.service().ticketsPaginated(actor, page, TicketFilter.none()));
        perPage.add(m.statements());
        assertThat(m.directoryCalls()).isEqualTo(PAGE_DIRECTORY_CALLS);
        List<TicketView> nodes = m.result().edges().stream().map(TicketPage.Edge::node).toList();
        assertViewsMatchSeed(f, actor, nodes);
        nodes.forEach(v -> seen.add(v.id()));
        cursor = m.result().pageInfo().hasNextPage() ? m.result().pageInfo().endCursor() : null;
      } while (cursor != null);
      // Newest first, every visible ticket exactly once; the last page is a short one.
      assertThat(seen).hasSize((int) visibleTo(f, actor)).doesNotHaveDuplicates();
      assertThat(seen).isSortedAccordingTo((a, b) -> b.compareTo(a));
      assertThat(perPage)
          .as("statements per page for %s", actor.id())
          .containsOnly(PAGE_STATEMENTS);
      System.out.println(
          "StatementCountIT " + db + " walk of " + actor.id() + " by 50: " + perPage);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void listsCostTheSameWhateverTheirLength(TestDatabase db) {
    Fixture f = fixture(db);
    Map<String, Supplier<List<TicketView>>> lists = new LinkedHashMap<>();
    Map<String, Actor> viewers = new HashMap<>();
    lists.put("myTickets(john)", () -> f.service().myTickets(JOHN));
    viewers.put("myTickets(john)", JOHN);
    lists.put("myTickets(alice)", () -> f.service().myTickets(ALICE));
    viewers.put("myTickets(alice)", ALICE);
    lists.put("myAssignedTickets(sarah)", () -> f.service().myAssignedTickets(SARAH));
    viewers.put("myAssignedTickets(sarah)", SARAH);
    lists.put("myAssignedTickets(mike)", () -> f.service().myAssignedTickets(MIKE));
    viewers.put("myAssignedTickets(mike)", MIKE);
    for (String company : List.of("acme", "globex", "initech")) {
      lists.put(
          "ticketsByCompany(" + company + ")", () -> f.service().ticketsByCompany(ADMIN, company));
      viewers.put("ticketsByCompany(" + company + ")", ADMIN);
    }
    lists.put("tickets(all)", () -> f.service().tickets(ADMIN, TicketFilter.none()));
    viewers.put("tickets(all)", ADMIN);
    lists.put(
        "tickets(WAITING_FOR_CUSTOMER)",
        () ->
            f.service()
                .tickets(
                    ADMIN, TicketFilter.builder().status(Status.WAITING_FOR_CUSTOMER).build()));
    viewers.put("tickets(WAITING_FOR_CUSTOMER)", ADMIN);
    lists.put(
        "tickets(unassigned, URGENT)",
        () ->
            f.service()
                .tickets(
                    ADMIN,
                    TicketFilter.builder().unassigned(true).priority(Priority.URGENT).build()));
    viewers.put("tickets(unassigned, URGENT)", ADMIN);
    lists.put(
        "tickets(search)",
        () -> f.service().tickets(ADMIN, TicketFilter.builder().searchTerm("jam #1").build()));
    viewers.put("tickets(search)", ADMIN);

    Map<String, String> report = new LinkedHashMap<>();
    for (var list : lists.entrySet()) {
      Measured<List<TicketView>> m = f.measure(list.getValue());
      report.put(
          list.getKey(),
          m.result().size()
              + " tickets: "
              + m.statements()
              + " statements, "
              + m.directoryCalls()
              + " directory calls");
      assertThat(m.result()).as(list.getKey()).isNotEmpty();
      assertViewsMatchSeed(f, viewers.get(list.getKey()), m.result());
      long extra =
          list.getKey().equals("tickets(search)")
              ? probeStatements(db, TicketFilter.builder().searchTerm("x").build())
              : 0;
      assertThat(m.statements())
          .as("statements of %s (%d tickets)", list.getKey(), m.result().size())
          .isBetween(PAGE_STATEMENTS, PAGE_STATEMENTS + extra);
      assertThat(m.directoryCalls())
          .as("directory calls of %s", list.getKey())
          .isEqualTo(PAGE_DIRECTORY_CALLS);
    }
    report.forEach((k, v) -> System.out.println("StatementCountIT " + db + " " + k + ": " + v));
    // The lists really differ in length (5 to 180 tickets), so the constant is not a coincidence.
    assertThat(f.service().myTickets(ALICE)).hasSize(5);
    assertThat(f.service().tickets(ADMIN, TicketFilter.none())).hasSize(TICKETS);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aCustomersSearchNeverMatchesInternalNotes(TestDatabase db) {
    Fixture f = fixture(db);
    TicketFilter secret = TicketFilter.builder().searchTerm("quota-secret").build();
    // Staff who may read the notes find the tickets by their text, in a page of the usual cost.
    Measured<TicketPage> admin =
        f.measure(
            () ->
                f.service()
                    .ticketsPaginated(ADMIN, PageRequest.first(100).withTotalCount(), secret));
    assertThat(admin.result().totalCount()).isEqualTo(TICKETS / 3);
    assertThat(admin.statements())
        .isBetween(
            PAGE_WITH_TOTAL_STATEMENTS, PAGE_WITH_TOTAL_STATEMENTS + probeStatements(db, secret));
    // The customer's own tickets carry such notes, yet a search by their text finds nothing.
    Measured<TicketPage> john =
        f.measure(
            () ->
                f.service()
                    .ticketsPaginated(JOHN, PageRequest.first(100).withTotalCount(), secret));
    assertThat(john.result().edges()).isEmpty();
    assertThat(john.result().totalCount()).isZero();
    assertThat(
            f.service().myTickets(JOHN).stream()
                .filter(
                    v ->
                        f.expected().get(v.id()).allComments()
                            > f.expected().get(v.id()).publicComments()))
        .isNotEmpty();
    // An empty page needs no activity queries and no directory look-up: the tickets and the count.
    assertThat(john.statements()).isBetween(2L, 2 + probeStatements(db, secret));
    assertThat(john.directoryCalls()).isZero();
  }

  private static long visibleTo(Fixture f, Actor actor) {
    return f.expected().values().stream()
        .filter(
            e ->
                switch (actor.role()) {
                  case CUSTOMER -> e.createdBy().equals(actor.id());
                  case AGENT -> actor.id().equals(e.assigneeId());
                  default -> true;
                })
        .count();
  }
}
