package dev.ticketing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.FieldDefinition;
import dev.ticketing.FieldType;
import dev.ticketing.FieldVisibility;
import dev.ticketing.memory.InMemoryFieldDefinitionStore;
import dev.ticketing.spi.FieldDefinitionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class FieldDefinitionCacheTest {

  private static final Duration TTL = Duration.ofSeconds(1);

  private final InMemoryFieldDefinitionStore shared = new InMemoryFieldDefinitionStore();
  private final CountingStore counted = new CountingStore(shared);
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final FieldDefinitionCache cache = new FieldDefinitionCache(counted, TTL, nanos::get);

  private static FieldDefinition field(String key, int version, boolean required) {
    return new FieldDefinition(
        key,
        "Label " + key,
        FieldType.TEXT,
        null,
        required,
        FieldVisibility.CUSTOMERS,
        List.of(),
        null,
        true,
        version,
        Instant.parse("2026-05-04T10:00:00Z"),
        "admin");
  }

  @Test
  void readsTheStoreOnceWhileTheDefinitionsAreYoungerThanTheirTime() {
    shared.append(field("serial", 1, false));

    assertThat(cache.current()).extracting(FieldDefinition::key).containsExactly("serial");
    nanos.addAndGet(TTL.toNanos() - 1);
    assertThat(cache.current()).extracting(FieldDefinition::key).containsExactly("serial");
    assertThat(counted.reads.get()).isEqualTo(1);

    nanos.addAndGet(1);
    cache.current();
    assertThat(counted.reads.get()).isEqualTo(2);
  }

  @Test
  void aChangeThroughAnotherInstanceIsSeenOnceTheTimeHasPassed() {
    assertThat(cache.current()).isEmpty();
    shared.append(field("serial", 1, true)); // another engine on the same database

    assertThat(cache.current()).as("within the time").isEmpty();
    nanos.addAndGet(TTL.toNanos());
    assertThat(cache.current()).extracting(FieldDefinition::required).containsExactly(true);
  }

  @Test
  void aChangeThroughThisEngineIsSeenAtOnce() {
    assertThat(cache.current()).isEmpty();

    cache.inTransaction(
        () -> {
          cache.append(field("serial", 1, false));
          return null;
        });
    assertThat(cache.current()).extracting(FieldDefinition::key).containsExactly("serial");
    cache.append(field("serial", 2, true));
    assertThat(cache.current()).extracting(FieldDefinition::version).containsExactly(2);
    assertThat(FieldDefinitionCache.latest(cache)).isEqualTo(shared.current());
  }

  @Test
  void whatWasReadWhileAChangeCommittedIsNotKept() {
    // The read begins before the change and returns what the store had then; the change ends
    // while the read is under way. Keeping that read would hide the change for the whole time.
    counted.duringNextRead =
        () -> {
          List<FieldDefinition> before = shared.current();
          cache.inTransaction(
              () -> {
                cache.append(field("serial", 1, true));
                return null;
              });
          return before;
        };
    assertThat(cache.current()).isEmpty();

    assertThat(cache.current()).extracting(FieldDefinition::key).containsExactly("serial");
  }

  @Test
  void noTimeMeansTheStoreItself() {
    assertThat(FieldDefinitionCache.of(shared, Duration.ZERO)).isSameAs(shared);
    assertThat(FieldDefinitionCache.of(shared, TTL)).isInstanceOf(FieldDefinitionCache.class);
  }

  /** The shared store, counting reads of the current definitions; one read can be replaced. */
  private static final class CountingStore implements FieldDefinitionStore {
    private final FieldDefinitionStore store;
    final AtomicInteger reads = new AtomicInteger();
    Supplier<List<FieldDefinition>> duringNextRead;

    CountingStore(FieldDefinitionStore store) {
      this.store = store;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
      return store.inTransaction(work);
    }

    @Override
    public List<FieldDefinition> current() {
      reads.incrementAndGet();
      Supplier<List<FieldDefinition>> once = duringNextRead;
      duringNextRead = null;
      return once != null ? once.get() : store.current();
    }

    @Override
    public List<FieldDefinition> versions(String key) {
      return store.versions(key);
    }

    @Override
    public void append(FieldDefinition version) {
      store.append(version);
    }
  }
}
