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
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * A minimal Spring Boot host: its own entity and repository on an in-memory H2, nothing else. Run
 * by {@code benchmarks/startup.sh} on two class paths, with and without the ticketing starter; the
 * host's code is the same on both. Prints one line when the application is ready, {@code
 * ready-ms=<JVM uptime> cpu-ms=<CPU time of all threads> main-cpu-ms=<CPU time of the main thread>
 * classes=<loaded classes> jit-cpu-ms=<CPU time of the JIT compilers> beans=<bean definitions>}, and exits. The main thread's CPU time is what the start-up waits for
 * on an idle machine, less the time it spends waiting for other threads; the other load on a
 * shared machine hardly changes it.
 *
 * <p>With {@code -Dstartup.steps=N} it also prints the N longest start-up steps Spring recorded
 * (bean instantiations, refresh phases), to see where the time goes.
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
                  + ready.getApplicationContext().getBeanDefinitionCount());
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
      StreamSupport.stream(recorder.getBufferedTimeline().getEvents().spliterator(), false)
          .sorted(Comparator.comparing(e -> e.getDuration().negated()))
          .limit(steps)
          .forEach(
              e -> {
                StringBuilder tags = new StringBuilder();
                e.getStartupStep().getTags().forEach(t -> tags.append(' ').append(t.getValue()));
                System.out.printf(
                    "%6d ms  %s%s%n",
                    e.getDuration().toMillis(), e.getStartupStep().getName(), tags);
              });
    }
    System.exit(SpringApplication.exit(context));
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
