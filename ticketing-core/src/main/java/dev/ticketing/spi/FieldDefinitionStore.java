package dev.ticketing.spi;

import dev.ticketing.FieldDefinition;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where custom field definitions live, every version of each. The engine decides what a valid
 * definition and version are; the store keeps them. Values on tickets live with the tickets ({@link
 * TicketRecord#fields()}).
 *
 * @since 0.2.0
 */
public interface FieldDefinitionStore {

  /** Runs {@code work} in one unit of work (joining the current one, if any). */
  <T> T inTransaction(Supplier<T> work);

  /** The latest version of every field, active or retired, ordered by key. */
  List<FieldDefinition> current();

  /** Every version of one field, oldest first; empty when no such field. */
  List<FieldDefinition> versions(String key);

  /**
   * Appends a version. Throws {@link dev.ticketing.ConflictException} when the field already has
   * this version (a concurrent change won), writing nothing.
   */
  void append(FieldDefinition version);
}
