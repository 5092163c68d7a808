package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.ConflictException;
import dev.ticketing.automation.Since;
import dev.ticketing.spi.AutomationStore;
import dev.ticketing.spi.RuleRecord;
import dev.ticketing.spi.TicketClock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link dev.ticketing.spi.AutomationStore} must show, as an abstract JUnit
 * Jupiter suite: rules kept with every field as written, revisions that refuse a stale write,
 * every version of a definition kept (also after the rule is deleted), ticket clocks replaced
 * whole, claims of due clocks by moment, keyset and firing, and a firing recorded once per (rule,
 * ticket, cycle) even when two units of work race for it. A store module runs it with a few lines:
 *
 * <pre>{@code
 * class JpaAutomationStorePostgresIT extends AutomationStoreContract {
 *   protected AutomationStore createStore() { return new JpaAutomationStore(transactions); }
 * }
 * }</pre>
 *
 * @since 0.2
 */
public abstract class AutomationStoreContract {

  /** A base instant well after the epoch, at microsecond precision. */
  protected static final Instant T0 = Instant.parse("2026-05-04T10:00:00.123456Z");

  protected AutomationStore store;

  /** A fresh store over empty tables. */
  protected abstract AutomationStore createStore();

  @BeforeEach
  void freshStore() {
    store = createStore();
  }

  protected static String id() {
    return UUID.randomUUID().toString();
  }

  protected static RuleRecord rule(String id, long revision, int version, boolean enabled) {
    return new RuleRecord(
        id,
        revision,
        version,
        "Rule \u00e9 " + version,
        "TRIGGER",
        7,
        enabled,
        enabled ? null : "disabled: chain too long",
        "v1\nevent|CREATED\naddNote|line+one%0Aline+two",
        T0,
        T0.plusSeconds(version),
        "admin");
  }

  private <T> T tx(java.util.function.Supplier<T> work) {
    return store.inTransaction(work);
  }

  private void run(Runnable work) {
    store.inTransaction(
        () -> {
          work.run();
          return null;
        });
  }

  @Test
  void aRuleIsKeptWithEveryFieldAsWritten() {
    RuleRecord r = rule(id(), 1, 1, true);
    run(() -> store.insertRule(r));
    assertThat(store.findRule(r.id())).contains(r);
    assertThat(store.rules()).contains(r);
    assertThat(store.ruleVersions(r.id())).containsExactly(r);
    assertThat(store.findRule(id())).isEmpty();
  }

  @Test
  void anUpdateNeedsTheRevisionBeforeItAndANewVersionIsKeptBesideTheOld() {
    String id = id();
    RuleRecord v1 = rule(id, 1, 1, true);
    run(() -> store.insertRule(v1));
    RuleRecord disabled = rule(id, 2, 1, false);
    run(() -> store.updateRule(disabled));
    RuleRecord v2 = rule(id, 3, 2, true);
    run(() -> store.updateRule(v2));

    assertThat(store.findRule(id)).contains(v2);
    assertThat(store.ruleVersions(id)).containsExactly(v1, v2);
    assertThatThrownBy(() -> run(() -> store.updateRule(rule(id, 3, 3, true))))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> run(() -> store.updateRule(rule(id(), 2, 1, true))))
        .isInstanceOf(ConflictException.class);
    assertThat(store.findRule(id)).contains(v2);
  }

  @Test
  void aDeletedRuleIsGoneButItsVersionsStay() {
    String id = id();
    RuleRecord v1 = rule(id, 1, 1, true);
    run(() -> store.insertRule(v1));
    run(() -> store.deleteRule(id));
    assertThat(store.findRule(id)).isEmpty();
    assertThat(store.rules()).noneMatch(r -> r.id().equals(id));
    assertThat(store.ruleVersions(id)).containsExactly(v1);
  }

  @Test
  void aRolledBackUnitLeavesNothing() {
    RuleRecord r = rule(id(), 1, 1, true);
    assertThatThrownBy(
            () ->
                run(
                    () -> {
                      store.insertRule(r);
                      store.saveTicketClock(clock(id(), T0, 0));
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.findRule(r.id())).isEmpty();
  }

  protected static TicketClock clock(String ticket, Instant at, int cycle) {
    return new TicketClock(ticket, at, cycle, at.plusSeconds(5), cycle + 10, at.plusSeconds(9), 3);
  }

  @Test
  void aClockIsReplacedWholeAndDeletedWithItsFirings() {
    String t = id();
    run(() -> store.saveTicketClock(clock(t, T0, 0)));
    TicketClock next = clock(t, T0.plusSeconds(60), 1);
    run(() -> store.saveTicketClock(next));
    assertThat(store.ticketClock(t)).contains(next);
    run(() -> store.recordFiring("r", t, Since.STATUS_CHANGE, 1, T0));
    run(() -> store.deleteTicketClock(t));
    assertThat(store.ticketClock(t)).isEmpty();
    run(() -> store.saveTicketClock(next));
    assertThat(tx(() -> store.recordFiring("r", t, Since.STATUS_CHANGE, 1, T0))).isTrue();
  }

  @Test
  void claimsTakeClocksOldEnoughWithoutAFiringInTheirCycleByTicketId() {
    String rule = id();
    String a = "a-" + id();
    String b = "b-" + id();
    String c = "c-" + id();
    String d = "d-" + id();
    run(
        () -> {
          store.saveTicketClock(clock(a, T0, 0));
          store.saveTicketClock(clock(b, T0.plusSeconds(10), 0));
          store.saveTicketClock(clock(c, T0.plusSeconds(3600), 0)); // too recent
          store.saveTicketClock(clock(d, T0, 2));
          store.recordFiring(rule, d, Since.STATUS_CHANGE, 2, T0); // fired in its cycle
          store.recordFiring(rule, a, Since.STATUS_CHANGE, 1, T0); // an older cycle
        });
    Instant cutoff = T0.plusSeconds(60);

    assertThat(ids(tx(() -> store.claimDue(rule, Since.STATUS_CHANGE, cutoff, "", 10))))
        .containsExactly(a, b);
    assertThat(ids(tx(() -> store.claimDue(rule, Since.STATUS_CHANGE, cutoff, "", 1))))
        .containsExactly(a);
    assertThat(ids(tx(() -> store.claimDue(rule, Since.STATUS_CHANGE, cutoff, a, 10))))
        .containsExactly(b);
    // Another rule has fired nowhere; another moment counts from its own column.
    assertThat(ids(tx(() -> store.claimDue(id(), Since.STATUS_CHANGE, cutoff, "", 10))))
        .containsExactly(a, b, d);
    assertThat(ids(tx(() -> store.claimDue(rule, Since.LAST_REPLY, T0.plusSeconds(9), "", 10))))
        .containsExactly(a, d);
    TicketClock claimed = tx(() -> store.claimDue(rule, Since.STATUS_CHANGE, cutoff, "", 1)).get(0);
    assertThat(claimed).isEqualTo(clock(a, T0, 0));
  }

  private static List<String> ids(List<TicketClock> clocks) {
    return clocks.stream().map(TicketClock::ticketId).toList();
  }

  @Test
  void aFiringIsRecordedOnce() {
    String t = id();
    assertThat(tx(() -> store.recordFiring("r", t, Since.UPDATE, 4, T0))).isTrue();
    assertThat(tx(() -> store.recordFiring("r", t, Since.UPDATE, 4, T0))).isFalse();
    assertThat(tx(() -> store.recordFiring("r", t, Since.UPDATE, 5, T0))).isTrue();
    assertThat(tx(() -> store.recordFiring("r", t, Since.LAST_REPLY, 4, T0))).isTrue();
    assertThat(tx(() -> store.recordFiring("other", t, Since.UPDATE, 4, T0))).isTrue();
  }

  /** Units of work that race for the same firings: each is recorded by exactly one of them. */
  @Test
  void racingUnitsRecordEachFiringOnce() throws Exception {
    int threads = 4;
    int firings = 25;
    String rule = id();
    List<String> tickets = new java.util.ArrayList<>();
    for (int i = 0; i < firings; i++) {
      tickets.add(id());
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Set<String>>> results = new java.util.ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  Set<String> won = new HashSet<>();
                  for (String t : tickets) {
                    if (recordRetrying(rule, t)) {
                      won.add(t);
                    }
                  }
                  return won;
                }));
      }
      start.countDown();
      List<String> all = new java.util.ArrayList<>();
      for (Future<Set<String>> f : results) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(all).hasSize(firings).containsExactlyInAnyOrderElementsOf(tickets);
    } finally {
      pool.shutdownNow();
    }
  }

  private boolean recordRetrying(String rule, String ticket) {
    for (int attempt = 0; ; attempt++) {
      try {
        return tx(() -> store.recordFiring(rule, ticket, Since.STATUS_CHANGE, 0, T0));
      } catch (ConflictException e) {
        // A store that cannot insert-if-absent may report the race as a conflict: try again.
        if (attempt > 20) {
          throw e;
        }
      }
    }
  }
}
