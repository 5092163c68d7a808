package dev.ticketing.examples.desk;

import dev.ticketing.ConflictException;
import dev.ticketing.StoreUnavailableException;
import dev.ticketing.TicketService;
import dev.ticketing.spi.Notification;
import dev.ticketing.spring.autoconfigure.TicketingNotificationEvent;
import dev.ticketing.testsupport.CountingDirectory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the tests add to the desk: a counting directory and service, a notification recorder, an
 * error probe, a slow list and a failing endpoint.
 */
@TestConfiguration(proxyBeanMethods = false)
class DeskTestConfiguration {

  @Bean
  @Primary
  CountingDirectory countingDirectory(DeskDirectory desk) {
    return new CountingDirectory(desk);
  }

  @Bean
  RecordedNotifications recordedNotifications() {
    return new RecordedNotifications();
  }

  /** Every notification delivered, as the host's listeners receive them. */
  static final class RecordedNotifications {
    private final List<Notification> delivered = new CopyOnWriteArrayList<>();

    @EventListener
    void on(TicketingNotificationEvent event) {
      delivered.add(event.notification());
    }

    List<Notification> about(String ticketId) {
      return delivered.stream().filter(n -> n.ticketId().equals(ticketId)).toList();
    }

    /** Waits (delivery is after commit, on the dispatcher's thread) until one matches. */
    Notification await(String ticketId, Predicate<Notification> match) {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
      while (Instant.now().isBefore(deadline)) {
        for (Notification n : about(ticketId)) {
          if (match.test(n)) {
            return n;
          }
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      throw new AssertionError(
          "no matching notification about " + ticketId + "; delivered: " + about(ticketId));
    }
  }

  @Bean
  static CountingTicketService countingTicketService() {
    return new CountingTicketService();
  }

  /**
   * Counts the calls made to the library's {@link TicketService}, by method name: wraps the service
   * bean in a proxy that counts and delegates (the real service answers every call).
   */
  static final class CountingTicketService implements BeanPostProcessor {
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
      if (!(bean instanceof TicketService service)) {
        return bean;
      }
      return Proxy.newProxyInstance(
          TicketService.class.getClassLoader(),
          new Class<?>[] {TicketService.class},
          (proxy, method, args) -> {
            if (method.getDeclaringClass() != Object.class) {
              calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
            }
            try {
              return method.invoke(service, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    void reset() {
      calls.clear();
    }

    int calls(String method) {
      AtomicInteger n = calls.get(method);
      return n == null ? 0 : n.get();
    }

    Map<String, Integer> all() {
      Map<String, Integer> out = new java.util.TreeMap<>();
      calls.forEach((k, v) -> out.put(k, v.get()));
      return out;
    }
  }

  /** A list whose items are slow to resolve, counting the items resolved so far. */
  @Controller
  static final class SlowProbe {
    static final AtomicInteger RESOLVED = new AtomicInteger();

    record SlowItem(int index, int millis) {}

    @QueryMapping
    List<SlowItem> slowProbe(@Argument int items, @Argument int millis) {
      List<SlowItem> out = new java.util.ArrayList<>();
      for (int i = 0; i < items; i++) {
        out.add(new SlowItem(i, millis));
      }
      return out;
    }

    @SchemaMapping(typeName = "SlowItem")
    int value(SlowItem item) throws InterruptedException {
      Thread.sleep(item.millis());
      RESOLVED.incrementAndGet();
      return item.index();
    }
  }

  /** An endpoint that fails unexpectedly, for the 500 answer. */
  @RestController
  static final class FailingEndpoint {
    @GetMapping("/test/failure")
    String fail() {
      throw new IllegalStateException("an unexpected failure with a secret inside");
    }
  }

  /** Throws the library's exception of a code no HTTP scenario produces deterministically. */
  @Controller // a member of this configuration: registered with it
  static final class ErrorProbe {
    @QueryMapping
    Boolean errorProbe(@Argument String code) {
      throw switch (code) {
        case "CONFLICT" -> new ConflictException("probe-ticket");
        case "UNAVAILABLE" ->
            new StoreUnavailableException("probe: the store is down", new IllegalStateException());
        default -> new IllegalStateException("an unexpected failure with a secret inside");
      };
    }
  }
}
