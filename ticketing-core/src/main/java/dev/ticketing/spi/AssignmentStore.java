package dev.ticketing.spi;

import dev.ticketing.assignment.AgentProfile;
import dev.ticketing.assignment.AgentState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where agents' assignment profiles and loads are kept: one record per agent, its load moved in the
 * unit of work of every change that gives or takes an open ticket. Every implementation passes
 * {@code AssignmentStoreContract} from {@code ticketing-tck}.
 *
 * <p><b>Units of work.</b> {@link #inTransaction} runs work in one unit of work, joining one open
 * on the thread; the engine opens it around the ticket store's, so loads commit or roll back with
 * the change. A store on the same database as the ticket store shares its transaction.
 *
 * <p><b>Never over capacity.</b> {@link #claim} checks an agent's availability and room and locks
 * the agent's record in one step, the lock held until the unit of work ends; the load is then
 * raised by {@link #adjustLoad} in the same unit of work. Two units of work claiming the same
 * agent therefore take turns, and the second sees the first one's load.
 *
 * @since 0.2.0
 */
public interface AssignmentStore {

  /** Runs {@code work} in a unit of work (joining one already open on this thread). */
  <T> T inTransaction(Supplier<T> work);

  /** Every agent, by agent id. */
  List<AgentState> agents();

  /** One agent. */
  Optional<AgentState> agent(String agentId);

  /**
   * Keeps a profile: a new agent starts with {@code load} and no last assignment; a known agent
   * keeps their load and last assignment and takes the profile's skills, capacity and availability.
   */
  void saveAgent(AgentProfile profile, int load);

  /** Deletes an agent's record; false when there was none. */
  boolean deleteAgent(String agentId);

  /**
   * If the agent is available and their load is under capacity, records {@code at} as their last
   * assignment, locks their record until the unit of work ends and returns true; otherwise changes
   * nothing and returns false. Waits for a unit of work that holds the record. Must run inside
   * {@link #inTransaction}.
   */
  boolean claim(String agentId, Instant at);

  /**
   * Adds {@code delta} (positive or negative) to the agent's load; nothing for an agent without a
   * record. Locks the record until the unit of work ends.
   */
  void adjustLoad(String agentId, int delta);

  /**
   * The agent's record, locked until the unit of work ends (waiting for a unit that holds it);
   * empty for an unknown agent. Must run inside {@link #inTransaction}.
   */
  Optional<AgentState> agentForUpdate(String agentId);

  /** Sets the agent's load (reconciliation, under {@link #agentForUpdate}'s lock). */
  void setLoad(String agentId, int load);
}
