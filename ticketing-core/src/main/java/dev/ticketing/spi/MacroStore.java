package dev.ticketing.spi;

import dev.ticketing.Macro;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where macro definitions are kept. The engine decides everything (names, limits, variables,
 * versions); a store only persists, and guards each write with the version the caller read. Every
 * implementation passes {@code MacroStoreContract} from {@code ticketing-tck}.
 *
 * @since 0.2.0
 */
public interface MacroStore {

  /** Runs {@code work} in a unit of work (joining one already open on this thread). */
  <T> T inTransaction(Supplier<T> work);

  /**
   * Adds a macro at version 1.
   *
   * @throws dev.ticketing.ConflictException when its name (case-insensitively) or id is taken
   */
  void insert(Macro macro);

  /**
   * Replaces the macro of {@code macro.id()} if it is still at {@code expectedVersion}; {@code
   * macro} carries the next version.
   *
   * @throws dev.ticketing.ConflictException when it is at another version, is gone, or the new name
   *     is taken
   */
  void update(Macro macro, long expectedVersion);

  /**
   * Deletes the macro if it is at {@code expectedVersion}; false when it is at another version or
   * gone.
   */
  boolean delete(String macroId, long expectedVersion);

  Optional<Macro> find(String macroId);

  /** The macro of this name, compared case-insensitively. */
  Optional<Macro> findByName(String name);

  /** Every macro, by name (case-insensitively), then id. */
  List<Macro> all();
}
