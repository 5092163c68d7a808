package dev.ticketing.examples.desk;

import static dev.ticketing.examples.desk.DeskClient.json;
import static dev.ticketing.examples.desk.DeskClient.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged desk runs as {@code java -jar}: started on a free port with nothing configured, it
 * answers over HTTP. Run by failsafe after {@code package}, with the jar's path in {@code desk.jar}.
 */
class ExecutableJarIT {
  private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

  @Test
  void startsWithJavaJarAndAnswers() throws Exception {
    Path jar =
        Path.of(
            System.getProperty(
                "desk.jar", "target/ticketing-example-support-desk-0.1.0-SNAPSHOT.jar"));
    assertThat(jar).as("the packaged jar").isRegularFile();
    Path log = Files.createTempFile("support-desk-jar", ".log");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process desk =
        new ProcessBuilder(
                List.of(
                    java,
                    "-jar",
                    jar.toString(),
                    "--server.port=0",
                    "--spring.datasource.url=jdbc:h2:mem:desk-jar;DB_CLOSE_DELAY=-1"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      int port = awaitPort(desk, log, Duration.ofMinutes(4));
      DeskClient client = new DeskClient(port);
      HttpResponse<String> anonymous = client.get("/graphiql", null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(read(anonymous.body()).path("code").asString()).isEqualTo("UNAUTHENTICATED");
      HttpResponse<String> mine =
          client.post(
              "/graphql",
              SupportDeskSuite.JOHN,
              Map.of(),
              json(Map.of("query", "{ myTickets { id } }")));
      assertThat(mine.statusCode()).isEqualTo(200);
      assertThat(read(mine.body()).path("data").path("myTickets").isArray()).isTrue();
    } finally {
      desk.descendants().forEach(ProcessHandle::destroy);
      desk.destroy();
      if (!desk.waitFor(30, TimeUnit.SECONDS)) {
        desk.destroyForcibly();
      }
    }
  }

  private static int awaitPort(Process desk, Path log, Duration within)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      String out = Files.readString(log, StandardCharsets.UTF_8);
      Matcher started = STARTED.matcher(out);
      if (started.find()) {
        return Integer.parseInt(started.group(1));
      }
      if (!desk.isAlive()) {
        throw new AssertionError("java -jar exited with " + desk.exitValue() + ":\n" + out);
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "java -jar did not start within " + within + ":\n" + Files.readString(log));
  }
}
