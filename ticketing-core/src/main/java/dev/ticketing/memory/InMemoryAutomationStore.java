package dev.ticketing.memory;

import dev.ticketing.ConflictException;
import dev.ticketing.automation.RuleMatcher;
import dev.ticketing.automation.Since;
import dev.ticketing.spi.AutomationStore;
import dev.ticketing.spi.RuleRecord;
import dev.ticketing.spi.TicketClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Automation rules, their versions, time-rule clocks and firings in memory: for tests, examples and
 * prototypes. Beside an {@link InMemoryTicketStore} ({@link #beside}) it shares that store's units
 * of work, so that what a rule does commits or rolls back with the change that fired it.
 *
 * @since 0.2
 */
public final class InMemoryAutomationStore implements AutomationStore {

  private final Transactions tx;
  private final Map<String, RuleRecord> rules = new HashMap<>();
  private final Map<String, RuleRecord> versions = new HashMap<>();
  private final Map<String, TicketClock> clocks = new TreeMap<>();
  private final Set<String> firings = new HashSet<>();

  /** A store with units of work of its own. */
  public InMemoryAutomationStore() {
    this(new Transactions());
  }

  private InMemoryAutomationStore(Transactions tx) {
    this.tx = tx;
  }

  /** A store whose units of work are those of {@code tickets}. */
  public static InMemoryAutomationStore beside(InMemoryTicketStore tickets) {
    return new InMemoryAutomationStore(tickets.transactions());
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return tx.inTransaction(work);
  }

  @Override
  public void insertRule(RuleRecord rule) {
    tx.beginWrite("insertRule");
    if (rules.containsKey(rule.id())) {
      throw ConflictException.conflict(
          "rule " + rule.id() + " exists", new IllegalStateException("duplicate rule id"));
    }
    tx.put(rules, rule.id(), rule);
    tx.put(versions, versionKey(rule.id(), rule.version()), rule);
  }

  @Override
  public void updateRule(RuleRecord rule) {
    tx.beginWrite("updateRule");
    RuleRecord old = rules.get(rule.id());
    if (old == null || old.revision() != rule.revision() - 1) {
      throw ConflictException.conflict(
          "rule " + rule.id() + " changed concurrently; read it again",
          new IllegalStateException("stale revision"));
    }
    tx.put(rules, rule.id(), rule);
    if (rule.version() > old.version()) {
      tx.put(versions, versionKey(rule.id(), rule.version()), rule);
    }
  }

  @Override
  public void deleteRule(String ruleId) {
    tx.beginWrite("deleteRule");
    tx.remove(rules, ruleId);
    for (String f : new ArrayList<>(firings)) {
      if (f.startsWith(ruleId + "|")) {
        tx.removeElement(firings, f);
      }
    }
  }

  @Override
  public Optional<RuleRecord> findRule(String ruleId) {
    return tx.read(() -> Optional.ofNullable(rules.get(ruleId)));
  }

  @Override
  public List<RuleRecord> rules() {
    return tx.read(() -> List.copyOf(rules.values()));
  }

  @Override
  public List<RuleRecord> ruleVersions(String ruleId) {
    return tx.read(
        () -> {
          List<RuleRecord> out = new ArrayList<>();
          for (RuleRecord r : versions.values()) {
            if (r.id().equals(ruleId)) {
              out.add(r);
            }
          }
          out.sort((a, b) -> Integer.compare(a.version(), b.version()));
          return out;
        });
  }

  @Override
  public Optional<TicketClock> ticketClock(String ticketId) {
    return tx.read(() -> Optional.ofNullable(clocks.get(ticketId)));
  }

  @Override
  public void saveTicketClock(TicketClock clock) {
    tx.beginWrite("saveTicketClock");
    tx.put(clocks, clock.ticketId(), clock);
  }

  @Override
  public void deleteTicketClock(String ticketId) {
    tx.beginWrite("deleteTicketClock");
    tx.remove(clocks, ticketId);
    for (String f : new ArrayList<>(firings)) {
      if (f.contains("|" + ticketId + "|")) {
        tx.removeElement(firings, f);
      }
    }
  }

  @Override
  public List<TicketClock> claimDue(
      String ruleId, Since since, Instant cutoff, String afterTicketId, int limit) {
    tx.beginWrite("claimDue"); // the write lock is the lock
    List<TicketClock> out = new ArrayList<>();
    for (TicketClock c : clocks.values()) {
      if (out.size() >= limit) {
        break;
      }
      if (c.ticketId().compareTo(afterTicketId) <= 0) {
        continue;
      }
      Instant moment = RuleMatcher.moment(since, c);
      if (!moment.isAfter(cutoff)
          && !firings.contains(
              firingKey(ruleId, c.ticketId(), since, RuleMatcher.cycle(since, c)))) {
        out.add(c);
      }
    }
    return out;
  }

  @Override
  public boolean recordFiring(String ruleId, String ticketId, Since since, int cycle, Instant at) {
    tx.beginWrite("recordFiring");
    String key = firingKey(ruleId, ticketId, since, cycle);
    if (firings.contains(key)) {
      return false;
    }
    tx.add(firings, key);
    return true;
  }

  private static String versionKey(String ruleId, int version) {
    return ruleId + "|" + version;
  }

  private static String firingKey(String ruleId, String ticketId, Since since, int cycle) {
    return ruleId + "|" + ticketId + "|" + since + "|" + cycle;
  }
}
