package dev.ticketing.bench.startup;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * A minimal Spring Boot host: its own entity and repository on H2 (or the data source given as
 * {@code --spring.datasource.url}), nothing else. Run by {@code benchmarks/startup.sh} on three
 * class paths, without ticketing and with either starter; the host's code is the same on all. Prints one line when the application is ready, {@code
 * ready-ms=<JVM uptime> cpu-ms=<CPU time of all threads> main-cpu-ms=<CPU time of the main thread>
 * classes=<loaded classes> jit-cpu-ms=<CPU time of the JIT compilers> beans=<bean definitions>
 * main-runnable-ms=<time the main thread waited for a core>}, and exits. The main thread's CPU time is what the start-up waits for
 * on an idle machine, less the time it spends waiting for other threads; the other load on a
 * shared machine hardly changes it.
 *
 * <p>With {@code -Dstartup.steps=N} it also prints the N start-up steps Spring recorded (bean
 * instantiations, refresh phases) with the most time of their own, to see where the time goes; with
 * {@code -Dstartup.windows=true} each line starts with the step's start (epoch milliseconds) and
 * duration, to match it with a flight recording's samples.
 */
@SpringBootApplication
public class StartupHost {

  /**
   * Starts the host, reports and stops.
   *
   * @param args passed to Spring Boot
   */
  public static void main(String[] args) {
    int steps = Integer.getInteger("startup.steps", 0);
    SpringApplication application = new SpringApplication(StartupHost.class);
    BufferingApplicationStartup recorder = new BufferingApplicationStartup(100_000);
    if (steps > 0) {
      application.setApplicationStartup(recorder);
    }
    application.addListeners(
        (ApplicationReadyEvent ready) -> {
          long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
          int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
          long cpu =
              ((com.sun.management.OperatingSystemMXBean)
                          ManagementFactory.getOperatingSystemMXBean())
                      .getProcessCpuTime()
                  / 1_000_000;
          // The listener runs on the thread that started the application.
          long mainCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
          System.out.println(
              "ready-ms="
                  + uptime
                  + " cpu-ms="
                  + cpu
                  + " main-cpu-ms="
                  + mainCpu
                  + " classes="
                  + classes
                  + " jit-cpu-ms="
                  + threadCpu().entrySet().stream()
                      .filter(e -> e.getKey().startsWith("C1 ") || e.getKey().startsWith("C2 "))
                      .mapToLong(Map.Entry::getValue)
                      .sum()
                  + " beans="
                  + ready.getApplicationContext().getBeanDefinitionCount()
                  + " main-runnable-ms="
                  + mainRunQueueMillis());
          if (Boolean.getBoolean("startup.threads")) {
            threadCpu()
                .forEach((name, ms) -> System.out.printf("thread-cpu-ms %-24s %6d%n", name, ms));
          }
          if (Boolean.getBoolean("startup.beans")) {
            for (String name : ready.getApplicationContext().getBeanDefinitionNames()) {
              System.out.println("bean " + name);
            }
          }
        });
    ConfigurableApplicationContext context = application.run(args);
    if (steps > 0) {
      printLongestSteps(recorder.getBufferedTimeline().getEvents(), steps);
    }
    System.exit(SpringApplication.exit(context));
  }

  /**
   * Prints the longest start-up steps, each with its own time (less the steps inside it: a bean's
   * instantiation includes that of the beans it needs) and its whole time.
   */
  private static void printLongestSteps(List<StartupTimeline.TimelineEvent> events, int steps) {
    Map<Long, Duration> inner = new HashMap<>();
    for (StartupTimeline.TimelineEvent e : events) {
      Long parent = e.getStartupStep().getParentId();
      if (parent != null) {
        inner.merge(parent, e.getDuration(), Duration::plus);
      }
    }
    System.out.println("  self  whole  step");
    events.stream()
        .sorted(
            Comparator.comparing(
                    (StartupTimeline.TimelineEvent e) ->
                        e.getDuration()
                            .minus(inner.getOrDefault(e.getStartupStep().getId(), Duration.ZERO)))
                .reversed())
        .limit(steps)
        .forEach(
            e -> {
              StringBuilder tags = new StringBuilder();
              e.getStartupStep().getTags().forEach(t -> tags.append(' ').append(t.getValue()));
              Duration self =
                  e.getDuration()
                      .minus(inner.getOrDefault(e.getStartupStep().getId(), Duration.ZERO));
              if (Boolean.getBoolean("startup.windows")) {
                System.out.printf(
                    "window %d %d ", e.getStartTime().toEpochMilli(), e.getDuration().toMillis());
              }
              System.out.printf(
                  "%6d %6d  %s%s%n",
                  self.toMillis(), e.getDuration().toMillis(), e.getStartupStep().getName(), tags);
            });
  }

  /**
   * The CPU time in milliseconds each kind of the JVM's threads used so far, the JIT compilers and
   * the garbage collector included (they are no Java threads), from Linux's per-thread accounting;
   * threads that differ only in a trailing number are summed. Empty where Linux's accounting is not
   * there.
   */
  private static Map<String, Long> threadCpu() {
    Map<String, Long> byName = new TreeMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+$", "#");
        String stat = Files.readString(task.resolve("stat"));
        // The name in brackets may hold spaces; the fields after it are separated by one each.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        byName.merge(name, ticks * 10, Long::sum);
      }
    } catch (IOException e) {
      return Map.of();
    }
    return byName;
  }

  /**
   * How long the current thread was ready to run but waited for a core so far, in milliseconds,
   * from Linux's scheduler statistics (the second field of {@code /proc/thread-self/schedstat});
   * -1 where they are not there. Tells a start-up that waits for the machine from one that waits
   * for another thread: the main thread's time to ready is its CPU time, plus this, plus the time
   * it was blocked.
   */
  private static long mainRunQueueMillis() {
    try {
      String[] fields = Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split(" ");
      return Long.parseLong(fields[1]) / 1_000_000;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The host's own entity, so that the host builds an entity manager factory of its own. */
  @Entity
  @Table(name = "host_note")
  public static class HostNote {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    String body;
  }

  /** The host's own repository. */
  public interface HostNotes extends JpaRepository<HostNote, Long> {}
}
