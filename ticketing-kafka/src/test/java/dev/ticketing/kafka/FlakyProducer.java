package dev.ticketing.kafka;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * A real producer whose sends fail now and then, as a broker that times out does: a failed send is
 * not sent and its future fails. Seeded, so a run can be repeated.
 */
final class FlakyProducer {

  private FlakyProducer() {}

  @SuppressWarnings("unchecked")
  static Producer<String, byte[]> wrap(
      Producer<String, byte[]> real, double failureRate, long seed, AtomicInteger failures) {
    SplittableRandom random = new SplittableRandom(seed);
    return (Producer<String, byte[]>)
        Proxy.newProxyInstance(
            FlakyProducer.class.getClassLoader(),
            new Class<?>[] {Producer.class},
            (proxy, method, args) -> {
              if (method.getName().equals("send")) {
                boolean fail;
                synchronized (random) {
                  fail = random.nextDouble() < failureRate;
                }
                if (fail) {
                  failures.incrementAndGet();
                  TimeoutException e = new TimeoutException("injected: the broker did not answer");
                  if (args.length > 1 && args[1] != null) {
                    ((Callback) args[1]).onCompletion(null, e);
                  }
                  return CompletableFuture.failedFuture(e);
                }
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
