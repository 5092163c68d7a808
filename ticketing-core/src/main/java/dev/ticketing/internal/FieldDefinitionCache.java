package dev.ticketing.internal;

import dev.ticketing.FieldDefinition;
import dev.ticketing.spi.FieldDefinitionStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The current field definitions, kept for a short while: every ticket write checks its values (and
 * a new ticket its required fields) against them, and reading them from the store each time was a
 * unit of work of its own before every create. A definition changed through this engine is seen by
 * it at once; one changed through another instance on the same database is seen here within {@code
 * ttl}. Versions and the definitions an administrator changes are always read from the store.
 */
public final class FieldDefinitionCache implements FieldDefinitionStore {

  /** Definitions read at a time, in a generation: a change through this engine starts the next. */
  private record Held(List<FieldDefinition> definitions, long readAtNanos, long generation) {}

  private final FieldDefinitionStore store;
  private final long ttlNanos;
  private final LongSupplier nanos;
  private final AtomicLong generation = new AtomicLong();
  private volatile @Nullable Held held;

  /**
   * The definitions fetched each time a unit of work needs them when {@code ttl} is zero; the
   * {@code nanos} source is the monotonic clock the age is measured on.
   */
  FieldDefinitionCache(FieldDefinitionStore store, Duration ttl, LongSupplier nanos) {
    this.store = Objects.requireNonNull(store, "store");
    this.ttlNanos = ttl.toNanos();
    this.nanos = nanos;
  }

  /** The store itself, when {@code ttl} is zero; otherwise the store behind a cache. */
  public static FieldDefinitionStore of(FieldDefinitionStore store, Duration ttl) {
    return ttl.isZero() ? store : new FieldDefinitionCache(store, ttl, System::nanoTime);
  }

  /** The definitions as the store has them now, whatever is held. */
  static List<FieldDefinition> latest(FieldDefinitionStore store) {
    return store instanceof FieldDefinitionCache c ? c.store.current() : store.current();
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    try {
      return store.inTransaction(work);
    } finally {
      // A change made in this unit of work is committed (or rolled back) by now, unless a unit of
      // work of the host's encloses it: forget what was held either way.
      forget();
    }
  }

  @Override
  public List<FieldDefinition> current() {
    long g = generation.get();
    Held h = held;
    long now = nanos.getAsLong();
    if (h != null && h.generation() == g && now - h.readAtNanos() < ttlNanos) {
      return h.definitions();
    }
    // Read in generation g: should a change begin the next generation meanwhile, what is read
    // here is never used (the generation no longer matches).
    List<FieldDefinition> read = List.copyOf(store.current());
    held = new Held(read, now, g);
    return read;
  }

  @Override
  public List<FieldDefinition> versions(String key) {
    return store.versions(key);
  }

  @Override
  public void append(FieldDefinition version) {
    forget();
    store.append(version);
    forget();
  }

  private void forget() {
    generation.incrementAndGet();
    held = null;
  }
}
