package dev.ticketing.notification;

import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of the dispatcher: claims a batch of due rows under a lease, so that dispatchers
 * sharing an outbox never hold the same row at once, and works through the batch while the lease
 * lasts, handing requests to {@link RecipientResolution} and deliveries to {@link DeliveryAttempt}.
 */
final class LeasedRound {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final OutboxStore outbox;
  private final OutboxDispatcher.Settings settings;
  private final List<String> claimed;
  private final Clock clock;
  private final RecipientResolution resolution;
  private final DeliveryAttempt delivery;

  LeasedRound(
      OutboxStore outbox,
      OutboxDispatcher.Settings settings,
      List<String> claimed,
      Clock clock,
      RecipientResolution resolution,
      DeliveryAttempt delivery) {
    this.outbox = outbox;
    this.settings = settings;
    this.claimed = List.copyOf(claimed);
    this.clock = clock;
    this.resolution = resolution;
    this.delivery = delivery;
  }

  /** Claims one batch and attempts its rows; returns how many were attempted. */
  int run() {
    Instant claimedAt = clock.instant();
    List<OutboxEntry> batch =
        outbox.claimDue(
            settings.owner(), claimedAt, settings.lease(), settings.batchSize(), claimed);
    // Stop short of the lease's end: past it another dispatcher may hold the rest of the batch.
    Instant deadline = claimedAt.plus(settings.lease().multipliedBy(9).dividedBy(10));
    int attempted = 0;
    for (OutboxEntry entry : batch) {
      if (clock.instant().isAfter(deadline)) {
        log.warn(
            "Lease running out: leaving {} claimed outbox rows to the next round",
            batch.size() - attempted);
        break;
      }
      if (entry.resolvesRecipients()) {
        resolution.resolve(entry);
      } else {
        delivery.deliver(entry);
      }
      attempted++;
    }
    return attempted;
  }
}
