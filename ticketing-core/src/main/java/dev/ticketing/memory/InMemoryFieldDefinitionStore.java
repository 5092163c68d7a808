package dev.ticketing.memory;

import dev.ticketing.ConflictException;
import dev.ticketing.FieldDefinition;
import dev.ticketing.spi.FieldDefinitionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@link FieldDefinitionStore} in memory, for tests and single-process hosts. Thread-safe: one lock
 * around every call.
 *
 * @since 0.2.0
 */
public final class InMemoryFieldDefinitionStore implements FieldDefinitionStore {

  private final Map<String, List<FieldDefinition>> versions = new TreeMap<>();

  @Override
  public synchronized <T> T inTransaction(Supplier<T> work) {
    return work.get();
  }

  @Override
  public synchronized List<FieldDefinition> current() {
    List<FieldDefinition> out = new ArrayList<>();
    versions.values().forEach(v -> out.add(v.get(v.size() - 1)));
    return out;
  }

  @Override
  public synchronized List<FieldDefinition> versions(String key) {
    return List.copyOf(versions.getOrDefault(key, List.of()));
  }

  @Override
  public synchronized void append(FieldDefinition version) {
    List<FieldDefinition> known = versions.computeIfAbsent(version.key(), k -> new ArrayList<>());
    if (known.stream().anyMatch(d -> d.version() == version.version())) {
      throw new ConflictException(version.key());
    }
    known.add(version);
    known.sort((a, b) -> Integer.compare(a.version(), b.version()));
  }
}
