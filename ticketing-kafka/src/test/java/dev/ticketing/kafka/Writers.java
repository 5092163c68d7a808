package dev.ticketing.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/** Runs writers on threads of their own, started together; the first failure fails the test. */
final class Writers {
  private Writers() {}

  /**
   * Runs {@code write} until it is not refused for a concurrent change: the service retries a
   * conflict a few times itself, writers racing on a few tickets may still see one.
   */
  static void retryingConflicts(Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (dev.ticketing.ConflictException e) {
        if (attempt >= 50) {
          throw e;
        }
      }
    }
  }

  static void run(int writers, IntConsumer work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  work.accept(writer);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
