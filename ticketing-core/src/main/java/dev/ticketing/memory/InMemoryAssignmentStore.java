package dev.ticketing.memory;

import dev.ticketing.assignment.AgentProfile;
import dev.ticketing.assignment.AgentState;
import dev.ticketing.spi.AssignmentStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * An {@link AssignmentStore} in memory, beside an {@link InMemoryTicketStore}. Its units of work
 * are its own (one writer at a time, undone when the work throws); the engine opens one around each
 * ticket store unit of work, so loads roll back with the change. Meant for tests, examples and
 * single-instance hosts.
 *
 * @since 0.2.0
 */
public final class InMemoryAssignmentStore implements AssignmentStore {

  private final Transactions tx = new Transactions();
  private final Map<String, AgentState> agents = new TreeMap<>();

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return tx.inTransaction(work);
  }

  @Override
  public List<AgentState> agents() {
    return tx.read(() -> List.copyOf(agents.values()));
  }

  @Override
  public Optional<AgentState> agent(String agentId) {
    return tx.read(() -> Optional.ofNullable(agents.get(agentId)));
  }

  @Override
  public void saveAgent(AgentProfile profile, int load) {
    tx.beginWrite("saveAgent");
    AgentState old = agents.get(profile.agentId());
    tx.put(
        agents,
        profile.agentId(),
        old == null
            ? new AgentState(profile, load, null)
            : new AgentState(profile, old.load(), old.lastAssignedAt()));
  }

  @Override
  public boolean deleteAgent(String agentId) {
    tx.beginWrite("deleteAgent");
    return tx.remove(agents, agentId) != null;
  }

  @Override
  public boolean claim(String agentId, Instant at) {
    tx.beginWrite("claim"); // the write lock is the lock
    AgentState a = agents.get(agentId);
    if (a == null || !a.canTakeOne()) {
      return false;
    }
    tx.put(agents, agentId, new AgentState(a.profile(), a.load(), at));
    return true;
  }

  @Override
  public void adjustLoad(String agentId, int delta) {
    tx.beginWrite("adjustLoad");
    AgentState a = agents.get(agentId);
    if (a != null) {
      tx.put(agents, agentId, new AgentState(a.profile(), a.load() + delta, a.lastAssignedAt()));
    }
  }

  @Override
  public Optional<AgentState> agentForUpdate(String agentId) {
    tx.beginWrite("agentForUpdate");
    return Optional.ofNullable(agents.get(agentId));
  }

  @Override
  public void setLoad(String agentId, int load) {
    tx.beginWrite("setLoad");
    AgentState a = agents.get(agentId);
    if (a != null) {
      tx.put(agents, agentId, new AgentState(a.profile(), load, a.lastAssignedAt()));
    }
  }
}
