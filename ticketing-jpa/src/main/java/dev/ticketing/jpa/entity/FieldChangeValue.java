package dev.ticketing.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.jspecify.annotations.Nullable;

/**
 * One changed field of an audit entry.
 *
 * @since 0.1.0
 */
@Embeddable
public class FieldChangeValue {
  /** The company of the entry's ticket, copied: what a database distributed by company routes on. */
  @Column(name = "company_id", length = 128, nullable = false)
  public String companyId = "";

  /** Column {@code field_name}. */
  @Column(name = "field_name", length = 64, nullable = false)
  public String field = "";

  /** Column {@code old_value}. */
  @Column(name = "old_value", length = 10_000)
  public @Nullable String oldValue;

  /** Column {@code new_value}. */
  @Column(name = "new_value", length = 10_000)
  public @Nullable String newValue;
}
