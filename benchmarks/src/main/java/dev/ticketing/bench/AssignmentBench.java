package dev.ticketing.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.AssignTicket;
import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.Ticketing;
import dev.ticketing.assignment.AgentProfile;
import dev.ticketing.assignment.AgentSettings;
import dev.ticketing.assignment.AssignmentOutcome;
import dev.ticketing.assignment.AssignmentStrategy;
import dev.ticketing.assignment.AutoAssign;
import dev.ticketing.jpa.JpaAssignmentStore;
import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.jpa.JpaTransactions;
import dev.ticketing.jpa.ResourceLocalTransactions;
import dev.ticketing.jpa.TicketingPersistence;
import dev.ticketing.jpa.TicketingSchema;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.TicketRecord;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The cost of an automatic assignment on PostgreSQL (or MariaDB) at a realistic desk of {@value
 * #AGENTS} agents: each strategy's {@code autoAssign} beside the library's plain manual {@code
 * assignTicket} (the same write without the decision) and beside a round-robin assignment written
 * by hand in SQL ({@link AssignmentSqlBaseline}), interleaved round by round so that drift of the
 * shared machine hits all alike. One thread: the figure is the latency of one assignment.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.ticketing.bench.AssignmentBench
 * [--vendor postgresql|mariadb] [--database NAME] [--rounds N]}
 */
public final class AssignmentBench {

  static final int AGENTS = 200;
  private static final int PER_ROUND = 20;
  private static final int WARMUP = 100;
  private static final Actor ADMIN = Actor.admin("bench-admin");
  private static final List<String> CATEGORIES =
      List.of("TECHNICAL", "BILLING", "ACCOUNT", "FEATURE_REQUEST", "BUG_REPORT", "GENERAL");
  private static final List<String> LANGUAGES = List.of("de", "en", "fr");

  private AssignmentBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    BenchDatabase db =
        BenchDatabase.of(
            BenchDatabase.Vendor.parse(opts.getOrDefault("vendor", "postgresql")),
            opts.getOrDefault("database", "ticketing_bench_assignment"));
    int rounds = Integer.parseInt(opts.getOrDefault("rounds", "15"));
    db.createIfMissing();
    try (HikariDataSource ds = db.pool("assignment-bench", 4)) {
      TicketingSchema.migrate(ds);
      empty(ds);
      EntityManagerFactory factory = TicketingPersistence.entityManagerFactory(ds);
      JpaTransactions tx = new ResourceLocalTransactions(factory);
      InMemoryDirectory.Builder people =
          InMemoryDirectory.builder()
              .company("acme", "Acme", "desk@acme.test")
              .admin(ADMIN.id())
              .user("bench-customer", "Casey", "Customer", "c@acme.test", Role.CUSTOMER);
      for (int i = 0; i < AGENTS; i++) {
        people.user(agent(i), "Agent", "" + i, agent(i) + "@desk.test", Role.AGENT);
      }
      try (Ticketing t =
          Ticketing.builder()
              .store(new JpaTicketStore(tx))
              .assignmentStore(new JpaAssignmentStore(tx))
              .directory(people.build())
              .backgroundDispatch(false)
              .backgroundSweep(false)
              .build()) {
        for (int i = 0; i < AGENTS; i++) {
          // Each agent: two categories, one language; capacity far above what the run assigns.
          t.assignment()
              .saveAgent(
                  ADMIN,
                  AgentSettings.of(
                      agent(i),
                      AgentProfile.MAX_CAPACITY,
                      "category:" + CATEGORIES.get(i % 6).toLowerCase(Locale.ROOT),
                      "category:" + CATEGORIES.get((i + 1) % 6).toLowerCase(Locale.ROOT),
                      "lang:" + LANGUAGES.get((i / 6) % 3)));
        }
        int needed = (WARMUP + rounds * PER_ROUND) * 5;
        Deque<String> tickets = new ArrayDeque<>(insertTickets(t, needed));
        AssignmentSqlBaseline sql = new AssignmentSqlBaseline(ds);
        int[] manualTurn = {0};
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put(
            "manual assignTicket",
            id -> {
              t.service()
                  .assignTicket(ADMIN, new AssignTicket(id, agent(manualTurn[0]++ % AGENTS)));
            });
        for (String strategy :
            List.of(
                AssignmentStrategy.ROUND_ROBIN,
                AssignmentStrategy.LEAST_LOADED,
                AssignmentStrategy.SKILLS)) {
          ops.put(
              "autoAssign " + strategy,
              id -> {
                AssignmentOutcome o =
                    t.assignment()
                        .autoAssign(
                            ADMIN,
                            new AutoAssign(
                                id,
                                strategy,
                                strategy.equals(AssignmentStrategy.SKILLS)
                                    ? List.of("lang:" + LANGUAGES.get(id.charAt(0) % 3))
                                    : null));
                if (!o.assigned()) {
                  throw new IllegalStateException(strategy + " assigned nothing: " + o.result());
                }
              });
        }
        ops.put("hand-written SQL round robin", id -> sql.assign(id, ADMIN.id()));

        for (Map.Entry<String, Op> op : ops.entrySet()) {
          for (int i = 0; i < WARMUP; i++) {
            op.getValue().run(tickets.pop());
          }
        }
        Map<String, long[]> nanos = new LinkedHashMap<>();
        ops.keySet().forEach(k -> nanos.put(k, new long[rounds * PER_ROUND]));
        List<String> order = new ArrayList<>(ops.keySet());
        for (int r = 0; r < rounds; r++) {
          java.util.Collections.rotate(order, 1);
          for (String name : order) {
            Op op = ops.get(name);
            for (int i = 0; i < PER_ROUND; i++) {
              String id = tickets.pop();
              long start = System.nanoTime();
              op.run(id);
              nanos.get(name)[r * PER_ROUND + i] = System.nanoTime() - start;
            }
          }
        }
        double manual = median(nanos.get("manual assignTicket"));
        double handWritten = median(nanos.get("hand-written SQL round robin"));
        System.out.printf(
            Locale.ROOT,
            "%n%s, %d agents, %d rounds of %d calls each, one thread%n%n",
            db.describe(),
            AGENTS,
            rounds,
            PER_ROUND);
        System.out.println(
            "| operation | median ms | p95 ms | vs manual assignTicket | vs hand-written SQL |");
        System.out.println("|---|---:|---:|---:|---:|");
        nanos.forEach(
            (name, a) ->
                System.out.printf(
                    Locale.ROOT,
                    "| %s | %.2f | %.2f | %.2f | %.2f |%n",
                    name,
                    median(a) / 1e6,
                    p95(a) / 1e6,
                    median(a) / manual,
                    median(a) / handWritten));
      } finally {
        factory.close();
      }
    }
  }

  @FunctionalInterface
  interface Op {
    void run(String ticketId) throws Exception;
  }

  static String agent(int i) {
    return String.format(Locale.ROOT, "agent-%03d", i);
  }

  private static void empty(HikariDataSource ds) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String table : TicketingSchema.TABLES) {
        s.executeUpdate("delete from " + table);
      }
    }
  }

  private static List<String> insertTickets(Ticketing t, int count) {
    List<String> ids = new ArrayList<>();
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    while (ids.size() < count) {
      int to = Math.min(count, ids.size() + 1000);
      t.store()
          .inTransaction(
              () -> {
                for (int i = ids.size(); i < to; i++) {
                  String id = UUID.randomUUID().toString();
                  t.store()
                      .insertTicket(
                          new TicketRecord(
                              id,
                              "acme",
                              "bench-customer",
                              "Ticket " + i,
                              "Help",
                              Status.OPEN,
                              Priority.MEDIUM,
                              Category.of(CATEGORIES.get(i % 6)),
                              null,
                              now,
                              now,
                              null,
                              null,
                              null,
                              null,
                              null,
                              0));
                  ids.add(id);
                }
                return null;
              });
    }
    return ids;
  }

  private static double median(long[] a) {
    long[] s = a.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
  }

  private static double p95(long[] a) {
    long[] s = a.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.95) - 1)];
  }
}
