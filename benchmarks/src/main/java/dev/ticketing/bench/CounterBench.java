package dev.ticketing.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.CounterSettings;
import dev.ticketing.CreateTicket;
import dev.ticketing.PageRequest;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketPage;
import dev.ticketing.TicketService;
import dev.ticketing.TicketStats;
import dev.ticketing.Ticketing;
import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.jpa.TicketingPersistence;
import dev.ticketing.policy.Actor;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The ticket counters' costs and gains, each beside its baseline in the same run, library and
 * baseline alternating (ABAB) so that drift of a shared machine hits both alike:
 *
 * <ol>
 *   <li>create ticket with counters on vs a hand-written JDBC insert (ticket, audit, outbox), and
 *       with counters off vs the same insert (what the library costs without counters);
 *   <li>32 concurrent writers on one company, counters on vs off (throughput), and 32 writers on
 *       32 companies, whose only shared counter rows are the all-companies set's;
 *   <li>statistics over all companies (from the all-companies set) and over the busiest one, from
 *       the counters vs a hand-written SQL aggregate (and the store's own aggregate, counters off),
 *       with the rows the all-companies read sums and its plan;
 *   <li>the admin page with {@code totalCount} vs a hand-written page plus {@code count(*)}.
 * </ol>
 *
 * <p>Nothing here asserts a time; the run fails when the counters' statistics differ from the
 * hand-written aggregate.
 *
 * <p>Long because the run is one story whose parts share the engines, the pool and the
 * alternating harness: the writes, then the reads over counters rebuilt between them.
 *
 * <pre>{@code
 * java [-Dcounters.stripes=16] -cp benchmarks/target/benchmarks.jar dev.ticketing.bench.CounterBench \
 *     --tickets 1000000 --database ticketing_bench --out counters.txt \
 *     [--only create,writers,stats,stats-off,totals]
 * }</pre>
 */
public final class CounterBench {

  private static final Actor ADMIN = Actor.admin(Corpus.adminId(0));
  private static final int WRITERS = 32;

  /** Stripes per counter: {@code -Dcounters.stripes=N}, the library's default unless given. */
  private static final int STRIPES =
      Integer.getInteger("counters.stripes", CounterSettings.DEFAULT_STRIPES);

  /**
   * {@code -Dcounters.rebuild=false} keeps the counters as they are (a reads-only run after a run
   * that left them rebuilt: MariaDB takes minutes to rebuild them at a million tickets).
   */
  private static final boolean REBUILD =
      Boolean.parseBoolean(System.getProperty("counters.rebuild", "true"));

  /**
   * {@code -Dcounters.readIterations=N}: timed calls per side of each read (50 × the scale unless
   * given). {@code --only create,writers,stats,totals} leaves out the counters-off reads
   * ({@code stats-off}), whose baseline aggregates take seconds each at a million tickets.
   */
  private static final int READ_ITERATIONS = Integer.getInteger("counters.readIterations", 0);

  private final Options options;
  private final BenchDatabase db;
  private final List<String> report = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  private CounterBench(Options options) {
    this.options = options;
    this.db = options.database();
  }

  public static void main(String[] args) throws Exception {
    CounterBench b = new CounterBench(Options.parse(args));
    b.run();
    if (!b.failures.isEmpty()) {
      throw new IllegalStateException("benchmark checks failed: " + b.failures);
    }
  }

  private void run() throws Exception {
    line("database", db.url() + ", " + options.tickets() + " tickets (measured on a busy machine)");
    line("load average at start", loadAverage());
    line("stripes", STRIPES + " per counter (-Dcounters.stripes)");
    LoadData.Result load = LoadData.load(db, options.tickets(), options.force());
    line("load", load.note());
    // 32 writers need a connection each; the other parts use a pool of 4, as a host would.
    HikariDataSource pool = db.pool("bench-counters", options.runs("writers") ? WRITERS + 4 : 4);
    EntityManagerFactory emf = TicketingPersistence.entityManagerFactory(pool);
    JdbcBaseline jdbc = new JdbcBaseline(pool, db.vendor());
    try (Connection c = pool.getConnection()) {
      LoadData.removeHarnessRows(c);
      if (REBUILD) {
        CounterBackfill.rebuild(c, db.vendor());
      }
    }
    JpaTicketStore store = JpaTicketStore.resourceLocal(emf);
    int scale = options.quick() ? 1 : 5;
    try (Ticketing on = engine(store, true);
        Ticketing off = engine(store, false)) {
      if (options.runs("create")) {
        createTicket(on.service(), off.service(), jdbc, scale);
      }
      if (options.runs("writers")) {
        writers(on.service(), off.service(), scale, false);
        writers(on.service(), off.service(), scale, true);
      }
      if (REBUILD && (options.runs("create") || options.runs("writers"))) {
        try (Connection c = pool.getConnection()) {
          LoadData.removeHarnessRows(c);
          CounterBackfill.rebuild(c, db.vendor());
        }
      }
      if (options.runs("stats")) {
        stats(on.service(), off.service(), jdbc, scale);
        allCompaniesRead(pool);
      }
      if (options.runs("totals")) {
        totals(on.service(), jdbc, pool, scale);
      }
    } finally {
      try (Connection c = pool.getConnection()) {
        LoadData.removeHarnessRows(c);
        if (REBUILD) {
          CounterBackfill.rebuild(c, db.vendor());
        }
      }
      emf.close();
      pool.close();
    }
    line("load average at end", loadAverage());
    line("checks", failures.isEmpty() ? "all correctness checks passed" : "FAILED: " + failures);
    report.forEach(System.out::println);
    if (options.out() != null) {
      Files.write(Path.of(options.out()), report);
    }
  }

  private Ticketing engine(JpaTicketStore store, boolean counters) {
    return Ticketing.builder()
        .store(store)
        .directory(Corpus.directory())
        .backgroundDispatch(false)
        .backgroundSweep(false)
        .counters(CounterSettings.defaults().withEnabled(counters).withStripes(STRIPES))
        .build();
  }

  // ------------------------------------------------------------------ (1) create

  private void createTicket(TicketService on, TicketService off, JdbcBaseline jdbc, int scale)
      throws Exception {
    for (TicketService s : new TicketService[] {on, off}) {
      createTicket(s, s == on, jdbc, scale);
    }
  }

  private void createTicket(TicketService on, boolean counters, JdbcBaseline jdbc, int scale)
      throws Exception {
    SplittableRandom r = new SplittableRandom(1);
    String description = "Since the update the export of the monthly report fails with ERR-5521.";
    // Hibernate's insert and flush paths need thousands of calls before the JIT has compiled them
    // (the suite's WRITE_WARMUP): 3,000 of each side in a full run.
    long[][] t =
        alternate(
            600 * scale,
            200 * scale,
            () -> {
              int company = r.nextInt(Corpus.COMPANIES);
              Actor customer =
                  Actor.customer(
                      Corpus.customerId(company, r.nextInt(5)), Corpus.companyId(company));
              return on.createTicket(
                  customer, CreateTicket.of("Cannot export", description, customer.companyId()));
            },
            () -> {
              int company = r.nextInt(Corpus.COMPANIES);
              return jdbc.createTicket(
                  Corpus.companyId(company),
                  Corpus.customerId(company, r.nextInt(5)),
                  "Cannot export",
                  description);
            });
    line(
        "(1) create ticket, counters "
            + (counters ? "on" : "off")
            + ", vs hand-written JDBC insert (ticket + audit + outbox)",
        ratio(t, counters ? "throughput ≥ 0.8×" : "the library without counters"));
  }

  // ------------------------------------------------------------------ (2) 32 writers

  private void writers(TicketService on, TicketService off, int scale, boolean spread)
      throws Exception {
    int perWriter = 10 * scale;
    int rounds = 6;
    double[] onRate = new double[rounds];
    double[] offRate = new double[rounds];
    ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
    try {
      burst(threads, on, 3, spread); // warm-up
      burst(threads, off, 3, spread);
      for (int round = 0; round < rounds; round++) {
        boolean onFirst = round % 2 == 0;
        double a = burst(threads, onFirst ? on : off, perWriter, spread);
        double b = burst(threads, onFirst ? off : on, perWriter, spread);
        onRate[round] = onFirst ? a : b;
        offRate[round] = onFirst ? b : a;
      }
    } finally {
      threads.shutdownNow();
    }
    double mOn = median(onRate);
    double mOff = median(offRate);
    line(
        spread
            ? "(2) 32 concurrent writers on 32 companies (one each), counters on vs off"
            : "(2) 32 concurrent writers on one company (the busiest), counters on vs off",
        String.format(
            Locale.ROOT,
            "median %.0f vs %.0f tickets/s over %d rounds of %d tickets; ratio %.2f× (target ≥ 0.8×)",
            mOn,
            mOff,
            rounds,
            WRITERS * perWriter,
            mOn / mOff));
  }

  /**
   * 32 writers each create {@code each} tickets at once, of company 0 or ({@code spread}) each of
   * a company of its own; tickets per second.
   */
  private static double burst(ExecutorService threads, TicketService s, int each, boolean spread)
      throws Exception {
    List<Callable<Integer>> work = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int company = spread ? w : 0;
      Actor customer = Actor.customer(Corpus.customerId(company, w % 5), Corpus.companyId(company));
      work.add(
          () -> {
            for (int i = 0; i < each; i++) {
              s.createTicket(
                  customer,
                  CreateTicket.of("Busy desk", "Many writers at once", customer.companyId()));
            }
            return each;
          });
    }
    long t0 = System.nanoTime();
    for (Future<Integer> f : threads.invokeAll(work)) {
      f.get();
    }
    return WRITERS * each / ((System.nanoTime() - t0) / 1e9);
  }

  // ------------------------------------------------------------------ (3) statistics

  private void stats(TicketService on, TicketService off, JdbcBaseline jdbc, int scale)
      throws Exception {
    for (String company : new String[] {null, Corpus.companyId(0)}) {
      TicketStats s = on.ticketStats(ADMIN, company);
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
        failures.add(
            "ticketStats(" + company + ") " + Arrays.toString(l) + " != " + Arrays.toString(b));
      }
      String what = company == null ? "all companies" : "the busiest company";
      long[][] t =
          alternate(
              READ_ITERATIONS > 0 ? 2 : 20 * scale,
              READ_ITERATIONS > 0 ? READ_ITERATIONS : 50 * scale,
              () -> on.ticketStats(ADMIN, company),
              () -> jdbc.stats(company));
      line("(3) ticketStats(" + what + "), counters vs hand-written SQL aggregate", latency(t));
      if (!options.runs("stats-off")) {
        continue;
      }
      long[][] before =
          alternate(2, 5 * scale, () -> off.ticketStats(ADMIN, company), () -> jdbc.stats(company));
      line(
          "(3) ticketStats(" + what + "), counters off (the store's aggregate) vs the same SQL",
          latency(before));
    }
  }

  /** The rows statistics over all companies sum, and the plan of that read. */
  private void allCompaniesRead(HikariDataSource pool) throws Exception {
    String read =
        "select counter_key, sum(n) from ticketing_counter where company_id = '*'"
            + " and counter_key in ('s:OPEN', 's:IN_PROGRESS', 's:WAITING_FOR_CUSTOMER',"
            + " 's:RESOLVED', 's:CLOSED', 's:CANCELLED', 's:REOPENED', 'ap:URGENT', 'ap:HIGH', 'au')"
            + " group by counter_key";
    try (Connection c = pool.getConnection();
        java.sql.Statement s = c.createStatement()) {
      try (ResultSet r =
          s.executeQuery("select count(*), count(distinct company_id) from ticketing_counter")) {
        r.next();
        long rows = r.getLong(1);
        long companies = r.getLong(2);
        try (ResultSet a =
            s.executeQuery("select count(*) from ticketing_counter where company_id = '*'")) {
          a.next();
          line(
              "(3) counter rows",
              rows
                  + " rows of "
                  + companies
                  + " company ids; the all-companies set ('*') "
                  + a.getLong(1)
                  + " rows");
        }
      }
      List<String> plan = new ArrayList<>();
      String explain =
          db.vendor() == BenchDatabase.Vendor.POSTGRESQL
              ? "explain (analyze, buffers) "
              : "analyze format=json ";
      try (ResultSet r = s.executeQuery(explain + read)) {
        while (r.next()) {
          plan.add(r.getString(1).replace('\n', ' '));
        }
      }
      line("(3) plan of the all-companies statistics read", String.join(" | ", plan));
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  // ------------------------------------------------------------------ (4) totals

  private void totals(TicketService on, JdbcBaseline jdbc, HikariDataSource pool, int scale)
      throws Exception {
    long[][] t =
        alternate(
            READ_ITERATIONS > 0 ? 2 : 20 * scale,
            READ_ITERATIONS > 0 ? READ_ITERATIONS : 50 * scale,
            () -> {
              TicketPage p =
                  on.ticketsPaginated(
                      ADMIN, PageRequest.first(20).withTotalCount(), TicketFilter.none());
              if (p.totalCountCapped()) {
                throw new IllegalStateException("the unfiltered admin total is capped");
              }
              return p;
            },
            () -> {
              jdbc.page(JdbcBaseline.Scope.ALL, 21, null, null, 0);
              try (Connection c = pool.getConnection();
                  PreparedStatement s =
                      c.prepareStatement(
                          "select count(*) from ticketing_ticket where deleted_at is null");
                  ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
              }
            });
    line(
        "(4) admin page of 20 with totalCount (from the counters) vs hand-written page + count(*)",
        latency(t));
  }

  // ------------------------------------------------------------------ harness

  /**
   * How long one measurement's warm-up and timed rounds may take: a hand-written aggregate over ten
   * million tickets takes seconds, and hundreds of them would hold the run for an hour. A
   * measurement cut short keeps the rounds it finished (at least one) and says so in the log.
   */
  private static final long WARMUP_BUDGET_NANOS = 60_000_000_000L;

  private static final long MEASUREMENT_BUDGET_NANOS = 90_000_000_000L;

  /** Warm-up, then ten rounds alternating library and baseline; nanoseconds of each call. */
  private static long[][] alternate(int warmup, int iterations, Callable<?> lib, Callable<?> base)
      throws Exception {
    long warmupEnd = System.nanoTime() + WARMUP_BUDGET_NANOS;
    for (int i = 0; i < warmup && (i == 0 || System.nanoTime() < warmupEnd); i++) {
      lib.call();
      base.call();
    }
    int rounds = Math.min(10, iterations);
    int per = Math.max(1, iterations / rounds);
    long[] a = new long[rounds * per];
    long[] b = new long[rounds * per];
    int ai = 0;
    int bi = 0;
    long end = System.nanoTime() + MEASUREMENT_BUDGET_NANOS;
    for (int round = 0; round < rounds && (round == 0 || System.nanoTime() < end); round++) {
      for (int half = 0; half < 2; half++) {
        boolean libTurn = (round + half) % 2 == 0;
        for (int k = 0; k < per; k++) {
          long t0 = System.nanoTime();
          (libTurn ? lib : base).call();
          long t = System.nanoTime() - t0;
          if (libTurn) {
            a[ai++] = t;
          } else {
            b[bi++] = t;
          }
        }
      }
    }
    if (ai < a.length) {
      LoadData.log(
          "measured within the time budget: %d of %d calls per side, %d of %d rounds",
          ai, a.length, ai / per, rounds);
    }
    return new long[][] {Arrays.copyOf(a, ai), Arrays.copyOf(b, bi)};
  }

  private static String latency(long[][] t) {
    double a = median(t[0]) / 1e6;
    double b = median(t[1]) / 1e6;
    return String.format(
        Locale.ROOT,
        "median %.2f ms vs %.2f ms (p95 %.2f vs %.2f); ratio %.2f×",
        a,
        b,
        p95(t[0]) / 1e6,
        p95(t[1]) / 1e6,
        a / b);
  }

  private static String ratio(long[][] t, String target) {
    double a = median(t[0]) / 1e6;
    double b = median(t[1]) / 1e6;
    return String.format(
        Locale.ROOT,
        "median %.2f ms vs %.2f ms per ticket; throughput ratio %.2f× (%s)",
        a,
        b,
        b / a,
        target);
  }

  private static double median(long[] x) {
    long[] s = x.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
  }

  private static double p95(long[] x) {
    long[] s = x.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.95) - 1)];
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private void line(String what, String text) {
    String l = what + ": " + text;
    LoadData.log("%s", l);
    report.add(l);
  }
}
