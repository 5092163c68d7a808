package dev.ticketing.memory;

import dev.ticketing.spi.MailStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MailStore} in memory, for tests and single-process hosts: claims are atomic per key.
 *
 * @since 0.2.0
 */
public final class InMemoryMailStore implements MailStore {

  private record Row(
      String owner,
      Instant leaseUntil,
      @Nullable String outcome,
      @Nullable String ticketId,
      @Nullable Instant at) {}

  private final Map<String, Row> inbound = new ConcurrentHashMap<>();
  private final Map<String, String> sent = new ConcurrentHashMap<>();

  @Override
  public Claim claim(String messageKey, String owner, Instant now, Duration lease) {
    Claim[] result = new Claim[1];
    inbound.compute(
        messageKey,
        (k, row) -> {
          if (row == null || (row.outcome() == null && !row.leaseUntil().isAfter(now))) {
            result[0] = Claim.CLAIMED;
            return new Row(owner, now.plus(lease), null, null, null);
          }
          result[0] = row.outcome() != null ? Claim.DONE : Claim.BUSY;
          return row;
        });
    return result[0];
  }

  @Override
  public void finish(
      String messageKey, String owner, String outcome, @Nullable String ticketId, Instant at) {
    inbound.compute(
        messageKey,
        (k, row) ->
            row != null && row.outcome() != null ? row : new Row(owner, at, outcome, ticketId, at));
  }

  @Override
  public void release(String messageKey, String owner) {
    inbound.computeIfPresent(
        messageKey, (k, row) -> row.outcome() == null && row.owner().equals(owner) ? null : row);
  }

  @Override
  public Optional<Inbound> inbound(String messageKey) {
    Row row = inbound.get(messageKey);
    String outcome = row == null ? null : row.outcome();
    Instant at = row == null ? null : row.at();
    if (row == null || outcome == null || at == null) {
      return Optional.empty();
    }
    return Optional.of(new Inbound(messageKey, outcome, row.ticketId(), at));
  }

  @Override
  public void recordSent(String messageKey, String ticketId, Instant at) {
    sent.putIfAbsent(messageKey, ticketId);
  }

  @Override
  public Map<String, String> ticketsOfSent(Collection<String> messageKeys) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : messageKeys) {
      String ticket = sent.get(key);
      if (ticket != null) {
        out.put(key, ticket);
      }
    }
    return out;
  }
}
