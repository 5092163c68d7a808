package dev.ticketing.examples.desk;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code desk.live.*} properties: what the live-event stream at {@code GET /api/live} ({@link
 * LiveController}) may cost the desk. Every limit has a default; the desk's README lists them.
 *
 * @param keepAlive how often an idle stream gets a {@code : keep-alive} comment line, which keeps
 *     proxies from closing it and lets the desk notice a client that went away
 * @param timeout how long one stream stays open; the browser's {@code EventSource} then reconnects
 *     on its own, sending {@code Last-Event-ID}
 * @param reconnect the reconnection delay the stream asks clients to wait ({@code retry:})
 * @param maxConnectionsPerUser the most streams one user may hold open (tabs, devices); one more is
 *     answered 429 {@code RATE_LIMITED}
 * @param maxConnections the most streams the desk holds open in all; one more is answered 429
 *     {@code RATE_LIMITED}
 * @param bufferSize how many recent events the desk keeps for resuming with {@code Last-Event-ID};
 *     a client that missed more is told to refetch ({@code event: resync})
 * @param queueSize how many events may wait for one slow client; a client further behind is
 *     disconnected and resumes (or refetches) when it reconnects
 */
@ConfigurationProperties("desk.live")
record LiveProperties(
    @DefaultValue("15s") Duration keepAlive,
    @DefaultValue("30m") Duration timeout,
    @DefaultValue("3s") Duration reconnect,
    @DefaultValue("5") int maxConnectionsPerUser,
    @DefaultValue("1000") int maxConnections,
    @DefaultValue("1000") int bufferSize,
    @DefaultValue("256") int queueSize) {

  LiveProperties {
    positive("keep-alive", keepAlive);
    positive("timeout", timeout);
    positive("reconnect", reconnect);
    atLeastOne("max-connections-per-user", maxConnectionsPerUser);
    atLeastOne("max-connections", maxConnections);
    atLeastOne("buffer-size", bufferSize);
    atLeastOne("queue-size", queueSize);
  }

  private static void positive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("desk.live." + name + " must be positive, was " + value);
    }
  }

  private static void atLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("desk.live." + name + " must be at least 1, was " + value);
    }
  }
}
