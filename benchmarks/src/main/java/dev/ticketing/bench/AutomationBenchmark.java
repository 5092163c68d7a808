package dev.ticketing.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.Category;
import dev.ticketing.CreateTicket;
import dev.ticketing.Priority;
import dev.ticketing.Ticketing;
import dev.ticketing.automation.AutomationSettings;
import dev.ticketing.automation.Condition;
import dev.ticketing.automation.RuleAction;
import dev.ticketing.automation.RuleDefinition;
import dev.ticketing.automation.RuleEvent;
import dev.ticketing.jpa.JpaAutomationStore;
import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.jpa.JpaTransactions;
import dev.ticketing.jpa.ResourceLocalTransactions;
import dev.ticketing.jpa.TicketingPersistence;
import dev.ticketing.jpa.TicketingSchema;
import dev.ticketing.policy.Actor;
import jakarta.persistence.EntityManagerFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The cost of triggers on the write path: creating a ticket on an installation with 50 active
 * triggers against the same installation with automation off, and the hand-written JDBC insert of
 * {@link JdbcBaseline} in the same rounds. The 50 triggers all react to {@code CREATED} and are all
 * evaluated; none matches (their conditions name tags the new tickets lack), so what is measured is
 * the engine's share: the rule set read from its cache, 50 evaluations, the ticket's time-rule
 * clock written in the same transaction. Rounds alternate the three (which goes first rotates), ten
 * rounds, medians of per-round throughput.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ticketing.bench.AutomationBenchmark \
 *     [--vendor mariadb] [--database ticketing_bench_automation] [--quick]
 * </pre>
 */
public final class AutomationBenchmark {

  private static final int RULES = 50;

  private AutomationBenchmark() {}

  interface Op {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    BenchDatabase.Vendor vendor = BenchDatabase.Vendor.POSTGRESQL;
    String database = "ticketing_bench_automation";
    boolean quick = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--vendor" -> vendor = BenchDatabase.Vendor.parse(args[++i]);
        case "--database" -> database = args[++i];
        case "--quick" -> quick = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    BenchDatabase db = BenchDatabase.of(vendor, database);
    db.createIfMissing();
    int warmup = quick ? 200 : 3000;
    int perRound = quick ? 30 : 300;
    try (HikariDataSource pool = db.pool("bench-automation", 4)) {
      TicketingSchema.migrate(pool);
      EntityManagerFactory emf = TicketingPersistence.entityManagerFactory(pool);
      JpaTransactions tx = new ResourceLocalTransactions(emf);
      try (Ticketing off =
              Ticketing.builder()
                  .store(new JpaTicketStore(tx))
                  .directory(Corpus.directory())
                  .backgroundDispatch(false)
                  .backgroundSweep(false)
                  .build();
          Ticketing on =
              Ticketing.builder()
                  .store(new JpaTicketStore(tx))
                  .automationStore(new JpaAutomationStore(tx))
                  .automations(AutomationSettings.defaults())
                  .directory(Corpus.directory())
                  .backgroundDispatch(false)
                  .backgroundSweep(false)
                  .build()) {
        Actor admin = Actor.admin(Corpus.adminId(0));
        on.automations().rules(admin).forEach(r -> on.automations().delete(admin, r.id()));
        for (int i = 0; i < RULES; i++) {
          on.automations()
              .create(
                  admin,
                  RuleDefinition.trigger(
                      "bench rule " + i,
                      i,
                      Set.of(RuleEvent.CREATED, RuleEvent.UPDATED),
                      List.of(
                          new Condition.PriorityIs(Set.of(Priority.values()[i % 4])),
                          new Condition.CategoryIs(Set.of(Category.GENERAL, Category.BILLING)),
                          new Condition.HasTag("bench-" + i)),
                      List.of(
                          new RuleAction.AddTags(List.of("seen-" + i)),
                          new RuleAction.AddNote("rule {{rule.name}} saw {{ticket.id}}"))));
        }
        JdbcBaseline jdbc = new JdbcBaseline(pool, vendor);
        SplittableRandom r = new SplittableRandom(1);
        String description =
            "Since the update the export of the monthly report fails with ERR-5521. "
                + "We tried two browsers and cleared the cache. Please advise.";
        Op withRules = () -> create(on, r, description);
        Op withoutRules = () -> create(off, r, description);
        Op baseline =
            () -> {
              int company = r.nextInt(Corpus.COMPANIES);
              jdbc.createTicket(
                  Corpus.companyId(company),
                  Corpus.customerId(company, r.nextInt(5)),
                  "Cannot export the report",
                  description);
            };
        for (int i = 0; i < warmup; i++) {
          withRules.run();
          withoutRules.run();
          baseline.run();
        }
        Op[] ops = {withRules, withoutRules, baseline};
        double[][] rounds = new double[3][10];
        for (int round = 0; round < 10; round++) {
          for (int k = 0; k < 3; k++) {
            int which = (round + k) % 3;
            long start = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
              ops[which].run();
            }
            rounds[which][round] = perRound / ((System.nanoTime() - start) / 1e9);
          }
        }
        double rules = median(rounds[0]);
        double none = median(rounds[1]);
        double sql = median(rounds[2]);
        System.out.printf(
            Locale.ROOT,
            "%s, %d rounds of %d creates each:%n"
                + "| create ticket | %d active triggers | automation off | hand-written JDBC |"
                + " ratio rules/off | target |%n"
                + "| median throughput | %,.0f/s | %,.0f/s | %,.0f/s | %.2f | >= 0.8 |%n"
                + "| ratio to JDBC | %.2f | %.2f | 1 | | |%n",
            vendor,
            10,
            perRound,
            RULES,
            rules,
            none,
            sql,
            rules / none,
            rules / sql,
            none / sql);
      } finally {
        emf.close();
      }
    }
  }

  private static void create(Ticketing t, SplittableRandom r, String description) {
    int company = r.nextInt(Corpus.COMPANIES);
    Actor customer =
        Actor.customer(Corpus.customerId(company, r.nextInt(5)), Corpus.companyId(company));
    t.service()
        .createTicket(
            customer,
            CreateTicket.of("Cannot export the report", description, customer.companyId()));
  }

  private static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    return (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
