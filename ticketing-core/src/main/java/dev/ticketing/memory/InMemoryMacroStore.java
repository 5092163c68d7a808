package dev.ticketing.memory;

import dev.ticketing.ConflictException;
import dev.ticketing.Macro;
import dev.ticketing.spi.MacroStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link MacroStore} in memory: units of work of its own (one writer at a time, undone when the
 * work throws). Meant for tests, examples and prototypes.
 *
 * @since 0.2.0
 */
public final class InMemoryMacroStore implements MacroStore {

  private static final Comparator<Macro> BY_NAME =
      Comparator.comparing((Macro m) -> m.name().toLowerCase(Locale.ROOT)).thenComparing(Macro::id);

  private final Transactions tx = new Transactions();
  private final Map<String, Macro> byId = new HashMap<>();

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return tx.inTransaction(work);
  }

  @Override
  public void insert(Macro macro) {
    inTransaction(
        () -> {
          tx.beginWrite("insertMacro");
          if (byId.containsKey(macro.id()) || nameTaken(macro.name(), macro.id())) {
            throw ConflictException.conflict(
                "macro " + macro.name() + " exists", new IllegalStateException("duplicate"));
          }
          tx.put(byId, macro.id(), macro);
          return null;
        });
  }

  @Override
  public void update(Macro macro, long expectedVersion) {
    inTransaction(
        () -> {
          tx.beginWrite("updateMacro");
          Macro old = byId.get(macro.id());
          if (old == null
              || old.version() != expectedVersion
              || nameTaken(macro.name(), macro.id())) {
            throw ConflictException.conflict(
                "macro " + macro.id() + " changed meanwhile",
                new IllegalStateException("version " + expectedVersion));
          }
          tx.put(byId, macro.id(), macro);
          return null;
        });
  }

  @Override
  public boolean delete(String macroId, long expectedVersion) {
    return inTransaction(
        () -> {
          tx.beginWrite("deleteMacro");
          Macro old = byId.get(macroId);
          if (old == null || old.version() != expectedVersion) {
            return false;
          }
          tx.remove(byId, macroId);
          return true;
        });
  }

  @Override
  public Optional<Macro> find(String macroId) {
    return tx.read(() -> Optional.ofNullable(byId.get(macroId)));
  }

  @Override
  public Optional<Macro> findByName(String name) {
    return tx.read(
        () -> byId.values().stream().filter(m -> m.name().equalsIgnoreCase(name)).findFirst());
  }

  @Override
  public List<Macro> all() {
    return tx.read(
        () -> {
          List<Macro> out = new ArrayList<>(byId.values());
          out.sort(BY_NAME);
          return List.copyOf(out);
        });
  }

  private boolean nameTaken(String name, String exceptId) {
    return byId.values().stream()
        .anyMatch(m -> !m.id().equals(exceptId) && m.name().equalsIgnoreCase(name));
  }
}
