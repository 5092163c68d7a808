package dev.ticketing.spi;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562): 48 bits of milliseconds, then random bits. Time-ordered, so B-tree
 * inserts stay at the right edge of the index, and unguessable enough that ids are no oracle.
 * Reached through {@link IdGenerator#timeOrdered}; it lives beside the interface so that the SPI
 * depends on no engine internals.
 */
final class TimeOrderedIds implements IdGenerator {
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  TimeOrderedIds(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String newId() {
    long millis = clock.millis();
    long randA = random.nextInt(1 << 12);
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }
}
