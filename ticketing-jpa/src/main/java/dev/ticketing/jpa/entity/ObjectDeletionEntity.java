package dev.ticketing.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Row of {@code ticketing_object_deletion}: an object to delete from blob storage once due.
 *
 * @since 0.1.0
 */
@Entity
@Table(name = "ticketing_object_deletion")
public class ObjectDeletionEntity {

  // Private: Hibernate then makes instances by reflection rather than generating an instantiator
  // class for this entity while the host's persistence unit starts (as for proxies, see
  // TicketingEntitiesWithoutProxies); the store makes new rows with create().
  private ObjectDeletionEntity() {}

  /**
   * A new, empty row for the store to fill in.
   *
   * @return the row
   */
  public static ObjectDeletionEntity create() {
    return new ObjectDeletionEntity();
  }

  /** Column {@code object_key}. */
  @Id
  @Column(name = "object_key", length = 700)
  public String objectKey = "";

  /** Column {@code not_before}. */
  @Column(name = "not_before", nullable = false)
  public Instant notBefore = Instant.EPOCH;
}
