package dev.ticketing.spring.observability;

import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.notification.RetryPolicy;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.convert.DurationStyle;

/**
 * The operator's view of notification delivery, as the actuator endpoint {@code ticketing-outbox}:
 *
 * <ul>
 *   <li>{@code GET /actuator/ticketing-outbox}: pending and dead rows per channel, with each
 *       channel's retry policy;
 *   <li>{@code GET /actuator/ticketing-outbox/{channel}?state=dead&limit=50}: the rows of one
 *       channel in one state ({@code pending} or {@code dead}, default {@code dead}), oldest first —
 *       ids, template, recipient, attempts, next attempt and last error; never the message's text;
 *   <li>{@code POST /actuator/ticketing-outbox} with {@code {"id": "..."}}, {@code {"channel":
 *       "..."}} or {@code {"all": true}}: re-drives one dead row, every dead row of a channel, or
 *       every dead row;
 *   <li>{@code DELETE /actuator/ticketing-outbox?olderThan=30d}: deletes delivered rows older than
 *       that (default 30 days).
 * </ul>
 *
 * <p>Like every actuator endpoint it is reachable only where the host exposes it ({@code
 * management.endpoints.web.exposure.include=ticketing-outbox}), its access can be limited ({@code
 * management.endpoint.ticketing-outbox.access=read-only}), and the host's security for actuator
 * paths applies to it.
 *
 * @since 0.1.0
 */
@Endpoint(id = TicketingOutboxEndpoint.ID)
public class TicketingOutboxEndpoint {

  /** The endpoint's id. */
  public static final String ID = "ticketing-outbox";

  /** The most rows one listing returns. */
  public static final int MAX_LIMIT = 500;

  private final OutboxDispatcher dispatcher;

  public TicketingOutboxEndpoint(OutboxDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  /** Counts and retry policy of one channel. */
  public record ChannelSummary(long pending, long dead, @Nullable Retry retry) {}

  /** A retry policy as the operator reads it. */
  public record Retry(int maxRetries, String initialDelay, double multiplier, String maxDelay) {
    static @Nullable Retry of(@Nullable RetryPolicy p) {
      return p == null
          ? null
          : new Retry(
              p.maxRetries(), p.initialDelay().toString(), p.multiplier(), p.maxDelay().toString());
    }
  }

  /** The summary: every channel this instance serves, {@code recipients} and any other with rows. */
  public record Summary(Map<String, ChannelSummary> channels, long pending, long dead) {}

  /**
   * One outbox row, without the notification's variables (they may hold comment text).
   *
   * @param recipientId a delivery's recipient; null for a request still to be resolved
   * @param recipients a request's recipients ({@code admins}, {@code owner:john}); empty for deliveries
   */
  public record Row(
      String id,
      String channel,
      String notificationId,
      String template,
      String ticketId,
      @Nullable String commentId,
      @Nullable String recipientId,
      List<String> recipients,
      String state,
      int attempts,
      Instant occurredAt,
      Instant nextAttemptAt,
      @Nullable String lastError) {

    static Row of(OutboxEntry e) {
      return new Row(
          e.id(),
          e.channel(),
          e.request().id(),
          e.request().template().name(),
          e.request().ticketId(),
          e.request().commentId(),
          e.recipientId(),
          e.request().recipients().stream().map(Recipient::token).toList(),
          e.state().name().toLowerCase(Locale.ROOT),
          e.attempts(),
          e.request().occurredAt(),
          e.nextAttemptAt(),
          e.lastError());
    }
  }

  @ReadOperation
  public Summary summary() {
    Map<String, ChannelSummary> channels = new LinkedHashMap<>();
    long pending = 0;
    long dead = 0;
    for (var e : dispatcher.counts().entrySet()) {
      long p = e.getValue().getOrDefault(OutboxState.PENDING, 0L);
      long d = e.getValue().getOrDefault(OutboxState.DEAD, 0L);
      channels.put(
          e.getKey(), new ChannelSummary(p, d, Retry.of(dispatcher.retryPolicy(e.getKey()))));
      pending += p;
      dead += d;
    }
    return new Summary(channels, pending, dead);
  }

  @ReadOperation
  public List<Row> rows(@Selector String channel, @Nullable String state, @Nullable Integer limit) {
    OutboxState wanted =
        state == null
            ? OutboxState.DEAD
            : switch (state.toLowerCase(Locale.ROOT)) {
              case "pending" -> OutboxState.PENDING;
              case "dead" -> OutboxState.DEAD;
              default ->
                  throw new InvalidEndpointRequestException(
                      "state must be pending or dead", "state must be pending or dead");
            };
    int n = limit == null ? 50 : limit;
    if (n < 1 || n > MAX_LIMIT) {
      throw new InvalidEndpointRequestException(
          "limit must be 1 to " + MAX_LIMIT, "limit must be 1 to " + MAX_LIMIT);
    }
    return dispatcher.entries(wanted, channel, n).stream().map(Row::of).toList();
  }

  /** What a re-drive did. */
  public record Redriven(int redriven) {}

  @WriteOperation
  public Redriven redrive(@Nullable String id, @Nullable String channel, @Nullable Boolean all) {
    int given =
        (id != null ? 1 : 0) + (channel != null ? 1 : 0) + (Boolean.TRUE.equals(all) ? 1 : 0);
    if (given != 1) {
      String message =
          "name exactly one of: id (one dead row), channel (its dead rows), all=true (every dead row)";
      throw new InvalidEndpointRequestException(message, message);
    }
    if (id != null) {
      return new Redriven(dispatcher.redrive(id) ? 1 : 0);
    }
    if (channel != null) {
      return new Redriven(dispatcher.redriveChannel(channel));
    }
    return new Redriven(dispatcher.redriveAll());
  }

  /** What a purge did. */
  public record Purged(int purged, String olderThan) {}

  @DeleteOperation
  public Purged purgeDelivered(@Nullable String olderThan) {
    Duration age;
    try {
      age = olderThan == null ? Duration.ofDays(30) : DurationStyle.detectAndParse(olderThan);
    } catch (IllegalArgumentException e) {
      throw new InvalidEndpointRequestException(
          "olderThan is not a duration (30d, PT12H...)", "olderThan is not a duration");
    }
    if (age.isNegative()) {
      throw new InvalidEndpointRequestException(
          "olderThan must not be negative", "olderThan must not be negative");
    }
    return new Purged(dispatcher.purgeDelivered(age), age.toString());
  }
}
