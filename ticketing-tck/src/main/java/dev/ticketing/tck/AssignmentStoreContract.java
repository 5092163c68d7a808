package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.assignment.AgentProfile;
import dev.ticketing.assignment.AgentState;
import dev.ticketing.assignment.Availability;
import dev.ticketing.spi.AssignmentStore;
import dev.ticketing.testsupport.Race;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link dev.ticketing.spi.AssignmentStore} must show, as an abstract JUnit
 * Jupiter suite: profiles kept as written, loads that only {@code adjustLoad} and {@code setLoad}
 * move and that roll back with their unit of work, and claims that check room under a lock, so
 * that racing units of work never take an agent past capacity. A store module runs it with a few
 * lines:
 *
 * <pre>{@code
 * class JpaAssignmentStorePostgresIT extends AssignmentStoreContract {
 *   protected AssignmentStore createStore() { return new JpaAssignmentStore(transactions); }
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
public abstract class AssignmentStoreContract {

  /** A base instant at microsecond precision. */
  protected static final Instant T0 = Instant.parse("2026-05-04T10:00:00.123456Z");

  protected AssignmentStore store;

  /** A fresh store over an empty table. */
  protected abstract AssignmentStore createStore();

  @BeforeEach
  void freshStore() {
    store = createStore();
  }

  private <T> T tx(Supplier<T> work) {
    return store.inTransaction(work);
  }

  private void save(AgentProfile p, int load) {
    tx(
        () -> {
          store.saveAgent(p, load);
          return null;
        });
  }

  private AgentState agent(String id) {
    return store.agent(id).orElseThrow();
  }

  @Test
  void aNewAgentIsKeptAsWrittenWithTheLoadGivenAndNoTurnYet() {
    save(new AgentProfile("sarah", Set.of("lang:de", "category:billing"), 7, Availability.AWAY), 3);

    AgentState s = agent("sarah");
    assertThat(s.profile().skills()).containsExactly("category:billing", "lang:de");
    assertThat(s.profile().capacity()).isEqualTo(7);
    assertThat(s.profile().availability()).isEqualTo(Availability.AWAY);
    assertThat(s.load()).isEqualTo(3);
    assertThat(s.lastAssignedAt()).isNull();
    assertThat(store.agent("nobody")).isEmpty();
  }

  @Test
  void savingAKnownAgentChangesTheProfileAndKeepsLoadAndTurn() {
    save(AgentProfile.of("sarah", 5, "a"), 2);
    assertThat(tx(() -> store.claim("sarah", T0))).isTrue();

    save(new AgentProfile("sarah", Set.of("b", "c"), 9, Availability.AWAY), 0);

    AgentState s = agent("sarah");
    assertThat(s.profile().skills()).containsExactly("b", "c");
    assertThat(s.profile().capacity()).isEqualTo(9);
    assertThat(s.profile().availability()).isEqualTo(Availability.AWAY);
    assertThat(s.load()).isEqualTo(2);
    assertThat(s.lastAssignedAt()).isEqualTo(T0);
  }

  @Test
  void agentsAreListedByIdAndDeletedOnce() {
    save(AgentProfile.of("mike", 1), 0);
    save(AgentProfile.of("ada", 1), 0);
    save(AgentProfile.of("sarah", 1), 0);

    assertThat(store.agents())
        .extracting(AgentState::agentId)
        .containsExactly("ada", "mike", "sarah");
    assertThat(tx(() -> store.deleteAgent("mike"))).isTrue();
    assertThat(tx(() -> store.deleteAgent("mike"))).isFalse();
    assertThat(store.agents()).extracting(AgentState::agentId).containsExactly("ada", "sarah");
  }

  @Test
  void aClaimSucceedsOnlyForAnAvailableAgentUnderCapacityAndMovesTheTurn() {
    save(AgentProfile.of("sarah", 2), 1);
    save(AgentProfile.of("mike", 2), 2);
    save(new AgentProfile("ada", Set.of(), 2, Availability.AWAY), 0);
    Instant later = T0.plus(5, ChronoUnit.MINUTES);

    assertThat(tx(() -> store.claim("sarah", later))).isTrue();
    assertThat(tx(() -> store.claim("mike", later))).as("at capacity").isFalse();
    assertThat(tx(() -> store.claim("ada", later))).as("away").isFalse();
    assertThat(tx(() -> store.claim("nobody", later))).isFalse();

    assertThat(agent("sarah").lastAssignedAt()).isEqualTo(later);
    assertThat(agent("sarah").load()).as("a claim alone moves no load").isEqualTo(1);
    assertThat(agent("mike").lastAssignedAt()).isNull();
    assertThat(agent("ada").lastAssignedAt()).isNull();
  }

  @Test
  void loadsMoveByAdjustAndSetAndUnknownAgentsAreIgnored() {
    save(AgentProfile.of("sarah", 5), 0);

    tx(
        () -> {
          store.adjustLoad("sarah", 1);
          store.adjustLoad("sarah", 1);
          store.adjustLoad("sarah", -1);
          store.adjustLoad("nobody", 1);
          return null;
        });
    assertThat(agent("sarah").load()).isEqualTo(1);
    assertThat(tx(() -> store.agentForUpdate("sarah")).orElseThrow().load()).isEqualTo(1);
    assertThat(tx(() -> store.agentForUpdate("nobody"))).isEmpty();
    tx(
        () -> {
          store.setLoad("sarah", 4);
          return null;
        });
    assertThat(agent("sarah").load()).isEqualTo(4);
    assertThat(store.agent("nobody")).isEmpty();
  }

  @Test
  void aUnitOfWorkThatFailsLeavesLoadAndTurnAsTheyWere() {
    save(AgentProfile.of("sarah", 5), 2);

    try {
      tx(
          () -> {
            store.claim("sarah", T0);
            store.adjustLoad("sarah", 1);
            throw new IllegalStateException("the assignment failed");
          });
    } catch (IllegalStateException expected) {
      // rolled back
    }

    assertThat(agent("sarah").load()).isEqualTo(2);
    assertThat(agent("sarah").lastAssignedAt()).isNull();
  }

  @Test
  void racingClaimsNeverTakeAnAgentPastCapacity() throws Exception {
    int capacity = 5;
    save(AgentProfile.of("sarah", capacity), 0);

    List<Race.Outcome<Boolean>> outcomes =
        Race.run(
            16,
            i ->
                () ->
                    tx(
                        () -> {
                          if (!store.claim("sarah", T0.plusSeconds(i))) {
                            return false;
                          }
                          store.adjustLoad("sarah", 1);
                          return true;
                        }));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).as(o.stackTrace()).isNull());
    assertThat(outcomes.stream().filter(o -> Boolean.TRUE.equals(o.value())).count())
        .isEqualTo(capacity);
    assertThat(agent("sarah").load()).isEqualTo(capacity);
  }
}
