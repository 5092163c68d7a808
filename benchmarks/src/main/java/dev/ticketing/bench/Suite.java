package dev.ticketing.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.AddComment;
import dev.ticketing.ConflictException;
import dev.ticketing.CreateTicket;
import dev.ticketing.PageRequest;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketPage;
import dev.ticketing.TicketService;
import dev.ticketing.TicketStats;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.UpdateTicket;
import dev.ticketing.bench.JdbcBaseline.Scope;
import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.jpa.TicketingPersistence;
import dev.ticketing.policy.Actor;
import dev.ticketing.testsupport.CountingDirectory;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Issue 8's measurements in one run on one server: every figure beside a baseline measured in the
 * same run (hand-written JDBC, a plain LIKE, an OFFSET query, one instance instead of two), with
 * medians and 95th percentiles. A measured harness rather than JMH for the database work: each
 * operation is a round trip of a millisecond or more, so JMH's protection against dead code and
 * JIT artefacts buys nothing, while the harness can interleave library and baseline (ABAB) so
 * that drift of the shared machine hits both alike. The pure-CPU decision is measured with JMH
 * ({@link DecisionBenchmark}).
 *
 * <p>Long because it is the script of one run: each measurement sits beside its baseline and its
 * correctness check, in the order the report prints them, so a reader checks a published figure
 * against the code that made it without leaving the file.
 *
 * <p>Nothing here asserts a time. The run fails only when a correctness check fails: a lost update,
 * a statement count that grows with the page size, cursors that skip or repeat tickets, statistics
 * that differ from the hand-written query.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ticketing.bench.Suite --tickets 1000000 [--vendor mariadb]
 *     [--depth 50000 [--jump]] [--only writes,pages,search,stats,statements,contention]
 * </pre>
 */
public final class Suite {
  /**
   * Write warm-up per unit of scale. Hibernate's insert and flush paths need thousands of calls
   * before the JIT has compiled them: with 20 warm-up calls the first full run measured the library
   * at 0.51 of JDBC, with 3,000 it measures 0.87 to 0.97 (see docs/benchmarks.md).
   */
  private static final int WRITE_WARMUP = 300;

  private final Options options;
  private final BenchDatabase db;
  private final Corpus corpus;
  private final Report report;
  private final List<String> failures = new ArrayList<>();
  private final int scale; // 1 in quick mode, 10 in a full run

  private HikariDataSource poolA;
  private EntityManagerFactory emfA;
  private Ticketing ticketingA;
  private TicketService service;
  private CountingDirectory directory;
  private JdbcBaseline jdbc;

  private static final Actor ADMIN = Actor.admin(Corpus.adminId(0));

  private Suite(Options options) {
    this.options = options;
    this.db = options.database();
    this.corpus = new Corpus(options.tickets());
    this.report = new Report();
    this.scale = options.quick() ? 1 : 10;
  }

  public static void main(String[] args) throws Exception {
    Suite suite = new Suite(Options.parse(args));
    suite.run();
    if (!suite.failures.isEmpty()) {
      // Thrown, not System.exit: under exec:java an exit would end Maven itself.
      throw new IllegalStateException("benchmark checks failed: " + suite.failures);
    }
  }

  private void run() throws Exception {
    report.header(options, db);
    LoadData.Result load = LoadData.load(db, options.tickets(), options.force());
    report.line("load", load.note());
    try {
      start();
      if (options.runs("writes")) {
        createTickets();
        addComments();
      }
      // The reads measure the corpus as loaded: tens of thousands of identical tickets on top of
      // it,
      // with no comments and nobody assigned, would make page 1 and a common word's search unlike a
      // desk's.
      if (writes()) {
        try (Connection c = poolA.getConnection()) {
          LoadData.removeHarnessRows(c);
          // The corpus is loaded around the engine: its counters are rebuilt from the tickets.
          CounterBackfill.rebuild(c, db.vendor());
        }
      }
      if (options.runs("pages")) {
        pages();
      }
      if (options.runs("search")) {
        search();
      }
      if (options.runs("stats")) {
        stats();
      }
      if (options.runs("statements")) {
        statementsPerPage();
      }
      if (options.runs("contention")) {
        twoInstances();
      }
      if (options.jmh()) {
        decision();
      }
    } finally {
      if (ticketingA != null) {
        ticketingA.close();
      }
      if (emfA != null) {
        emfA.close();
      }
      if (poolA != null) {
        if (writes()) {
          try (Connection c = poolA.getConnection()) {
            LoadData.removeHarnessRows(
                c); // leave the corpus as loaded, so the next run need not reload
            CounterBackfill.rebuild(c, db.vendor());
          }
        }
        poolA.close();
      }
    }
    report.line(
        "checks", failures.isEmpty() ? "all correctness checks passed" : "FAILED: " + failures);
    report.print();
    if (options.out() != null) {
      report.write(Path.of(options.out()));
    }
  }

  /**
   * Whether this run writes tickets. A run that only reads ({@code --only pages,search,...}) leaves
   * the rows and the counters as it found them (every writing run rebuilds the counters at its end),
   * so that it can share the database with another harness measuring at the same time.
   */
  private boolean writes() {
    return options.runs("writes") || options.runs("contention");
  }

  private void start() {
    poolA = db.pool("bench-a", 4);
    emfA =
        TicketingPersistence.entityManagerFactory(
            poolA, Map.of("hibernate.generate_statistics", true));
    directory = new CountingDirectory(Corpus.directory());
    ticketingA =
        Ticketing.builder()
            .store(JpaTicketStore.resourceLocal(emfA))
            .directory(directory)
            .backgroundDispatch(false)
            .build();
    service = ticketingA.service();
    jdbc = new JdbcBaseline(poolA, db.vendor());
  }

  // ------------------------------------------------------------------ (1) and (2): writes

  private void createTickets() throws Exception {
    SplittableRandom r = new SplittableRandom(1);
    String description =
        "Since the update the export of the monthly report fails with ERR-5521. "
            + "We tried two browsers and cleared the cache. Please advise.";
    Comparison c =
        compare(
            "create ticket",
            WRITE_WARMUP * scale,
            100 * scale,
            () -> {
              int company = r.nextInt(Corpus.COMPANIES);
              Actor customer =
                  Actor.customer(
                      Corpus.customerId(company, r.nextInt(5)), Corpus.companyId(company));
              service.createTicket(
                  customer,
                  CreateTicket.of("Cannot export the report", description, customer.companyId()));
            },
            () -> {
              int company = r.nextInt(Corpus.COMPANIES);
              jdbc.createTicket(
                  Corpus.companyId(company),
                  Corpus.customerId(company, r.nextInt(5)),
                  "Cannot export the report",
                  description);
            });
    report.throughput(
        "(1) create ticket: TicketService on JPA vs hand-written JDBC (ticket + audit + outbox, 1 tx)",
        c,
        "≥ 0.8");
  }

  private void addComments() throws Exception {
    List<String> tickets = new ArrayList<>();
    for (int i = corpus.tickets() - 1; i >= 0 && tickets.size() < 500; i--) {
      Corpus.Ticket t = corpus.ticket(i);
      if (t.status() == Status.IN_PROGRESS) {
        tickets.add(t.id());
      }
    }
    AtomicInteger next = new AtomicInteger();
    Comparison c =
        compare(
            "add comment",
            WRITE_WARMUP * scale,
            100 * scale,
            () ->
                service.addComment(
                    ADMIN,
                    new AddComment(pick(tickets, next), "We are looking into it, thanks.", false)),
            () ->
                jdbc.addComment(
                    pick(tickets, next), ADMIN.id(), "We are looking into it, thanks."));
    report.throughput(
        "(2) add comment: TicketService on JPA vs hand-written JDBC (read ticket, comment + audit + outbox)",
        c,
        "≥ 0.8");
  }

  private static String pick(List<String> ids, AtomicInteger next) {
    return ids.get(Math.floorMod(next.getAndIncrement(), ids.size()));
  }

  // ------------------------------------------------------------------ (3) pages

  private void pages() throws Exception {
    int biggest = 0; // the power law makes company 0 the busiest
    Actor customer = Actor.customer(Corpus.customerId(biggest, 0), Corpus.companyId(biggest));
    Actor agent = Actor.agent(Corpus.agentId(7));
    record Case(String name, Actor actor, Scope scope) {}
    for (Case k :
        List.of(
            new Case("admin (every ticket)", ADMIN, Scope.ALL),
            new Case("agent (assigned to them)", agent, new Scope(null, null, agent.id())),
            new Case(
                "customer (own tickets, busiest company)",
                customer,
                new Scope(customer.id(), customer.companyId(), null)))) {
      Comparison c =
          compare(
              "page 1 " + k.name(),
              50 * scale,
              50 * scale,
              () -> service.ticketsPaginated(k.actor(), PageRequest.first(20), TicketFilter.none()),
              () -> jdbc.page(k.scope(), 21, null, null, 0));
      report.latency(
          "(3) ticketsPaginated, first 20, " + k.name() + " vs one hand-written SQL statement",
          c,
          "≤ 5 ms");
    }
    Comparison total =
        compare(
            "page 1 admin with totalCount",
            scale,
            5 * scale,
            () ->
                service.ticketsPaginated(
                    ADMIN, PageRequest.first(20).withTotalCount(), TicketFilter.none()),
            () -> service.ticketsPaginated(ADMIN, PageRequest.first(20), TicketFilter.none()));
    report.latency("(3) the same admin page with totalCount vs without", total, "(no target)");

    // Walk the cursor to page --depth (50,000 unless told; or as deep as the data goes), untimed,
    // checking the order.
    long depth;
    try (Connection c = poolA.getConnection();
        var s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select count(*) from ticketing_ticket where deleted_at is null")) {
      rs.next();
      depth = Math.min((options.depth() - 1L) * 20, rs.getLong(1) - 40);
    }
    long walkStart = System.nanoTime();
    String cursor = null;
    TicketView last = null;
    long walked = 0;
    if (options.jump()) {
      // --jump: the cursor of the row 100 tickets short of the depth, made as the engine makes it;
      // the walk checks the order of the last 100 tickets only.
      walked = Math.max(0, depth - 100);
      cursor = PlanDump.cursorAt(db, walked);
    }
    while (walked < depth) {
      int size = (int) Math.min(100, depth - walked);
      TicketPage page =
          service.ticketsPaginated(
              ADMIN, PageRequest.first(size).after(cursor), TicketFilter.none());
      for (TicketPage.Edge e : page.edges()) {
        TicketView v = e.node();
        if (last != null
            && !(v.createdAt().isBefore(last.createdAt())
                || (v.createdAt().equals(last.createdAt()) && v.id().compareTo(last.id()) < 0))) {
          fail("cursor walk out of order at " + walked + ": " + last.id() + " then " + v.id());
        }
        last = v;
      }
      if ((walked + page.edges().size()) / 1_000_000 > walked / 1_000_000) {
        LoadData.log(
            "cursor walk: %,d tickets in %.1f s",
            walked + page.edges().size(), (System.nanoTime() - walkStart) / 1e9);
      }
      walked += page.edges().size();
      cursor = page.pageInfo().endCursor();
      if (!page.pageInfo().hasNextPage()) {
        break;
      }
    }
    if (walked != depth) {
      fail("cursor walk reached " + walked + " tickets, expected " + depth);
    }
    report.line(
        "(3) cursor walk",
        String.format(
            Locale.ROOT,
            "%s %,d tickets (page %,d of 20) by cursors in %.1f s," + " untimed below",
            options.jump() ? "jumped by a made cursor, then walked, to" : "walked",
            walked,
            walked / 20 + 1,
            (System.nanoTime() - walkStart) / 1e9));
    String deep = cursor;
    Timestamp afterAt = Timestamp.from(last.createdAt());
    String afterId = last.id();
    Comparison deepVsFirst =
        compare(
            "deep page",
            5 * scale,
            50 * scale,
            () ->
                service.ticketsPaginated(
                    ADMIN, PageRequest.first(20).after(deep), TicketFilter.none()),
            () -> service.ticketsPaginated(ADMIN, PageRequest.first(20), TicketFilter.none()));
    report.latency(
        String.format(
            Locale.ROOT, "(3) page %,d by cursor vs page 1 (admin, 20 per page)", walked / 20 + 1),
        deepVsFirst,
        "≤ 1.5×");
    long offset = walked;
    Comparison offsetVsKeyset =
        compare(
            "offset",
            1,
            Math.max(3, scale / 2),
            () -> jdbc.page(Scope.ALL, 21, null, null, offset),
            () -> jdbc.page(Scope.ALL, 21, afterAt, afterId, 0));
    report.latency(
        String.format(
            Locale.ROOT,
            "(3) hand-written OFFSET %,d vs hand-written keyset at the same depth",
            offset),
        offsetVsKeyset,
        "(shown beside)");
  }

  // ------------------------------------------------------------------ (4) search

  private void search() throws Exception {
    Actor customer = Actor.customer(Corpus.customerId(0, 0), Corpus.companyId(0));
    Scope customerScope = new Scope(customer.id(), customer.companyId(), null);
    record Case(String name, Actor actor, Scope scope, String term, boolean comments) {}
    List<Case> cases =
        List.of(
            new Case("customer, common word", customer, customerScope, "export", false),
            new Case("customer, rare word", customer, customerScope, Corpus.RARE[0], false),
            new Case("staff, rare word", ADMIN, Scope.ALL, Corpus.RARE[1], true),
            new Case(
                "staff, word only in comments", ADMIN, Scope.ALL, Corpus.RARE_IN_COMMENTS, true),
            new Case("staff, common word", ADMIN, Scope.ALL, "invoice", true));
    for (Case k : cases) {
      TicketFilter filter = TicketFilter.builder().searchTerm(k.term()).build();
      // The plain LIKE can take seconds: few baseline runs, as many library runs as elsewhere.
      Comparison c =
          compareUneven(
              "search " + k.name(),
              2 * scale,
              20 * scale,
              Math.max(2, scale / 3),
              () -> service.ticketsPaginated(k.actor(), PageRequest.first(20), filter),
              () -> jdbc.search(k.scope(), k.term(), k.comments(), true, 21));
      report.latency(
          "(4) searchTerm \""
              + k.term()
              + "\", "
              + k.name()
              + " vs plain LIKE without the trigram index",
          c,
          "≤ 50 ms");
    }
  }

  // ------------------------------------------------------------------ (5) statistics

  private void stats() throws Exception {
    for (String company : new String[] {null, Corpus.companyId(0)}) {
      TicketStats s = service.ticketStats(ADMIN, company);
      long[] b = jdbc.stats(company);
      long[] l = {
        s.total(),
        s.open(),
        s.inProgress(),
        s.waitingForCustomer(),
        s.resolved(),
        s.closed(),
        s.cancelled(),
        s.reopened(),
        s.urgent(),
        s.high(),
        s.unassigned()
      };
      if (!Arrays.equals(l, b)) {
        fail(
            "ticketStats("
                + company
                + ") "
                + Arrays.toString(l)
                + " differs from the hand-written query "
                + Arrays.toString(b));
      }
      Comparison c =
          compare(
              "stats " + company,
              scale,
              company == null ? 2 * scale : 20 * scale,
              () -> service.ticketStats(ADMIN, company),
              () -> jdbc.stats(company));
      report.latency(
          "(5) ticketStats("
              + (company == null ? "all companies" : "one company, the busiest")
              + ") vs hand-written aggregate",
          c,
          "≤ 1.2×");
    }
  }

  // ------------------------------------------------------------------ (6) statements per page

  private void statementsPerPage() {
    Statistics stats = emfA.unwrap(SessionFactory.class).getStatistics();
    Actor agent = Actor.agent(Corpus.agentId(7));
    record Case(String name, Actor actor, TicketFilter filter, boolean total) {}
    List<Case> cases =
        List.of(
            new Case("admin", ADMIN, TicketFilter.none(), false),
            new Case("admin + totalCount", ADMIN, TicketFilter.none(), true),
            new Case("agent", agent, TicketFilter.none(), false),
            new Case(
                "admin, search (two-arm union)",
                ADMIN,
                TicketFilter.builder().searchTerm("report").build(),
                false));
    StringBuilder line = new StringBuilder();
    for (Case k : cases) {
      List<String> counts = new ArrayList<>();
      long first = -1;
      int firstCalls = -1;
      for (int size : new int[] {1, 20, 100}) {
        stats.clear();
        directory.reset();
        TicketPage page =
            service.ticketsPaginated(k.actor(), new PageRequest(size, null, k.total()), k.filter());
        long statements = stats.getPrepareStatementCount();
        int calls = directory.calls();
        counts.add(
            String.format(
                Locale.ROOT,
                "%d rows: %d statements, %d directory calls",
                page.edges().size(),
                statements,
                calls));
        // On MariaDB a search first probes the newest tickets and asks the FULLTEXT index only when
        // the probe falls short of the page: one statement more, whatever the page's size.
        long probe =
            db.vendor() == BenchDatabase.Vendor.MARIADB && k.filter().searchTerm() != null ? 1 : 0;
        if (first < 0) {
          first = statements;
          firstCalls = calls;
        } else if (Math.abs(statements - first) > probe || calls != firstCalls) {
          fail("statements per page grow with the page size (" + k.name() + "): " + counts);
        }
      }
      line.append(k.name()).append(": ").append(String.join("; ", counts)).append(". ");
    }
    report.line(
        "(6) SQL statements per page (Hibernate statistics), sizes 1, 20, 100",
        line.toString().strip());
  }

  // ------------------------------------------------------------------ (8) two instances

  private void twoInstances() throws Exception {
    // Tickets both instances fight over, created before either phase.
    List<String> shared = new ArrayList<>();
    Actor owner = Actor.customer(Corpus.customerId(1, 0), Corpus.companyId(1));
    for (int i = 0; i < 8; i++) {
      shared.add(
          service
              .createTicket(
                  owner,
                  CreateTicket.of(
                      "Shared ticket " + i, "Written by two instances.", owner.companyId()))
              .id());
    }
    long millis = options.quick() ? 1_500 : 10_000;
    Throughput one = contend(List.of(service, service, service, service), shared, millis);
    try (HikariDataSource poolB = db.pool("bench-b", 4);
        EntityManagerFactory emfB = TicketingPersistence.entityManagerFactory(poolB)) {
      try (Ticketing b =
          Ticketing.builder()
              .store(JpaTicketStore.resourceLocal(emfB))
              .directory(directory)
              .backgroundDispatch(false)
              .build()) {
        TicketService serviceB = b.service();
        Throughput two = contend(List.of(service, service, serviceB, serviceB), shared, millis);
        report.line(
            "(8) two instances on one database",
            String.format(
                Locale.ROOT,
                "two TicketService instances (separate pools of 4), 2 threads each, on 8 shared"
                    + " tickets: %,.0f ops/s (%d updates, %d comments, %d update conflicts); one instance, 4 threads:"
                    + " %,.0f ops/s (%d conflicts); ratio %.2f. Lost updates: %s",
                two.opsPerSecond(),
                two.updates(),
                two.comments(),
                two.conflicts(),
                one.opsPerSecond(),
                one.conflicts(),
                two.opsPerSecond() / one.opsPerSecond(),
                two.lost() + one.lost() == 0
                    ? "none (versions, audit"
                        + " entries and comment rows all match the successful calls)"
                    : two.lost() + one.lost()));
      }
    }
  }

  record Throughput(double opsPerSecond, long updates, long comments, long conflicts, long lost) {}

  private final java.util.concurrent.atomic.AtomicInteger contentionRuns =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Each service in the list gets a thread; half the operations rename a ticket, half comment on it. */
  private Throughput contend(List<TicketService> services, List<String> tickets, long millis)
      throws Exception {
    Map<String, long[]> before = versionsAndRows(tickets);
    // Titles unique across runs: each thread's random picks repeat from run to run (seeded by the
    // thread's number), and renaming a ticket to the title it already has is no update at all.
    int run = contentionRuns.incrementAndGet();
    AtomicLong updates = new AtomicLong();
    AtomicLong comments = new AtomicLong();
    AtomicLong conflicts = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(services.size());
    long start = System.nanoTime();
    long end = start + millis * 1_000_000L;
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < services.size(); t++) {
        TicketService s = services.get(t);
        int thread = t;
        runs.add(
            pool.submit(
                () -> {
                  SplittableRandom r = new SplittableRandom(thread);
                  int seq = 0;
                  while (System.nanoTime() < end) {
                    String id = tickets.get(r.nextInt(tickets.size()));
                    if (r.nextBoolean()) {
                      try {
                        s.updateTicket(
                            ADMIN,
                            new UpdateTicket(
                                id,
                                "Renamed in run " + run + " by " + thread + " #" + seq++,
                                null,
                                null,
                                null));
                        updates.incrementAndGet();
                      } catch (ConflictException e) {
                        conflicts.incrementAndGet();
                      }
                    } else {
                      s.addComment(ADMIN, new AddComment(id, "Note from thread " + thread, true));
                      comments.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : runs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, long[]> after = versionsAndRows(tickets);
    long versionDelta = 0;
    long auditDelta = 0;
    long commentDelta = 0;
    for (String id : tickets) {
      versionDelta += after.get(id)[0] - before.get(id)[0];
      auditDelta += after.get(id)[1] - before.get(id)[1];
      commentDelta += after.get(id)[2] - before.get(id)[2];
    }
    long lost =
        Math.abs(versionDelta - updates.get())
            + Math.abs(auditDelta - updates.get())
            + Math.abs(commentDelta - comments.get());
    if (lost != 0) {
      fail(
          String.format(
              Locale.ROOT,
              "lost updates: %d successful renames but versions moved %d and %d UPDATED audit"
                  + " entries; %d comments reported, %d stored",
              updates.get(),
              versionDelta,
              auditDelta,
              comments.get(),
              commentDelta));
    }
    if (updates.get() == 0 || comments.get() == 0) {
      fail("the contention run did nothing");
    }
    return new Throughput(
        (updates.get() + comments.get()) / seconds,
        updates.get(),
        comments.get(),
        conflicts.get(),
        lost);
  }

  /** Per ticket: version, UPDATED audit entries, comments. */
  private Map<String, long[]> versionsAndRows(List<String> tickets) throws SQLException {
    Map<String, long[]> out = new HashMap<>();
    try (Connection c = poolA.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "select t.version,"
                    + " (select count(*) from ticketing_audit_entry a where a.ticket_id = t.id and a.action = 'UPDATED'),"
                    + " (select count(*) from ticketing_comment c where c.ticket_id = t.id) from ticketing_ticket t where t.id = ?")) {
      for (String id : tickets) {
        p.setString(1, id);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          out.put(id, new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ (7) decision (JMH)

  private void decision() throws Exception {
    var opts =
        new OptionsBuilder()
            .include(DecisionBenchmark.class.getSimpleName())
            .forks(1)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(2))
            .shouldFailOnError(true)
            .build();
    Map<String, Double> scores = new HashMap<>();
    for (RunResult r : new Runner(opts).run()) {
      String name = r.getParams().getBenchmark();
      scores.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
    }
    report.line(
        "(7) permission + transition decision (JMH, ns per decision; target < 100 ns)",
        String.format(
            Locale.ROOT,
            "statusChangeDecision %.2f ns (hand-written switch %.2f ns, ratio %.2f); viewPermission %.2f ns (baseline %.2f);"
                + " transitionLookup %.2f ns (baseline %.2f)",
            scores.get("statusChangeDecision"),
            scores.get("baselineStatusChangeDecision"),
            scores.get("statusChangeDecision") / scores.get("baselineStatusChangeDecision"),
            scores.get("viewPermission"),
            scores.get("baselineViewPermission"),
            scores.get("transitionLookup"),
            scores.get("baselineTransitionLookup")));
  }

  // ------------------------------------------------------------------ measuring

  /** A measured operation: the library's or the baseline's. */
  interface Operation {
    void run() throws Exception;
  }

  /** Per-operation times of the library and of its baseline, in nanoseconds, and per-round throughputs. */
  record Comparison(
      long[] library, long[] baseline, double[] libraryRounds, double[] baselineRounds) {
    static double median(long[] a) {
      long[] s = a.clone();
      Arrays.sort(s);
      return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    static double p95(long[] a) {
      long[] s = a.clone();
      Arrays.sort(s);
      return s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.95) - 1)];
    }

    static double median(double[] a) {
      double[] s = a.clone();
      Arrays.sort(s);
      return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
  }

  private Comparison compare(
      String name, int warmup, int iterations, Operation library, Operation baseline)
      throws Exception {
    return compareUneven(name, warmup, iterations, iterations, library, baseline);
  }

  /**
   * Warm-up, then rounds that alternate library and baseline (which goes first alternates too),
   * so both see the same state of the machine. Ten rounds; each times every operation.
   */
  /**
   * How long one measurement's timed rounds may take, and its warm-up: an operation of seconds
   * (a search the database answers by sorting every match) would otherwise hold the run for the best
   * part of an hour. A measurement cut short keeps every round it finished (at least one call of
   * each side) and says so in the log.
   */
  private static final long MEASUREMENT_BUDGET_NANOS = 90_000_000_000L;

  private static final long WARMUP_BUDGET_NANOS = 60_000_000_000L;

  private Comparison compareUneven(
      String name,
      int warmup,
      int libraryIterations,
      int baselineIterations,
      Operation library,
      Operation baseline)
      throws Exception {
    long warmupEnd = System.nanoTime() + WARMUP_BUDGET_NANOS;
    for (int i = 0; i < warmup && System.nanoTime() < warmupEnd; i++) {
      library.run();
      if (i < Math.max(1, warmup * baselineIterations / libraryIterations)) {
        baseline.run();
      }
    }
    int rounds = Math.min(10, Math.min(libraryIterations, baselineIterations));
    long[] lib = new long[libraryIterations];
    long[] base = new long[baselineIterations];
    double[] libRounds = new double[rounds];
    double[] baseRounds = new double[rounds];
    int li = 0;
    int bi = 0;
    int done = 0;
    long end = System.nanoTime() + MEASUREMENT_BUDGET_NANOS;
    for (int round = 0; round < rounds && (round == 0 || System.nanoTime() < end); round++) {
      int libN = libraryIterations / rounds + (round < libraryIterations % rounds ? 1 : 0);
      int baseN = baselineIterations / rounds + (round < baselineIterations % rounds ? 1 : 0);
      for (int half = 0; half < 2; half++) {
        boolean libraryTurn = (round + half) % 2 == 0;
        int n = libraryTurn ? libN : baseN;
        long roundStart = System.nanoTime();
        int k = 0;
        for (; k < n && (k == 0 || System.nanoTime() < end); k++) {
          long t0 = System.nanoTime();
          (libraryTurn ? library : baseline).run();
          long t = System.nanoTime() - t0;
          if (libraryTurn) {
            lib[li++] = t;
          } else {
            base[bi++] = t;
          }
        }
        double perSecond = k / ((System.nanoTime() - roundStart) / 1e9);
        (libraryTurn ? libRounds : baseRounds)[round] = perSecond;
      }
      done++;
    }
    if (li < libraryIterations || bi < baselineIterations) {
      LoadData.log(
          "measured %s within its time budget: %d of %d library calls, %d of %d baseline calls, %d rounds",
          name, li, libraryIterations, bi, baselineIterations, done);
    } else {
      LoadData.log("measured %s", name);
    }
    return new Comparison(
        Arrays.copyOf(lib, li),
        Arrays.copyOf(base, bi),
        Arrays.copyOf(libRounds, done),
        Arrays.copyOf(baseRounds, done));
  }

  private void fail(String message) {
    LoadData.log("CHECK FAILED: %s", message);
    failures.add(message);
  }

  /** The results, as a Markdown table printed at the end (and written with --out). */
  static final class Report {
    private final List<String> lines = new ArrayList<>();

    void header(Options o, BenchDatabase db) {
      lines.add(
          String.format(
              Locale.ROOT,
              "Suite on %s, %,d tickets%s; Java %s; %d processors",
              db.describe(),
              o.tickets(),
              o.quick() ? " (quick)" : "",
              System.getProperty("java.version"),
              Runtime.getRuntime().availableProcessors()));
      lines.add("");
      lines.add("| measurement | library median (p95) | baseline median (p95) | ratio | target |");
      lines.add("|---|---|---|---|---|");
    }

    void latency(String what, Comparison c, String target) {
      double lib = Comparison.median(c.library()) / 1e6;
      double base = Comparison.median(c.baseline()) / 1e6;
      lines.add(
          String.format(
              Locale.ROOT,
              "| %s | %.2f ms (%.2f) | %.2f ms (%.2f) | %.2f | %s |",
              what,
              lib,
              Comparison.p95(c.library()) / 1e6,
              base,
              Comparison.p95(c.baseline()) / 1e6,
              lib / base,
              target));
    }

    void throughput(String what, Comparison c, String target) {
      double lib = Comparison.median(c.libraryRounds());
      double base = Comparison.median(c.baselineRounds());
      lines.add(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f/s; %.2f ms (%.2f) | %,.0f/s; %.2f ms (%.2f) | %.2f | %s |",
              what,
              lib,
              Comparison.median(c.library()) / 1e6,
              Comparison.p95(c.library()) / 1e6,
              base,
              Comparison.median(c.baseline()) / 1e6,
              Comparison.p95(c.baseline()) / 1e6,
              lib / base,
              target));
    }

    void line(String what, String text) {
      lines.add("| " + what + " | " + text + " | | | |");
    }

    void print() {
      System.out.println();
      lines.forEach(System.out::println);
    }

    void write(Path file) throws IOException {
      Files.write(file, lines, StandardCharsets.UTF_8);
    }
  }
}
