package dev.ticketing.examples.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client of the running desk, as a customer's front end would be: HTTP Basic, JSON
 * over {@code POST /graphql}, the REST endpoints, and the pre-signed URLs of the attachments.
 */
final class DeskClient {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();
  private final URI base;

  DeskClient(int port) {
    this.base = URI.create("http://localhost:" + port);
  }

  // ---- GraphQL

  /** The whole GraphQL response of {@code document} sent by {@code login}. */
  JsonNode graphql(String login, String document) {
    HttpResponse<String> response =
        post("/graphql", login, Map.of(), json(Map.of("query", document)));
    assertThat(response.statusCode()).as("HTTP status of %s", document).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** The {@code data} of a response that must have no errors. */
  JsonNode data(String login, String document) {
    JsonNode response = graphql(login, document);
    assertThat(response.path("errors").isMissingNode() || response.path("errors").isEmpty())
        .as("errors of %s as %s: %s", document, login, response.path("errors"))
        .isTrue();
    return response.path("data");
  }

  /** The single error of a response that must fail. */
  JsonNode error(String login, String document) {
    JsonNode errors = graphql(login, document).path("errors");
    assertThat(errors.size()).as("errors of %s as %s: %s", document, login, errors).isEqualTo(1);
    return errors.get(0);
  }

  /** The {@code extensions.code} of the single error of a response that must fail. */
  String errorCode(String login, String document) {
    return error(login, document).path("extensions").path("code").asString();
  }

  /** One of the GraphQL ticket module's documents, verbatim but for its placeholders. */
  static String moduleDocument(String file, Map<String, String> placeholders) {
    try (InputStream in = DeskClient.class.getResourceAsStream("/graphql-module/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no document of the GraphQL ticket module named " + file);
      }
      String document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (Map.Entry<String, String> p : placeholders.entrySet()) {
        String placeholder = "\"" + p.getKey() + "\"";
        assertThat(document).as("placeholder %s in %s", placeholder, file).contains(placeholder);
        document = document.replace(placeholder, "\"" + p.getValue() + "\"");
      }
      return document;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- HTTP

  HttpResponse<String> post(
      String path, @Nullable String login, Map<String, String> headers, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (login != null) {
      request.header("Authorization", basic(login));
    }
    headers.forEach(request::header);
    return send(request.build());
  }

  HttpResponse<String> get(String path, @Nullable String login) {
    return get(path, login, Map.of());
  }

  HttpResponse<String> get(String path, @Nullable String login, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
    if (login != null) {
      request.header("Authorization", basic(login));
    }
    headers.forEach(request::header);
    return send(request.build());
  }

  /** A request as given, answered with its body as text. */
  HttpResponse<String> send(HttpRequest.Builder request) {
    return send(request.timeout(Duration.ofSeconds(30)).build());
  }

  URI uri(String path) {
    return base.resolve(path);
  }

  /** The value of an {@code Authorization} header with the demo password. */
  static String basic(String login) {
    return basic(login, DeskSecurity.DEMO_PASSWORD);
  }

  static String basic(String login, String password) {
    String credentials = login + ":" + password;
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  /** A PUT of the bytes to a pre-signed URL (Content-Length is set from the body). */
  HttpResponse<String> put(String url, String contentType, byte[] bytes) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build());
  }

  byte[] download(String url) {
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  static JsonNode read(String body) {
    return JSON.readTree(body);
  }

  /** {@code Map.of} keeping insertion order, for readable request bodies. */
  static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
