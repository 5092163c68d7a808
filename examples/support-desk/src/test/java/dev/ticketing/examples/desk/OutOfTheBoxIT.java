package dev.ticketing.examples.desk;

import static dev.ticketing.examples.desk.DeskClient.json;
import static dev.ticketing.examples.desk.DeskClient.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.util.unit.DataSize;

/**
 * The desk exactly as the README starts it: nothing configured but a database of its own. No
 * webhook secret, so the webhook is switched off; the login at its production cost; GraphiQL and
 * its scripts from the application under its Content-Security-Policy; the documented limits.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.url=jdbc:h2:mem:desk-out-of-the-box;DB_CLOSE_DELAY=-1")
@ExtendWith(OutputCaptureExtension.class)
class OutOfTheBoxIT {
  static final String ADD_NOTE = "/api/communication/support/add-note";

  @LocalServerPort int port;
  @Autowired UserDetailsService users;
  @Autowired DeskLimits limits;
  DeskClient desk;

  @BeforeEach
  void client() {
    desk = new DeskClient(port);
  }

  @Test
  @DisplayName(
      "no default webhook secret: every call is 503 NOT_CONFIGURED, before the body is read, and the log says why")
  void webhookIsOffUntilConfigured(CapturedOutput output) throws Exception {
    for (String guess : List.of("demo-hasura-secret", "")) {
      HttpResponse<String> response =
          desk.post(
              ADD_NOTE,
              null,
              guess.isEmpty() ? Map.of() : Map.of("X-Hasura-Webhook-Secret", guess),
              "{\"event\":");
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(read(response.body()).path("code").asString()).isEqualTo("NOT_CONFIGURED");
    }
    RawHttp.Answer big =
        RawHttp.announceAndSendPart(
            port,
            ADD_NOTE,
            Map.of("X-Hasura-Webhook-Secret", "demo-hasura-secret"),
            20L * 1024 * 1024,
            64 * 1024,
            10_000);
    assertThat(big.status()).isEqualTo(503);
    assertThat(output.getOut()).contains("desk.hasura.webhook-secret is not set");
  }

  @Test
  @DisplayName(
      "GraphiQL and every script and style it loads come from the desk, under the Content-Security-Policy")
  void graphiqlIsSelfHosted() {
    HttpResponse<String> page = desk.get("/graphiql", SupportDeskSuite.JOHN);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            csp ->
                assertThat(csp)
                    .contains("script-src 'self'")
                    .contains("style-src 'self'")
                    .contains("connect-src 'self'")
                    .contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline")
                    .doesNotContain("unsafe-eval"));
    String html = page.body();
    assertThat(html).doesNotContainIgnoringCase("<script>").doesNotContainIgnoringCase("style=");
    Matcher assets = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
    Set<String> loaded = new HashSet<>();
    while (assets.find()) {
      String url = assets.group(1);
      assertThat(url).as("loaded from the desk itself").startsWith("/").doesNotStartWith("//");
      HttpResponse<String> asset = desk.get(url, null);
      assertThat(asset.statusCode()).as("GET %s", url).isEqualTo(200);
      assertThat(asset.headers().firstValue("Content-Type"))
          .as("type of %s", url)
          .hasValueSatisfying(
              t ->
                  assertThat(t)
                      .matches(
                          url.endsWith(".css") ? "text/css.*" : "(text|application)/javascript.*"));
      assertThat(asset.body()).as("body of %s", url).isNotBlank();
      loaded.add(url.substring(url.lastIndexOf('/') + 1));
    }
    assertThat(loaded)
        .contains(
            "graphiql.min.js",
            "react.production.min.js",
            "react-dom.production.min.js",
            "graphiql.min.css",
            "graphiql-page.js");
    // The page's own script sends the CSRF token; asking for the page set its cookie.
    assertThat(desk.get("/graphiql-assets/graphiql-page.js", null).body()).contains("X-XSRF-TOKEN");
    assertThat(page.headers().allValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).startsWith("XSRF-TOKEN="));
    assertThat(desk.get("/graphiql", null).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("passwords are hashed with bcrypt at cost 10, each with a salt of its own")
  void productionPasswordCost() {
    Set<String> salts = new HashSet<>();
    for (DemoPeople.Person p : DemoPeople.PEOPLE) {
      String hash = users.loadUserByUsername(p.login()).getPassword();
      assertThat(hash).startsWith("$2a$10$");
      salts.add(hash.substring(7, 29));
    }
    assertThat(salts).hasSize(DemoPeople.PEOPLE.size());
  }

  @Test
  @DisplayName("the documented defaults are the ones in force")
  void documentedDefaults() {
    assertThat(limits.http().maxRequestSize()).isEqualTo(DataSize.ofKilobytes(256));
    DeskLimits.GraphQl graphql = limits.graphql();
    assertThat(
            List.of(
                graphql.maxCharacters(),
                graphql.maxTokens(),
                graphql.maxDepth(),
                graphql.maxFields(),
                graphql.maxAliases(),
                graphql.maxCost(),
                graphql.listFactor(),
                graphql.maxMutations()))
        .containsExactly(20_000, 5_000, 10, 500, 20, 2_500, 10, 5);
    assertThat(graphql.timeout()).hasSeconds(10);
    assertThat(limits.writes().capacity()).isEqualTo(60);
    assertThat(limits.writes().period()).hasMinutes(1);
    assertThat(limits.login().accountFailures()).isEqualTo(10);
    assertThat(limits.login().accountPeriod()).hasMinutes(15);
    assertThat(limits.login().addressFailures()).isEqualTo(50);
    assertThat(limits.login().addressPeriod()).hasMinutes(15);
    assertThat(limits.login().bcryptStrength()).isEqualTo(10);
  }

  @Test
  @DisplayName(
      "the README's curl calls work as they are: no CSRF token for a client that is not a browser")
  void readmeCalls() {
    HttpResponse<String> created =
        desk.post(
            "/graphql",
            SupportDeskSuite.JOHN,
            Map.of(),
            json(
                Map.of(
                    "query",
                    "mutation { createTicket(createTicketInput: { title: \"Printer on fire\", description: \"Really\" }) { id status } }")));
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(read(created.body()).path("data").path("createTicket").path("status").asString())
        .isEqualTo("OPEN");
  }

  @Test
  @DisplayName(
      "people sign in on a form and land on the inbox or the portal; the API keeps HTTP Basic and makes no session")
  void signInPagesAndBasicApi() {
    HttpResponse<String> anonymous = desk.get("/", null);
    assertThat(anonymous.uri().getPath()).isEqualTo("/login");
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(anonymous.body()).contains("name=\"username\"").contains("name=\"_csrf\"");
    assertThat(anonymous.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).doesNotContain("unsafe-inline"));

    HttpResponse<String> agent = desk.get("/", "admin@support.com");
    assertThat(agent.statusCode()).isEqualTo(200);
    assertThat(agent.body())
        .contains("<ticketing-inbox>")
        .contains("/webjars/ticketing-web/ticketing-web.js")
        .doesNotContainIgnoringCase("<script>");
    assertThat(desk.get("/webjars/ticketing-web/ticketing-web.js", null).statusCode())
        .isEqualTo(200);

    HttpResponse<String> customer = desk.get("/", SupportDeskSuite.JOHN);
    assertThat(customer.uri().getPath()).isEqualTo("/portal");
    assertThat(customer.body()).contains("<ticketing-portal>");

    // API clients: 401 with the Basic challenge, never a redirect to the form; no session cookie.
    HttpResponse<String> api =
        desk.post("/graphql", null, Map.of(), json(Map.of("query", "{ deskViewer { id } }")));
    assertThat(api.statusCode()).isEqualTo(401);
    HttpResponse<String> viewer =
        desk.post(
            "/graphql",
            SupportDeskSuite.JOHN,
            Map.of(),
            json(Map.of("query", "{ deskViewer { id staff companyId } }")));
    assertThat(read(viewer.body()).path("data").path("deskViewer").path("companyId").asString())
        .isEqualTo("acme");
    assertThat(viewer.headers().allValues("Set-Cookie"))
        .noneSatisfy(c -> assertThat(c).startsWith("JSESSIONID"));
  }
}
