package dev.ticketing.memory;

import dev.ticketing.ConflictException;
import dev.ticketing.spi.IdempotencyRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The idempotency key records of an {@link InMemoryTicketStore}, under its units of work. */
final class InMemoryIdempotencyKeys {

  private final Transactions tx;

  private final Map<ActorKey, IdempotencyRecord> records = new HashMap<>();

  InMemoryIdempotencyKeys(Transactions tx) {
    this.tx = tx;
  }

  Optional<IdempotencyRecord> find(String actorId, String key, Instant now) {
    return tx.read(
        () ->
            Optional.ofNullable(records.get(new ActorKey(actorId, key)))
                .filter(r -> !r.expiredAt(now)));
  }

  /**
   * Saves a record.
   *
   * <p>Units of work here are serialised, so two first uses of one key never overlap: the second
   * finds the first's record.
   */
  void save(IdempotencyRecord record) {
    tx.beginWrite("saveIdempotencyKey");
    ActorKey id = new ActorKey(record.actorId(), record.key());
    IdempotencyRecord existing = records.get(id);
    if (existing != null && !existing.expiredAt(record.createdAt())) {
      throw ConflictException.conflict(
          "idempotency key already recorded", new IllegalStateException("unique (actor, key)"));
    }
    tx.put(records, id, record);
  }

  int purge(Instant now) {
    return tx.inTransaction(
        () -> {
          tx.beginWrite("purgeIdempotencyKeys");
          List<ActorKey> expired =
              records.entrySet().stream()
                  .filter(e -> e.getValue().expiredAt(now))
                  .map(Map.Entry::getKey)
                  .toList();
          expired.forEach(k -> tx.remove(records, k));
          return expired.size();
        });
  }

  /** How many idempotency key records are stored, expired ones included. */
  int count() {
    return tx.read(records::size);
  }

  /** The primary key of an idempotency record. */
  private record ActorKey(String actorId, String key) {}
}
