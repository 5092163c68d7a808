package dev.ticketing.examples.desk;

import dev.ticketing.ConcurrentModificationException;
import dev.ticketing.StoreUnavailableException;
import dev.ticketing.spi.CompanyInfo;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.UserInfo;
import dev.ticketing.spring.TicketingNotificationEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** What the tests add to the desk: a counting directory, a notification recorder, an error probe. */
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

  /** The desk's directory, counting the calls the library makes. */
  static final class CountingDirectory implements Directory {
    final AtomicInteger userCalls = new AtomicInteger();
    final AtomicInteger companyCalls = new AtomicInteger();
    private final Directory delegate;

    CountingDirectory(Directory delegate) {
      this.delegate = delegate;
    }

    void reset() {
      userCalls.set(0);
      companyCalls.set(0);
    }

    @Override
    public Map<String, UserInfo> users(Collection<String> ids) {
      userCalls.incrementAndGet();
      return delegate.users(ids);
    }

    @Override
    public Map<String, CompanyInfo> companies(Collection<String> ids) {
      companyCalls.incrementAndGet();
      return delegate.companies(ids);
    }

    @Override
    public List<String> adminIds() {
      return delegate.adminIds();
    }
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
      throw new AssertionError("no matching notification about " + ticketId + "; delivered: " + about(ticketId));
    }
  }

  /** Throws the library's exception of a code no HTTP scenario produces deterministically. */
  @Controller // a member of this configuration: registered with it
  static final class ErrorProbe {
    @QueryMapping
    Boolean errorProbe(@Argument String code) {
      throw switch (code) {
        case "CONFLICT" -> new ConcurrentModificationException("probe-ticket");
        case "UNAVAILABLE" -> new StoreUnavailableException("probe: the store is down", new IllegalStateException());
        default -> new IllegalStateException("an unexpected failure with a secret inside");
      };
    }
  }
}
