package dev.ticketing.memory;

import dev.ticketing.StoreUnavailableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Units of work over plain collections: one writer at a time (the write lock of a read-write lock)
 * and an undo log that puts every collection back as it was when the work throws.
 *
 * <p>Holding the write lock for the whole unit makes units serialisable and keeps readers, who take
 * the read lock, from seeing uncommitted state. Mutations go through {@link #put}, {@link #remove},
 * {@link #add} and {@link #removeElement}, which record their own inverse.
 */
final class Transactions {

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  /** Only the thread holding the write lock touches it, so it needs no synchronisation of its own. */
  private final List<Runnable> undoLog = new ArrayList<>();

  private final AtomicReference<@Nullable Predicate<String>> failure = new AtomicReference<>();

  /**
   * Runs {@code work} as one unit of work. A call on a thread already inside one joins it; if the
   * joined part throws, only its own writes are undone (like a savepoint), so a caller that catches
   * the failure still commits nothing half-done.
   */
  <T> T inTransaction(Supplier<T> work) {
    if (lock.isWriteLockedByCurrentThread()) {
      return undoingOnFailure(work);
    }
    if (lock.getReadHoldCount() > 0) {
      // Upgrading a read lock to the write lock would wait for ourselves forever.
      throw new IllegalStateException("cannot open a unit of work while reading the store");
    }
    lock.writeLock().lock();
    try {
      return undoingOnFailure(work);
    } finally {
      undoLog.clear();
      lock.writeLock().unlock();
    }
  }

  private <T> T undoingOnFailure(Supplier<T> work) {
    int mark = undoLog.size();
    try {
      return work.get();
    } catch (Throwable t) {
      for (int i = undoLog.size() - 1; i >= mark; i--) {
        undoLog.remove(i).run();
      }
      throw t;
    }
  }

  /** Runs {@code query} under the read lock, so that it sees committed state only. */
  <T> T read(Supplier<T> query) {
    lock.readLock().lock();
    try {
      return query.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Called first by every write: refuses writes outside a unit of work and fires an injected
   * failure whose predicate matches {@code operation}.
   */
  void beginWrite(String operation) {
    if (!lock.isWriteLockedByCurrentThread()) {
      throw new IllegalStateException(operation + " must run inside TicketStore.inTransaction");
    }
    Predicate<String> injected = failure.get();
    if (injected != null && injected.test(operation) && failure.compareAndSet(injected, null)) {
      String message = "injected failure of " + operation;
      throw new StoreUnavailableException(message, new IOException(message));
    }
  }

  /** Arms a one-shot failure of the next write whose operation name matches. */
  void injectFailure(Predicate<String> operation) {
    failure.set(operation);
  }

  <K, V> @Nullable V put(Map<K, V> map, K key, V value) {
    V previous = map.put(key, value);
    undoLog.add(() -> restore(map, key, previous));
    return previous;
  }

  <K, V> @Nullable V remove(Map<K, V> map, K key) {
    V previous = map.remove(key);
    if (previous != null) {
      undoLog.add(() -> map.put(key, previous));
    }
    return previous;
  }

  <E> void add(Set<E> set, E element) {
    if (set.add(element)) {
      undoLog.add(() -> set.remove(element));
    }
  }

  <E> void removeElement(Set<E> set, E element) {
    if (set.remove(element)) {
      undoLog.add(() -> set.add(element));
    }
  }

  private static <K, V> void restore(Map<K, V> map, K key, @Nullable V previous) {
    if (previous == null) {
      map.remove(key);
    } else {
      map.put(key, previous);
    }
  }
}
