package dev.ticketing.bench.startup;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.lang.management.ManagementFactory;
import java.util.Comparator;
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
 * classes=<loaded classes>}, and exits. The main thread's CPU time is what the start-up waits for
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
                  + classes);
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
