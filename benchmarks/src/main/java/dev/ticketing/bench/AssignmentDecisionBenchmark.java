package dev.ticketing.bench;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.assignment.AgentProfile;
import dev.ticketing.assignment.AgentState;
import dev.ticketing.assignment.AssignmentRequest;
import dev.ticketing.assignment.AssignmentStrategy;
import dev.ticketing.assignment.Availability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The pure-CPU part of an automatic assignment: a strategy ranking the agents who can take one more
 * ticket, at a desk of {@code agents} agents with random loads, turns and skills (fixed seed). The
 * store's read and claim are measured on a database by {@link AssignmentBench}.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar AssignmentDecisionBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AssignmentDecisionBenchmark {

  @Param({"200"})
  int agents;

  AssignmentRequest request;
  AssignmentStrategy roundRobin;
  AssignmentStrategy leastLoaded;
  AssignmentStrategy skills;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    String[] categories = {"technical", "billing", "account", "general"};
    String[] languages = {"de", "en", "fr"};
    List<AgentState> candidates = new ArrayList<>();
    Instant base = Instant.parse("2026-05-04T10:00:00Z");
    for (int i = 0; i < agents; i++) {
      AgentProfile profile =
          new AgentProfile(
              String.format(Locale.ROOT, "agent-%03d", i),
              Set.of(
                  "category:" + categories[i % 4],
                  "category:" + categories[(i + 1) % 4],
                  "lang:" + languages[i % 3],
                  "tag:vip-" + random.nextInt(5)),
              20,
              Availability.AVAILABLE);
      candidates.add(
          new AgentState(
              profile,
              random.nextInt(20),
              random.nextInt(10) == 0 ? null : base.plusMillis(random.nextInt(3_600_000))));
    }
    request =
        new AssignmentRequest(
            "ticket-1",
            "acme",
            Priority.HIGH,
            Category.of("BILLING"),
            List.of("vip-1"),
            Set.of("category:billing", "tag:vip-1", "lang:de"),
            candidates);
    roundRobin = AssignmentStrategy.roundRobin();
    leastLoaded = AssignmentStrategy.leastLoaded();
    skills = AssignmentStrategy.skills();
  }

  @Benchmark
  public List<String> roundRobin() {
    return roundRobin.rank(request);
  }

  @Benchmark
  public List<String> leastLoaded() {
    return leastLoaded.rank(request);
  }

  @Benchmark
  public List<String> skills() {
    return skills.rank(request);
  }
}
