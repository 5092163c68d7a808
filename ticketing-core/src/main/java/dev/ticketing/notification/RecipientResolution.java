package dev.ticketing.notification;

import dev.ticketing.DirectoryFailures;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.Recipient;
import dev.ticketing.spi.TicketEventNotifier;
import dev.ticketing.validation.IdValidator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage of delivery: turns a request row, which names who must be told as roles and ids,
 * into one delivery row per (user, channel), asking the directory for the admins now rather than in
 * the change's transaction. A directory that fails makes the request retry with the recipients'
 * policy; nothing is lost.
 */
final class RecipientResolution {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final OutboxStore outbox;
  private final Directory directory;
  private final Collection<Channel> channels;
  private final RetryPolicy retry;
  private final DirectoryFailures directoryFailures;
  private final FailedAttempts failures;
  private final String owner;
  private final Clock clock;

  RecipientResolution(
      OutboxStore outbox,
      Directory directory,
      Collection<Channel> channels,
      RetryPolicy retry,
      DirectoryFailures directoryFailures,
      FailedAttempts failures,
      String owner,
      Clock clock) {
    this.outbox = outbox;
    this.directory = directory;
    this.channels = List.copyOf(channels);
    this.retry = retry;
    this.directoryFailures = directoryFailures;
    this.failures = failures;
    this.owner = owner;
    this.clock = clock;
  }

  void resolve(OutboxEntry entry) {
    int attempts = entry.attempts() + 1;
    List<OutboxEntry> deliveries;
    try {
      deliveries = deliveriesOf(entry);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Exception | Error e) {
      directoryFailures.recipientsFailed();
      failures.record(entry, attempts, retry, e);
      return;
    }
    if (!outbox.markResolved(entry.id(), owner, clock.instant(), deliveries)) {
      log.warn(
          "Lost the lease on notification request {} while resolving it; another dispatcher resolves it",
          entry.id());
    } else {
      log.debug(
          "Resolved notification request {} ({}) into {} deliveries",
          entry.id(),
          entry.request().template(),
          deliveries.size());
    }
  }

  /**
   * One delivery row per (notification, channel): the recipients' users times the channels that
   * deliver to people; a ticket event goes to each event channel once instead.
   */
  private List<OutboxEntry> deliveriesOf(OutboxEntry entry) {
    NotificationRequest request = entry.request();
    if (TicketEvent.TEMPLATE.equals(request.template())) {
      return eventDeliveries(request);
    }
    List<Channel> channels = this.channels.stream().filter(c -> !eventChannel(c)).toList();
    if (channels.isEmpty()) {
      return List.of(); // nothing delivers: no need to ask the directory
    }
    // notification id -> recipient
    Map<String, String> notifications = new LinkedHashMap<>();
    String single = entry.recipientId();
    if (single != null) {
      // A request row from before per-channel delivery: its one recipient, under its own id.
      notifications.put(request.id(), single);
    } else {
      for (String user : users(request)) {
        notifications.put(DeliveryIds.notificationId(request.id(), user), user);
      }
    }
    Instant due = clock.instant();
    List<OutboxEntry> out = new ArrayList<>(notifications.size() * channels.size());
    notifications.forEach(
        (notificationId, user) -> {
          Notification n = request.toNotification(notificationId, user);
          for (Channel channel : channels) {
            out.add(
                OutboxEntry.delivery(
                    DeliveryIds.deliveryId(notificationId, channel.name()),
                    channel.name(),
                    n,
                    due));
          }
        });
    return out;
  }

  /**
   * An event's delivery to each event channel: under the event's id and the channel's name, due
   * when the change happened, so that the outbox (due time, then id) hands a ticket's events to the
   * channel in the order of the changes.
   */
  private List<OutboxEntry> eventDeliveries(NotificationRequest request) {
    List<OutboxEntry> out = new ArrayList<>();
    for (Channel channel : channels) {
      if (eventChannel(channel)) {
        out.add(
            OutboxEntry.delivery(
                request.id() + ":" + channel.name(),
                channel.name(),
                request.toNotification(request.id(), channel.name()),
                request.occurredAt()));
      }
    }
    return out;
  }

  private static boolean eventChannel(Channel channel) {
    return channel.notifier() instanceof TicketEventNotifier;
  }

  /** The recipient id an address is delivered under. */
  static final String ADDRESS_PREFIX = "mailto:";

  /**
   * Whether a request may go to a plain address: the rule customers are held to, nothing from an
   * internal note.
   */
  static boolean mayReachAddress(NotificationRequest request) {
    return !NotificationTemplate.INTERNAL_NOTE_ADDED.equals(request.template());
  }

  /** The users the request's recipients stand for now, without the actor, each once. */
  private Set<String> users(NotificationRequest request) {
    Set<String> users = new LinkedHashSet<>();
    for (Recipient r : request.recipients()) {
      if (r.kind() == Recipient.Kind.ADMINS) {
        List<String> admins =
            Objects.requireNonNull(directory.adminIds(), "the directory answered no admin list");
        for (String id : admins) {
          if (id != null && IdValidator.isWellFormed(id)) {
            users.add(id);
          } else {
            log.warn(
                "The directory named an admin whose id is not well-formed; not notified of {}",
                request.id());
          }
        }
      } else if (r.kind() == Recipient.Kind.ADDRESS) {
        // An address is not staff: like a customer, it never receives internal-note content.
        if (mayReachAddress(request)) {
          users.add(ADDRESS_PREFIX + Objects.requireNonNull(r.userId()));
        } else {
          log.warn(
              "An address may not receive internal-note content; not notified of {}", request.id());
        }
      } else {
        users.add(Objects.requireNonNull(r.userId()));
      }
    }
    users.remove(request.actorId()); // nobody is told of their own action
    return users;
  }
}
