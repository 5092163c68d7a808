package dev.ticketing.testsupport;

import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An {@link OutboxStore} that passes every call to another one: extend it and override the one
 * call a test observes or breaks (a dispatcher process that dies while recording a delivery, the
 * answers a lease holder got), instead of forwarding all of them by hand.
 *
 * <pre>{@code
 * class LosingOutbox extends ForwardingOutboxStore {
 *   LosingOutbox(OutboxStore real) { super(real); }
 *   @Override public boolean markDelivered(String id, String owner, Instant now) {
 *     throw new IllegalStateException("the process died");
 *   }
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
public class ForwardingOutboxStore implements OutboxStore {
  private final OutboxStore delegate;

  /** Passes every call to {@code delegate}. */
  public ForwardingOutboxStore(OutboxStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The outbox the calls go to. */
  protected final OutboxStore delegate() {
    return delegate;
  }

  @Override
  public List<OutboxEntry> claimDue(
      String owner, Instant now, Duration lease, int max, Collection<String> channels) {
    return delegate.claimDue(owner, now, lease, max, channels);
  }

  @Override
  public boolean markDelivered(String entryId, String owner, Instant now) {
    return delegate.markDelivered(entryId, owner, now);
  }

  @Override
  public boolean markFailed(
      String entryId, String owner, int attempts, @Nullable Instant retryAt, String error) {
    return delegate.markFailed(entryId, owner, attempts, retryAt, error);
  }

  @Override
  public boolean markResolved(
      String entryId, String owner, Instant now, List<OutboxEntry> deliveries) {
    return delegate.markResolved(entryId, owner, now, deliveries);
  }

  @Override
  public List<OutboxEntry> list(OutboxState state, @Nullable String channel, int limit) {
    return delegate.list(state, channel, limit);
  }

  @Override
  public boolean redrive(String entryId, Instant now) {
    return delegate.redrive(entryId, now);
  }

  @Override
  public int redriveAll(@Nullable String channel, Instant now) {
    return delegate.redriveAll(channel, now);
  }

  @Override
  public Map<String, Long> count(OutboxState state) {
    return delegate.count(state);
  }

  @Override
  public int purgeDelivered(Instant before) {
    return delegate.purgeDelivered(before);
  }
}
