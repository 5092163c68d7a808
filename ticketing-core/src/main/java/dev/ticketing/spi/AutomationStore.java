package dev.ticketing.spi;

import dev.ticketing.ConflictException;
import dev.ticketing.automation.Since;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where automation rules, their versions, the tickets' time-rule clocks and the time rules'
 * firings are kept. The engine decides; the store persists. It must share the ticket store's units
 * of work (on a database, the same transactions; in memory, {@code InMemoryAutomationStore.beside}),
 * so that what a rule does commits with the change that fired it: the engine writes to it inside
 * the ticket store's units of work and opens none of its own around them.
 *
 * @since 0.2
 */
public interface AutomationStore {

  /** Runs {@code work} in a unit of work (joins one open on this thread). */
  <T> T inTransaction(Supplier<T> work);

  /** Stores a new rule and its first version. */
  void insertRule(RuleRecord rule);

  /**
   * Replaces a rule whose stored revision is {@code rule.revision() - 1}; when {@code rule.version()}
   * is newer than the stored one, keeps the new version too.
   *
   * @throws ConflictException when the stored revision is another (or the rule is gone)
   */
  void updateRule(RuleRecord rule);

  /** Deletes a rule and its firings; its versions stay. */
  void deleteRule(String ruleId);

  Optional<RuleRecord> findRule(String ruleId);

  /** Every rule, in no particular order. */
  List<RuleRecord> rules();

  /** Every version of a rule, oldest first (each as it was saved). */
  List<RuleRecord> ruleVersions(String ruleId);

  Optional<TicketClock> ticketClock(String ticketId);

  /** Inserts or replaces a ticket's clock. */
  void saveTicketClock(TicketClock clock);

  void deleteTicketClock(String ticketId);

  /**
   * Claims up to {@code limit} clocks whose {@code since} moment is at or before {@code cutoff},
   * whose ticket id sorts after {@code afterTicketId} ({@code ""}: from the start) and that have no
   * firing of {@code ruleId} for their current cycle of {@code since}, by ticket id, locking them
   * for the unit of work and skipping those another unit holds.
   */
  List<TicketClock> claimDue(
      String ruleId, Since since, Instant cutoff, String afterTicketId, int limit);

  /**
   * Records that {@code ruleId} fired on {@code ticketId} in {@code cycle} of {@code since};
   * returns false, recording nothing, when that firing is already recorded (also by a unit that
   * committed meanwhile).
   */
  boolean recordFiring(String ruleId, String ticketId, Since since, int cycle, Instant at);
}
