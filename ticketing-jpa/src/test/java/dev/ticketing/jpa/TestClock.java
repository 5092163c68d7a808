package dev.ticketing.jpa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand. Every read advances it by one microsecond (the precision SQL
 * timestamps keep), so instants the service stamps stay distinct and ordered.
 */
final class TestClock extends Clock {
  private Instant now;

  TestClock(String isoInstant) {
    this.now = Instant.parse(isoInstant);
  }

  synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public synchronized Instant instant() {
    now = now.plusNanos(1_000);
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("tests use UTC");
  }
}
