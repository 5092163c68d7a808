package com.example.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample host over real HTTP: users sign in with their e-mail address, tickets are stored under
 * the host's own user ids, another tenant's ticket is a 404 problem detail, a customer-side ADMIN
 * is no support admin, bad input is a 400 naming the field. Run on PostgreSQL and on MariaDB.
 */
@SpringBootTest(
    classes = HostApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class HostApplicationIT {
  static final String DATABASE = "ticketing_spring_host";
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final java.util.Map<HostDatabase, String> URLS =
      new java.util.EnumMap<>(HostDatabase.class);

  @LocalServerPort int port;

  abstract HostDatabase database();

  String url() {
    return URLS.get(database());
  }

  static void register(HostDatabase db, DynamicPropertyRegistry registry) {
    String url = db.fresh(DATABASE);
    URLS.put(db, url);
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", db::user);
    registry.add("spring.datasource.password", db::password);
  }

  record Answer(int status, String contentType, JsonNode body) {}

  Answer call(String login, String method, String path, String json) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((login + ":demo").getBytes(StandardCharsets.UTF_8)))
            .header("Accept", "application/json, application/problem+json");
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String body = response.body();
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body));
  }

  Answer newTicket(String login, String title) throws Exception {
    return call(
        login,
        "POST",
        "/api/tickets",
        JSON.writeValueAsString(
            java.util.Map.of("title", title, "description", "The calendar shows nothing")));
  }

  @Test
  void aCustomerSignedInByEmailOwnsTicketsUnderTheHostsUserId() throws Exception {
    Answer created = newTicket("john@acme.com", "Cannot book");
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.body().path("user").path("id").asString()).isEqualTo("1");
    assertThat(created.body().path("company").path("id").asString()).isEqualTo("acme");
    String id = created.body().path("id").asString();
    assertThat(
            database()
                .column(url(), "select created_by from ticketing_ticket where id = '" + id + "'"))
        .containsExactly("1");

    Answer mine = call("john@acme.com", "GET", "/api/tickets/mine", null);
    assertThat(mine.status()).isEqualTo(200);
    assertThat(mine.body().findValuesAsString("id")).contains(id);
  }

  @Test
  void staffRepliesAreCreditedToTheHostsUserId() throws Exception {
    String id = newTicket("john@acme.com", "Reply please").body().path("id").asString();
    // The support lead (an admin: agents see only the tickets assigned to them).
    Answer reply =
        call(
            "lead@support.example",
            "POST",
            "/api/tickets/" + id + "/comments",
            "{\"content\": \"Looking into it\", \"internal\": false}");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("user").path("id").asString()).isEqualTo("5");
    assertThat(database().column(url(), "select author_id from ticketing_comment"))
        .contains("5")
        .doesNotContain("lead@support.example");
  }

  @Test
  void anotherTenantsTicketIsANotFoundProblemDetail() throws Exception {
    String id = newTicket("john@acme.com", "Private").body().path("id").asString();
    Answer other = call("jane@globex.com", "GET", "/api/tickets/" + id, null);
    assertThat(other.status()).isEqualTo(404);
    assertThat(other.contentType()).startsWith("application/problem+json");
    assertThat(other.body().path("code").asString()).isEqualTo("NOT_FOUND");
    assertThat(other.body().path("retryable").asBoolean()).isFalse();
    assertThat(other.body().path("title").asString()).isEqualTo("NOT_FOUND");
  }

  @Test
  void aCustomerSideAdminIsNoSupportAdmin() throws Exception {
    newTicket("jane@globex.com", "Globex only");
    Answer boss = call("boss@acme.com", "GET", "/api/tickets/mine", null);
    assertThat(boss.status()).isEqualTo(403);
  }

  @Test
  void badInputIsAProblemDetailNamingTheField() throws Exception {
    Answer bad = newTicket("john@acme.com", " ");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.contentType()).startsWith("application/problem+json");
    assertThat(bad.body().path("code").asString()).isEqualTo("VALIDATION");
    assertThat(bad.body().path("violations").findValuesAsString("field")).contains("title");
  }

  @Test
  void theHostsMigrationsAndTheTicketingMigrationsLiveSideBySide() {
    assertThat(database().tables(url()))
        .contains(
            "app_user",
            "flyway_schema_history",
            "ticketing_schema_history",
            "ticketing_ticket",
            "ticketing_comment");
  }
}
