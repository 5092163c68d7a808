package dev.ticketing.memory;

import dev.ticketing.spi.ObjectDeletion;
import dev.ticketing.spi.UploadGrant;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The upload grants, their claims and the scheduled object deletions of an {@link
 * InMemoryTicketStore}, under its units of work: the store's file-handling capability on its own.
 */
final class InMemoryUploads {

  private record Claim(String token, Instant until) {}

  static final Comparator<UploadGrant> EXPIRY_ORDER =
      Comparator.comparing(UploadGrant::expiresAt).thenComparing(UploadGrant::objectKey);

  private static final Comparator<ObjectDeletion> DELETION_ORDER =
      Comparator.comparing(ObjectDeletion::notBefore).thenComparing(ObjectDeletion::objectKey);

  private final Transactions tx;

  /** Throws when a grant names a ticket the store does not hold. */
  private final Consumer<String> requireTicket;

  private final Map<String, UploadGrant> grants = new HashMap<>();

  /** Object key of a grant to its current claim. */
  private final Map<String, Claim> claims = new HashMap<>();

  /** Object key to when it may be deleted. */
  private final Map<String, Instant> objectDeletions = new HashMap<>();

  InMemoryUploads(Transactions tx, Consumer<String> requireTicket) {
    this.tx = tx;
    this.requireTicket = requireTicket;
  }

  /** Removes the grants of a purged ticket, in the unit of work; returns them, earliest expiry first. */
  List<UploadGrant> removeTicket(String ticketId) {
    List<UploadGrant> outstanding =
        grants.values().stream()
            .filter(g -> g.ticketId().equals(ticketId))
            .sorted(EXPIRY_ORDER)
            .toList();
    for (UploadGrant g : outstanding) {
      tx.remove(grants, g.objectKey());
      tx.remove(claims, g.objectKey());
    }
    return outstanding;
  }

  public void saveUploadGrant(UploadGrant grant) {
    tx.beginWrite("saveUploadGrant");
    requireTicket.accept(grant.ticketId());
    tx.put(grants, grant.objectKey(), grant);
    tx.remove(claims, grant.objectKey());
  }

  Optional<UploadGrant> findUploadGrant(String objectKey) {
    return tx.read(() -> Optional.ofNullable(grants.get(objectKey)));
  }

  boolean claimUploadGrant(String objectKey, String claim, Instant now, Instant claimedUntil) {
    tx.beginWrite("claimUploadGrant");
    if (!grants.containsKey(objectKey)) {
      return false;
    }
    Claim current = claims.get(objectKey);
    if (current != null && current.until().isAfter(now)) {
      return false;
    }
    tx.put(claims, objectKey, new Claim(claim, claimedUntil));
    return true;
  }

  boolean releaseUploadGrant(String objectKey, String claim) {
    tx.beginWrite("releaseUploadGrant");
    if (!heldBy(objectKey, claim)) {
      return false;
    }
    tx.remove(claims, objectKey);
    return true;
  }

  boolean deleteClaimedUploadGrant(String objectKey, String claim) {
    tx.beginWrite("deleteClaimedUploadGrant");
    if (!heldBy(objectKey, claim)) {
      return false;
    }
    tx.remove(claims, objectKey);
    return tx.remove(grants, objectKey) != null;
  }

  private boolean heldBy(String objectKey, String claim) {
    Claim current = claims.get(objectKey);
    return grants.containsKey(objectKey) && current != null && current.token().equals(claim);
  }

  boolean deleteUploadGrant(String objectKey) {
    tx.beginWrite("deleteUploadGrant");
    tx.remove(claims, objectKey);
    return tx.remove(grants, objectKey) != null;
  }

  List<UploadGrant> expiredUploadGrants(Instant cutoff, int limit) {
    return tx.read(
        () ->
            grants.values().stream()
                .filter(g -> !g.expiresAt().isAfter(cutoff))
                .sorted(EXPIRY_ORDER)
                .limit(limit)
                .toList());
  }

  // ---- object deletions

  void scheduleObjectDeletions(Collection<ObjectDeletion> deletions) {
    tx.beginWrite("scheduleObjectDeletions");
    for (ObjectDeletion d : deletions) {
      Instant scheduled = objectDeletions.get(d.objectKey());
      if (scheduled == null || d.notBefore().isAfter(scheduled)) {
        tx.put(objectDeletions, d.objectKey(), d.notBefore());
      }
    }
  }

  List<ObjectDeletion> dueObjectDeletions(Instant now, int limit) {
    return tx.read(
        () ->
            objectDeletions.entrySet().stream()
                .filter(e -> !e.getValue().isAfter(now))
                .map(e -> new ObjectDeletion(e.getKey(), e.getValue()))
                .sorted(DELETION_ORDER)
                .limit(limit)
                .toList());
  }

  int cancelObjectDeletions(Collection<String> objectKeys) {
    tx.beginWrite("cancelObjectDeletions");
    int removed = 0;
    for (String key : new LinkedHashSet<>(objectKeys)) {
      if (tx.remove(objectDeletions, key) != null) {
        removed++;
      }
    }
    return removed;
  }

  /** Every scheduled object deletion, due or not, earliest first. */
  List<ObjectDeletion> scheduledObjectDeletions() {
    return tx.read(
        () ->
            objectDeletions.entrySet().stream()
                .map(e -> new ObjectDeletion(e.getKey(), e.getValue()))
                .sorted(DELETION_ORDER)
                .toList());
  }
}
