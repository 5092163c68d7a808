package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.ConflictException;
import dev.ticketing.Macro;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.MacroStore;
import dev.ticketing.testsupport.Race;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MacroStore} must show, as an abstract JUnit Jupiter suite: macros
 * kept with every part as written, names unique case-insensitively, updates and deletes guarded by
 * the version the caller read, listings by name. A store module runs it by returning a fresh store
 * over an empty table from {@link #createStore()}.
 *
 * @since 0.2.0
 */
public abstract class MacroStoreContract {

  /** A base instant at microsecond precision. */
  protected static final Instant T0 = Instant.parse("2026-12-07T10:00:00.123456Z");

  protected MacroStore store;

  /** A fresh store over an empty table. */
  protected abstract MacroStore createStore();

  @BeforeEach
  void freshStore() {
    store = createStore();
  }

  protected static Macro macro(String name, long version, @Nullable String body) {
    return new Macro(
        UUID.randomUUID().toString(),
        name,
        "For " + name,
        body,
        true,
        Status.RESOLVED,
        Priority.HIGH,
        List.of("billing", "vip"),
        List.of("triage"),
        null,
        true,
        Set.of(Role.AGENT, Role.ADMIN),
        version,
        T0,
        T0.plusSeconds(version),
        "admin");
  }

  private static Macro next(Macro m, String name) {
    return new Macro(
        m.id(),
        name,
        null,
        "Hello {{requester.name}}",
        false,
        null,
        null,
        List.of(),
        List.of(),
        "sarah",
        false,
        Set.of(Role.SUPER_ADMIN),
        m.version() + 1,
        m.createdAt(),
        m.updatedAt().plusSeconds(60),
        "root");
  }

  @Test
  void aMacroReadsBackAsWritten() {
    Macro m = macro("Solved", 1, "Hi {{requester.name}}, {{ticket.title}} is fixed.\nBye");
    store.inTransaction(
        () -> {
          store.insert(m);
          return null;
        });

    assertThat(store.find(m.id())).contains(m);
    assertThat(store.findByName("sOlVeD")).contains(m);
    assertThat(store.find("missing")).isEmpty();
  }

  @Test
  void aMacroWithoutBodyOrOptionalPartsReadsBackAsWritten() {
    Macro m = next(macro("Tag only", 1, null), "Tag only");
    Macro bare =
        new Macro(
            m.id(),
            m.name(),
            null,
            null,
            false,
            null,
            null,
            List.of("x"),
            List.of(),
            null,
            false,
            Set.of(Role.AGENT),
            1,
            T0,
            T0,
            "admin");
    store.insert(bare);
    assertThat(store.find(bare.id())).contains(bare);
  }

  @Test
  void namesAreUniqueCaseInsensitively() {
    store.insert(macro("Refund", 1, "x"));
    assertThatThrownBy(() -> store.insert(macro("REFUND", 1, "y")))
        .isInstanceOf(ConflictException.class);
    assertThat(store.all()).hasSize(1);
  }

  @Test
  void anUpdateNeedsTheVersionItRead() {
    Macro m = macro("Solved", 1, "x");
    store.insert(m);
    Macro v2 = next(m, "Solved for good");

    store.update(v2, 1);

    assertThat(store.find(m.id())).contains(v2);
    assertThatThrownBy(() -> store.update(next(m, "Stale"), 1))
        .isInstanceOf(ConflictException.class);
    assertThat(store.find(m.id())).contains(v2);
    assertThat(store.findByName("Solved")).isEmpty();
    assertThat(store.findByName("solved for good")).contains(v2);
  }

  @Test
  void ofConcurrentUpdatesFromTheSameVersionExactlyOneWins() throws Exception {
    Macro m = macro("Raced", 1, "x");
    store.insert(m);

    List<Race.Outcome<Object>> outcomes =
        Race.run(
            4,
            i ->
                () -> {
                  store.inTransaction(
                      () -> {
                        store.update(next(m, "Raced " + i), 1);
                        return null;
                      });
                  return "ok";
                });

    assertThat(outcomes.stream().map(Race.Outcome::ending))
        .as("%s", outcomes.stream().map(Race.Outcome::stackTrace).toList())
        .containsOnly("ok", "CONFLICT")
        .filteredOn("ok"::equals)
        .hasSize(1);
    assertThat(store.find(m.id())).hasValueSatisfying(v -> assertThat(v.version()).isEqualTo(2));
  }

  @Test
  void anUpdateToATakenNameIsRefused() {
    Macro a = macro("A", 1, "x");
    Macro b = macro("B", 1, "x");
    store.insert(a);
    store.insert(b);
    assertThatThrownBy(() -> store.update(next(b, "a"), 1)).isInstanceOf(ConflictException.class);
    assertThat(store.find(b.id())).contains(b);
  }

  @Test
  void aDeleteNeedsTheVersionItRead() {
    Macro m = macro("Solved", 1, "x");
    store.insert(m);

    assertThat(store.delete(m.id(), 2)).isFalse();
    assertThat(store.find(m.id())).isPresent();
    assertThat(store.delete(m.id(), 1)).isTrue();
    assertThat(store.find(m.id())).isEmpty();
    assertThat(store.delete(m.id(), 1)).isFalse();
  }

  @Test
  void allListsByNameCaseInsensitively() {
    store.insert(macro("beta", 1, "x"));
    store.insert(macro("Alpha", 1, "x"));
    store.insert(macro("Gamma", 1, "x"));

    assertThat(store.all()).extracting(Macro::name).containsExactly("Alpha", "beta", "Gamma");
  }

  @Test
  void aFailedUnitOfWorkLeavesNoMacro() {
    Macro m = macro("Rolled back", 1, "x");
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    () -> {
                      store.insert(m);
                      throw new IllegalStateException("boom");
                    }))
        .hasMessageContaining("boom");
    assertThat(store.find(m.id())).isEmpty();
  }
}
