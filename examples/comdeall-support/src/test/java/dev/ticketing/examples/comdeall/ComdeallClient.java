package dev.ticketing.examples.comdeall;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The module's clients over real HTTP: sign-in, bearer calls, and Hasura's calls with the shared secret. */
final class ComdeallClient {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String SECRET = "test-hasura-secret";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  private final int port;

  ComdeallClient(int port) {
    this.port = port;
  }

  /** A response: status and body (JSON when it parses, else a text node). */
  record Reply(int status, JsonNode body, String raw) {
    JsonNode data() {
      return body.path("data");
    }

    @Override
    public String toString() {
      return status + " " + raw;
    }
  }

  /** The bearer token of a demo user (password demo), signed in once per application. */
  String token(String email) {
    return TOKENS.computeIfAbsent(
        port + "/" + email,
        k -> {
          Reply r =
              post(null, "/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"demo\"}");
          if (r.status() != 200) {
            throw new IllegalStateException("login of " + email + " failed: " + r);
          }
          return r.body().path("token").asString();
        });
  }

  Reply get(@Nullable String token, String path) {
    return send(request(path, token).GET());
  }

  Reply delete(@Nullable String token, String path) {
    return send(request(path, token).DELETE());
  }

  Reply post(@Nullable String token, String path, String json) {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  /** Posted with a body of unknown length (chunked). */
  Reply postChunked(@Nullable String token, String path, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder b =
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    headers.forEach(b::header);
    return send(b);
  }

  /** As Hasura calls the note event and the action: with the shared secret, no token. */
  Reply hasura(String path, String json) {
    return hasura(path, json, SECRET);
  }

  Reply hasura(String path, String json, @Nullable String secret) {
    HttpRequest.Builder b =
        request(path, null)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (secret != null) {
      b.header("X-Hasura-Webhook-Secret", secret);
    }
    return send(b);
  }

  private HttpRequest.Builder request(String path, @Nullable String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private static Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body;
      try {
        body = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
      } catch (RuntimeException notJson) {
        body = JSON.getNodeFactory().stringNode(r.body());
      }
      return new Reply(r.statusCode(), body, r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A JSON string literal. */
  static String quote(@Nullable String s) {
    return s == null ? "null" : JSON.writeValueAsString(s);
  }
}
