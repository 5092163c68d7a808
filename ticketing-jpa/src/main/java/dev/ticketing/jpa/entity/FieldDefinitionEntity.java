package dev.ticketing.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Row of {@code ticketing_field_definition}: one version of a custom field's definition. Enums are
 * stored by name; choices one per line.
 *
 * @since 0.2.0
 */
@Entity
@Table(name = "ticketing_field_definition")
@IdClass(FieldDefinitionEntity.Key.class)
public class FieldDefinitionEntity {

  // Private: Hibernate then makes instances by reflection rather than generating an instantiator
  // class for this entity while the host's persistence unit starts (as for proxies, see
  // TicketingEntitiesWithoutProxies); the store makes new rows with create().
  private FieldDefinitionEntity() {}

  /**
   * A new, empty row for the store to fill in.
   *
   * @return the row
   */
  public static FieldDefinitionEntity create() {
    return new FieldDefinitionEntity();
  }

  /** Column {@code field_key}. */
  @Id
  @Column(name = "field_key", length = 64)
  public String fieldKey = "";

  /** Column {@code version}. */
  @Id
  @Column(name = "version")
  public int version;

  /** Column {@code label}. */
  @Column(name = "label", length = 200, nullable = false)
  public String label = "";

  /** Column {@code field_type}. */
  @Column(name = "field_type", length = 20, nullable = false)
  public String fieldType = "";

  /** Column {@code category}. */
  @Column(name = "category", length = 128)
  public @Nullable String category;

  /** Column {@code required}. */
  @Column(name = "required", nullable = false)
  public boolean required;

  /** Column {@code visibility}. */
  @Column(name = "visibility", length = 20, nullable = false)
  public String visibility = "";

  /** Column {@code choices}. */
  @Column(name = "choices", length = 1_000_000)
  public @Nullable String choices;

  /** Column {@code pattern}. */
  @Column(name = "pattern", length = 500)
  public @Nullable String pattern;

  /** Column {@code active}. */
  @Column(name = "active", nullable = false)
  public boolean active;

  /** Column {@code changed_at}. */
  @Column(name = "changed_at", nullable = false)
  public Instant changedAt = Instant.EPOCH;

  /** Column {@code changed_by}. */
  @Column(name = "changed_by", length = 128, nullable = false)
  public String changedBy = "";

  /**
   * The primary key: field and version.
   *
   * @since 0.2.0
   */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The key part {@code fieldKey}, as in the entity. */
    public String fieldKey = "";

    /** The key part {@code version}, as in the entity. */
    public int version;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && fieldKey.equals(k.fieldKey) && version == k.version;
    }

    @Override
    public int hashCode() {
      return Objects.hash(fieldKey, version);
    }
  }
}
