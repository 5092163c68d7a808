package dev.ticketing.examples.desk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A Server-Sent Events client of {@code GET /api/live}, reading the stream as a browser's {@code
 * EventSource} would: {@code id:}, {@code event:}, {@code data:} lines up to a blank line make an
 * event, lines starting with a colon are comments. It keeps everything it read, for assertions.
 */
final class EventStreamClient implements AutoCloseable {

  /** One event as the stream framed it; {@code data} parsed as JSON when it is. */
  record Event(@Nullable String id, String event, String data) {
    JsonNode json() {
      return DeskClient.read(data);
    }

    String ticketId() {
      return json().path("ticketId").asString();
    }

    String kind() {
      return json().path("kind").asString();
    }

    long number() {
      return Long.parseLong(java.util.Objects.requireNonNull(id));
    }
  }

  private final HttpResponse<InputStream> response;
  private final @Nullable String errorBody;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<String> comments = new CopyOnWriteArrayList<>();
  private volatile boolean ended;

  private EventStreamClient(HttpResponse<InputStream> response) throws IOException {
    this.response = response;
    if (response.statusCode() != 200) {
      try (InputStream in = response.body()) {
        errorBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      ended = true;
      return;
    }
    errorBody = null;
    Thread reader = new Thread(this::read, "sse-test-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens the stream as {@code login} (null: no credentials), with extra request headers. */
  static EventStreamClient open(int port, @Nullable String login, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + LiveController.PATH))
            .header("Accept", "text/event-stream")
            .GET();
    if (login != null) {
      request.header("Authorization", DeskClient.basic(login));
    }
    headers.forEach(request::header);
    // A client of its own per stream: closing the stream closes its connection.
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      return new EventStreamClient(
          http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static EventStreamClient open(int port, @Nullable String login) {
    return open(port, login, Map.of());
  }

  int status() {
    return response.statusCode();
  }

  HttpResponse<InputStream> response() {
    return response;
  }

  /** The body of a refused stream, as JSON. */
  JsonNode error() {
    return DeskClient.read(java.util.Objects.requireNonNull(errorBody, "the stream was opened"));
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  List<String> comments() {
    return List.copyOf(comments);
  }

  boolean ended() {
    return ended;
  }

  /** The first event (already read or coming within 15 s) that matches. */
  Event await(Predicate<Event> match) {
    return await(match, Duration.ofSeconds(15));
  }

  Event await(Predicate<Event> match, Duration wait) {
    Instant deadline = Instant.now().plus(wait);
    while (true) {
      for (Event e : events) {
        if (match.test(e)) {
          return e;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no matching event within " + wait + "; received: " + events);
      }
      pause();
    }
  }

  /** The first event about {@code ticketId} of {@code kind}. */
  Event await(String ticketId, String kind) {
    return await(
        e -> e.event().equals("ticket") && e.ticketId().equals(ticketId) && e.kind().equals(kind));
  }

  /** Waits for a comment line (without its colon and leading space). */
  void awaitComment(String comment) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (!comments.contains(comment)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no comment '" + comment + "'; comments: " + comments);
      }
      pause();
    }
  }

  /** The ticket events received about {@code ticketId}. */
  List<Event> about(String ticketId) {
    List<Event> out = new ArrayList<>();
    for (Event e : events) {
      if (e.event().equals("ticket") && e.ticketId().equals(ticketId)) {
        out.add(e);
      }
    }
    return out;
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null;
      String event = null;
      StringBuilder data = null;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isEmpty()) {
          if (data != null) {
            events.add(new Event(id, event == null ? "message" : event, data.toString()));
          }
          event = null;
          data = null;
          continue;
        }
        if (line.startsWith(":")) {
          comments.add(line.substring(1).strip());
          continue;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        switch (field) {
          case "id" -> id = value;
          case "event" -> event = value;
          case "data" ->
              data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
          default -> {} // retry, and fields a client ignores
        }
      }
    } catch (IOException closed) {
      // closed by the test, or by the server
    } finally {
      ended = true;
    }
  }

  /** Closes the connection, as a browser tab that goes away. */
  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      // already closed
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
