package dev.ticketing.examples.desk;

import dev.ticketing.policy.Actor;
import dev.ticketing.spring.security.ActorResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * {@code GET /api/live}: the signed-in user's live events as Server-Sent Events ({@code
 * text/event-stream}), for browsers' {@code EventSource}. Each event says that a ticket the user
 * may view changed, and nothing of its content:
 *
 * <pre>
 * id: 1765100000000042
 * event: ticket
 * data: {"ticketId":"…","kind":"commented","version":3,"at":"2026-12-07T09:30:00.123456Z"}
 * </pre>
 *
 * <p>Kinds: {@code created}, {@code updated}, {@code status}, {@code assigned}, {@code commented},
 * {@code note} (internal, staff only), {@code attachment}, {@code deleted}, {@code restored},
 * {@code merged}, {@code linked}, {@code sla}; a client treats any other as {@code updated}. The
 * client refetches the ticket through GraphQL. Besides, {@code : keep-alive} comment lines, and
 * {@code event: resync} when a resumed stream could not replay everything missed: refetch all.
 *
 * <p>Any of the desk's logins works (HTTP Basic, a session); without one the answer is 401
 * {@code UNAUTHENTICATED}. Resuming: the {@code Last-Event-ID} header ({@code EventSource} sends it
 * when it reconnects) or the {@code lastEventId} parameter (for a client that opens a new {@code
 * EventSource}). Beyond the connection limits ({@link LiveProperties}) the answer is 429 {@code
 * RATE_LIMITED} with {@code Retry-After}; {@code EventSource} does not retry that on its own.
 */
@RestController
class LiveController {
  static final String PATH = "/api/live";

  private final ActorResolver actors;
  private final LiveHub hub;
  private final LiveProperties properties;

  LiveController(ActorResolver actors, LiveHub hub, LiveProperties properties) {
    this.actors = actors;
    this.hub = hub;
    this.properties = properties;
  }

  @GetMapping(path = PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Nullable ResponseBodyEmitter live(
      @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
      @RequestParam(name = "lastEventId", required = false) @Nullable String lastEventIdParam,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    Actor actor = actors.currentActor();
    try {
      return hub.subscribe(actor, lastEventId != null ? lastEventId : lastEventIdParam);
    } catch (LiveHub.Refused refused) {
      // Streams are freed when clients leave, which the next keep-alive notices at the latest.
      long retryAfter = Math.max(1, properties.keepAlive().toSeconds());
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
      ErrorResponses.write(
          request,
          response,
          DeskError.RATE_LIMITED,
          refused.getMessage(),
          Map.of("retryAfterSeconds", retryAfter));
      return null;
    }
  }
}
