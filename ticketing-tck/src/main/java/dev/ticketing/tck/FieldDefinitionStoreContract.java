package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.ConflictException;
import dev.ticketing.FieldDefinition;
import dev.ticketing.FieldType;
import dev.ticketing.FieldVisibility;
import dev.ticketing.spi.FieldDefinitionStore;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link FieldDefinitionStore} must show, as an abstract JUnit Jupiter suite:
 * every version of every field kept with each component as written, the latest version of each key
 * as the current definitions, and a version written twice refused as a conflict, writing nothing.
 *
 * <pre>{@code
 * class JpaFieldDefinitionStorePostgresIT extends FieldDefinitionStoreContract {
 *   protected FieldDefinitionStore createStore() { return new JpaFieldDefinitionStore(tx); }
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
public abstract class FieldDefinitionStoreContract {

  /** A base instant at microsecond precision. */
  protected static final Instant T0 = Instant.parse("2026-05-04T10:00:00.123456Z");

  private FieldDefinitionStore store;

  /** A fresh store over no definitions. */
  protected abstract FieldDefinitionStore createStore();

  @BeforeEach
  void freshStore() {
    store = createStore();
  }

  private static FieldDefinition version(
      String key, int version, FieldType type, List<String> choices, @Nullable String pattern) {
    return new FieldDefinition(
        key,
        "Label of " + key + " v" + version,
        type,
        version % 2 == 0 ? "billing" : null,
        version == 1,
        version % 2 == 0 ? FieldVisibility.CUSTOMERS : FieldVisibility.STAFF,
        choices,
        pattern,
        version < 3,
        version,
        T0.plusSeconds(version),
        "admin-" + version);
  }

  private void append(FieldDefinition d) {
    store.inTransaction(
        () -> {
          store.append(d);
          return null;
        });
  }

  @Test
  void noFieldsAtFirst() {
    assertThat(store.current()).isEmpty();
    assertThat(store.versions("plan")).isEmpty();
  }

  @Test
  void everyVersionIsKeptAsWrittenAndTheLatestIsCurrent() {
    FieldDefinition p1 =
        version("plan", 1, FieldType.CHOICE, List.of("free", "pro", "gold plus", "ünïcode"), null);
    FieldDefinition p2 = version("plan", 2, FieldType.CHOICE, List.of("free", "pro"), null);
    FieldDefinition p3 = version("plan", 3, FieldType.CHOICE, List.of("pro"), null);
    FieldDefinition order = version("order", 1, FieldType.PATTERN, List.of(), "ORD-\\d{6}");
    FieldDefinition seats = version("a_seats", 1, FieldType.NUMBER, List.of(), null);
    append(p1);
    append(order);
    append(p2);
    append(seats);
    append(p3);

    assertThat(store.versions("plan")).containsExactly(p1, p2, p3);
    assertThat(store.current()).containsExactly(seats, order, p3);
  }

  @Test
  void aVersionWrittenTwiceIsAConflictAndWritesNothing() {
    FieldDefinition p1 = version("plan", 1, FieldType.CHOICE, List.of("free"), null);
    append(p1);
    FieldDefinition again = version("plan", 1, FieldType.CHOICE, List.of("other"), null);

    assertThatThrownBy(() -> append(again)).isInstanceOf(ConflictException.class);
    assertThat(store.versions("plan")).containsExactly(p1);
  }
}
