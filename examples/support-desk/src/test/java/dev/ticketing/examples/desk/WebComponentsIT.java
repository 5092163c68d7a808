package dev.ticketing.examples.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web components in headless Chromium against the desk on its embedded defaults (H2, S3Proxy):
 * the script {@code ticketing-web/e2e/desk-e2e.mjs} (Playwright with the machine's chromium) signs
 * in as a customer and an agent in two browsers, and walks the whole conversation: a ticket raised
 * with an attachment appears live in the inbox, the agent replies and adds an internal note, the
 * customer sees the reply and never the note, reopens, the agent resolves, the customer rates; a
 * customer of another company neither lists nor opens the ticket; axe-core finds no serious
 * violation on any screen. It writes the screenshots of docs/ui.md and logs the inbox's first
 * paint with a hundred more tickets.
 *
 * <p>The browser is Debian's {@code chromium} ({@code .ci/run} installs it); without it the test
 * fails, it never skips.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:desk-web-components;DB_CLOSE_DELAY=-1",
      "desk.limits.login.bcrypt-strength=4",
      "desk.limits.writes.capacity=100000"
    })
class WebComponentsIT {
  private static final long TIMEOUT_MINUTES = 6;

  @LocalServerPort int port;

  @Test
  @DisplayName(
      "customer and agent through the web components: live inbox, reply and note, reopen, resolve, rating, tenant isolation, no serious accessibility violation")
  void conversationThroughTheBrowser() throws Exception {
    Path web = repository().resolve("ticketing-web");
    Path script = web.resolve("e2e/desk-e2e.mjs");
    assertThat(web.resolve("node_modules/playwright-core"))
        .as("ticketing-web's npm dependencies (its Maven build runs npm ci)")
        .isDirectory();
    Path chromium = Path.of(System.getProperty("ticketing.chromium", "/usr/bin/chromium"));
    assertThat(chromium).as("Debian's chromium (.ci/run installs it)").isExecutable();

    ProcessBuilder builder =
        new ProcessBuilder(System.getProperty("ticketing.node", "node"), script.toString())
            .directory(web.toFile())
            .redirectErrorStream(true);
    builder.environment().put("DESK_URL", "http://localhost:" + port);
    builder.environment().put("CHROMIUM", chromium.toString());
    builder.environment().put("SCREENSHOTS", repository().resolve("docs/ui").toString());
    builder
        .environment()
        .put("METRICS_FILE", Path.of("target/web-e2e-metrics.json").toAbsolutePath().toString());
    Process node = builder.start();
    List<String> output = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  System.out.println(line); // the run's own log, in the test report
                  synchronized (output) {
                    output.add(line);
                  }
                }
              } catch (IOException e) {
                // The process ended; what was read is kept.
              }
            },
            "e2e-output");
    reader.start();
    boolean ended = node.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
    if (!ended) {
      node.destroyForcibly();
    }
    reader.join(10_000);
    String log;
    synchronized (output) {
      log = String.join("\n", output);
    }
    assertThat(ended)
        .as("the browser run ended within %d minutes:%n%s", TIMEOUT_MINUTES, log)
        .isTrue();
    assertThat(node.exitValue()).as("the browser run's exit status:%n%s", log).isZero();
    assertThat(log).contains("all expectations met");
  }

  /** The repository root: two levels above the desk module, where Maven runs the tests. */
  private static Path repository() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("ticketing-web"))
          && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IOException("no ticketing-web directory above " + dir);
  }
}
