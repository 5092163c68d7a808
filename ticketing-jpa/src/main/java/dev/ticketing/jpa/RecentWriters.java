package dev.ticketing.jpa;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The actors who wrote within the read-your-writes window, with when their window ends: their reads
 * go to the primary until then. Bounded: when more actors wrote within one window than it keeps,
 * the oldest is forgotten, and until that actor's window would have ended every actor's reads go to
 * the primary, so that forgetting never sends a writer's read to a replica too early.
 */
final class RecentWriters {

  private final long windowNanos;
  private final int capacity;

  /** Actor id to the end of its window (System.nanoTime), oldest write first. */
  private final LinkedHashMap<String, Long> until = new LinkedHashMap<>();

  /** Until then every actor counts as a recent writer: an actor was forgotten within its window. */
  private long everyoneUntil;

  private boolean overflowed;

  RecentWriters(long windowNanos, int capacity) {
    this.windowNanos = windowNanos;
    this.capacity = capacity;
  }

  /** Notes a write of the actor now. */
  synchronized void wrote(String actorId, long now) {
    if (windowNanos <= 0) {
      return;
    }
    until.remove(actorId); // to the end: the order stays the order of the windows' ends
    until.put(actorId, now + windowNanos);
    expire(now);
    while (until.size() > capacity) {
      Iterator<Map.Entry<String, Long>> oldest = until.entrySet().iterator();
      long end = oldest.next().getValue();
      oldest.remove();
      if (!overflowed || end - everyoneUntil > 0) {
        everyoneUntil = end;
        overflowed = true;
      }
    }
  }

  /** Whether the actor's reads must see its own writes now. */
  synchronized boolean recent(String actorId, long now) {
    if (overflowed && everyoneUntil - now > 0) {
      return true;
    }
    Long end = until.get(actorId);
    return end != null && end - now > 0;
  }

  /** How many actors it keeps now, for tests. */
  synchronized int size() {
    return until.size();
  }

  private void expire(long now) {
    Iterator<Map.Entry<String, Long>> it = until.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue() - now > 0) {
        return;
      }
      it.remove();
    }
  }
}
