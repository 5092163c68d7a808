package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.sla.ClockState;
import dev.ticketing.sla.SlaClock;
import dev.ticketing.sla.SlaTarget;
import dev.ticketing.spi.SlaListing;
import dev.ticketing.spi.SlaRecord;
import dev.ticketing.spi.SlaStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SlaStore} must show, as an abstract JUnit Jupiter suite: clocks kept
 * per (ticket, target, cycle) with every field as written, raised marks that survive changes of the
 * clock, claims of due alerts that two units of work never share, and keyset listings by due time
 * and by breach. A store module runs it with a few lines:
 *
 * <pre>{@code
 * class JpaSlaStorePostgresIT extends SlaStoreContract {
 *   protected SlaStore createStore() { return new JpaSlaStore(transactionsOnAnEmptySchema()); }
 * }
 * }</pre>
 *
 * <p>Long because the contract reads best as one story of a clock's rows, from start to breach,
 * with the replay across both daylight-saving nights at its end.
 * @since 0.1.0
 */
public abstract class SlaStoreContract {

  /** A base instant well after the epoch, at microsecond precision. */
  protected static final Instant T0 = Instant.parse("2026-05-04T10:00:00.123456Z");

  protected SlaStore store;

  /** A fresh store over an empty table. */
  protected abstract SlaStore createStore();

  @BeforeEach
  void freshStore() {
    store = createStore();
  }

  // ------------------------------------------------------------------ fixtures

  protected static String ticket() {
    return UUID.randomUUID().toString();
  }

  /** An active clock started at {@code start}, due {@code dueIn} later, warned 10 minutes before. */
  protected static SlaClock active(SlaTarget target, int cycle, Instant start, Duration dueIn) {
    return new SlaClock(
        target,
        cycle,
        ClockState.ACTIVE,
        "policy-" + target.name().toLowerCase(java.util.Locale.ROOT),
        "berlin-office",
        dueIn,
        Duration.ZERO,
        start,
        start,
        null,
        start.plus(dueIn),
        start.plus(dueIn).minus(Duration.ofMinutes(10)));
  }

  /** A clock fulfilled at {@code at}, without a calendar, never due. */
  protected static SlaClock fulfilled(SlaTarget target, int cycle, Instant start, Instant at) {
    return new SlaClock(
        target,
        cycle,
        ClockState.FULFILLED,
        "p",
        null,
        Duration.ofHours(8),
        Duration.between(start, at),
        start,
        null,
        at,
        start.plus(Duration.ofHours(8)),
        null);
  }

  private void save(String ticketId, SlaClock... clocks) {
    store.inTransaction(
        () -> {
          store.saveClocks(ticketId, List.of(clocks));
          return null;
        });
  }

  private List<SlaRecord> kept(String ticketId) {
    return store.clocks(List.of(ticketId)).getOrDefault(ticketId, List.of());
  }

  private List<SlaRecord> claim(Instant now, int limit) {
    return store.inTransaction(() -> store.claimDueAlerts(now, limit));
  }

  // ------------------------------------------------------------------ keeping clocks

  @Test
  void clocksComeBackWithEveryFieldInTargetAndCycleOrder() {
    String id = ticket();
    SlaClock resolution = active(SlaTarget.RESOLUTION, 1, T0, Duration.ofHours(8));
    SlaClock next = active(SlaTarget.NEXT_RESPONSE, 2, T0.plusSeconds(60), Duration.ofHours(2));
    SlaClock first = fulfilled(SlaTarget.FIRST_RESPONSE, 1, T0, T0.plusSeconds(900));
    SlaClock paused =
        new SlaClock(
            SlaTarget.NEXT_RESPONSE,
            1,
            ClockState.PAUSED,
            "p",
            null,
            Duration.ofMinutes(30),
            Duration.ofMinutes(31),
            T0,
            null,
            T0.plusSeconds(3600),
            T0.plusSeconds(1800),
            T0.plusSeconds(1200));

    save(id, resolution, next, first, paused);

    assertThat(kept(id))
        .extracting(SlaRecord::clock)
        .containsExactly(first, paused, next, resolution);
    assertThat(kept(id)).allSatisfy(r -> assertThat(r.warningRaisedAt()).isNull());
    assertThat(store.clocks(List.of(ticket()))).isEmpty();
  }

  @Test
  void savingReplacesTheClocksAndKeepsTheirRaisedMarks() {
    String id = ticket();
    SlaClock first = active(SlaTarget.FIRST_RESPONSE, 1, T0, Duration.ofMinutes(15));
    SlaClock resolution = active(SlaTarget.RESOLUTION, 1, T0, Duration.ofHours(2));
    save(id, first, resolution);
    Instant raised = T0.plus(Duration.ofMinutes(20));
    store.inTransaction(
        () -> {
          store.markRaised(id, SlaTarget.FIRST_RESPONSE, 1, raised, raised);
          return null;
        });

    SlaClock answered = fulfilled(SlaTarget.FIRST_RESPONSE, 1, T0, T0.plusSeconds(1500));
    save(id, answered);

    assertThat(kept(id)).extracting(SlaRecord::clock).containsExactly(answered);
    assertThat(kept(id).get(0).warningRaisedAt()).isEqualTo(raised);
    assertThat(kept(id).get(0).breachRaisedAt()).isEqualTo(raised);
  }

  @Test
  void deletingAndRollingBackLeaveNothingBehind() {
    String id = ticket();
    save(id, active(SlaTarget.RESOLUTION, 1, T0, Duration.ofHours(1)));
    String other = ticket();

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    () -> {
                      store.saveClocks(
                          other, List.of(active(SlaTarget.RESOLUTION, 1, T0, Duration.ofHours(1))));
                      throw new IllegalStateException("the change failed");
                    }))
        .hasMessage("the change failed");
    store.inTransaction(
        () -> {
          store.deleteClocks(id);
          return null;
        });

    assertThat(store.clocks(List.of(id, other))).isEmpty();
  }

  // ------------------------------------------------------------------ alerts

  @Test
  void claimsReturnDueAlertsEarliestFirstAndNotAgainOnceRaised() {
    String a = ticket();
    String b = ticket();
    save(a, active(SlaTarget.RESOLUTION, 1, T0, Duration.ofMinutes(30))); // warning at +20
    save(b, active(SlaTarget.FIRST_RESPONSE, 1, T0, Duration.ofMinutes(15))); // warning at +5
    save(ticket(), active(SlaTarget.RESOLUTION, 1, T0, Duration.ofDays(2))); // not due

    Instant now = T0.plus(Duration.ofMinutes(25));
    List<SlaRecord> due = claim(now, 10);

    assertThat(due).extracting(SlaRecord::ticketId).containsExactly(b, a);
    assertThat(claim(now, 1)).extracting(SlaRecord::ticketId).containsExactly(b);
    store.inTransaction(
        () -> {
          store.markRaised(b, SlaTarget.FIRST_RESPONSE, 1, now, now);
          store.markRaised(a, SlaTarget.RESOLUTION, 1, now, null);
          return null;
        });
    assertThat(claim(now, 10)).isEmpty();
    // a's breach is still to come.
    assertThat(claim(T0.plus(Duration.ofMinutes(30)), 10))
        .extracting(r -> r.ticketId() + " " + r.nextAlertAt())
        .containsExactly(a + " " + T0.plus(Duration.ofMinutes(30)));
  }

  @Test
  void twoUnitsOfWorkNeverClaimTheSameAlert() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String id = ticket();
      ids.add(id);
      save(id, active(SlaTarget.RESOLUTION, 1, T0, Duration.ofMinutes(1 + i)));
    }
    Claims claims = claimSideBySide(T0.plus(Duration.ofHours(1)), 8);
    Set<String> a = ticketsOf(claims.first());
    Set<String> b = ticketsOf(claims.second());
    assertThat(a).hasSize(8).doesNotContainAnyElementsOf(b);
    assertThat(b).hasSizeLessThanOrEqualTo(8);
  }

  @Test
  void twoUnitsOfWorkRaiseDifferentClocksOfOneTicketWithoutWaitingForEachOther() throws Exception {
    String id = ticket();
    save(
        id,
        active(SlaTarget.FIRST_RESPONSE, 1, T0, Duration.ofMinutes(5)),
        active(SlaTarget.RESOLUTION, 1, T0, Duration.ofMinutes(10)));
    Instant now = T0.plus(Duration.ofHours(1));
    // Each unit of work marks its clock raised while the other holds the ticket's other clock:
    // neither may wait for the other.
    Claims claims = claimSideBySide(now, 1);
    assertThat(claims.first())
        .extracting(r -> r.clock().target())
        .containsExactly(SlaTarget.FIRST_RESPONSE);
    assertThat(claims.second())
        .extracting(r -> r.clock().target())
        .containsExactly(SlaTarget.RESOLUTION);
    assertThat(store.inTransaction(() -> store.clocks(List.of(id))).get(id))
        .allSatisfy(r -> assertThat(r.breachRaisedAt()).isEqualTo(now))
        .hasSize(2);
  }

  private record Claims(List<SlaRecord> first, List<SlaRecord> second) {}

  /**
   * Two units of work claim up to {@code limit} alerts each and mark them raised: the first holds
   * its claim until the second has claimed (a store that serialises units of work makes the second
   * wait instead, so the first does not wait for ever), the second marks its alerts at once.
   */
  private Claims claimSideBySide(Instant now, int limit) throws Exception {
    CountDownLatch firstClaimed = new CountDownLatch(1);
    CountDownLatch secondClaimed = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<List<SlaRecord>> first =
          pool.submit(
              () ->
                  store.inTransaction(
                      () -> {
                        List<SlaRecord> claimed = store.claimDueAlerts(now, limit);
                        firstClaimed.countDown();
                        awaitQuietly(secondClaimed);
                        claimed.forEach(r -> raise(r, now));
                        return claimed;
                      }));
      awaitQuietly(firstClaimed);
      Future<List<SlaRecord>> second =
          pool.submit(
              () ->
                  store.inTransaction(
                      () -> {
                        List<SlaRecord> claimed = store.claimDueAlerts(now, limit);
                        secondClaimed.countDown();
                        claimed.forEach(r -> raise(r, now));
                        return claimed;
                      }));
      return new Claims(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  private void raise(SlaRecord r, Instant now) {
    store.markRaised(r.ticketId(), r.clock().target(), r.clock().cycle(), now, now);
  }

  private static Set<String> ticketsOf(List<SlaRecord> records) {
    Set<String> out = new HashSet<>();
    records.forEach(r -> out.add(r.ticketId()));
    return out;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(500, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------ listings

  @Test
  void dueSoonestPagesThroughActiveClocksByDueTimeWithAKeyset() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String id = ticket();
      // Two clocks share a due time, so the keyset's tie-breakers are exercised.
      Duration in = Duration.ofMinutes(i == 3 ? 20 : 10 * (i + 1));
      save(id, active(SlaTarget.RESOLUTION, 1, T0, in));
      expected.add(id);
    }
    save(ticket(), fulfilled(SlaTarget.RESOLUTION, 1, T0, T0.plusSeconds(60)));

    List<SlaRecord> all = new ArrayList<>();
    SlaListing.Position after = null;
    for (int page = 0; page < 10; page++) {
      SlaListing listing = new SlaListing(SlaListing.Order.DUE_SOONEST, null, T0, after, 3);
      List<SlaRecord> rows = store.list(listing);
      all.addAll(rows);
      if (rows.size() < 3) {
        break;
      }
      after = listing.positionOf(rows.get(rows.size() - 1));
    }

    assertThat(all).hasSize(7);
    assertThat(all).extracting(r -> r.clock().dueAt()).isSorted();
    assertThat(all).extracting(SlaRecord::ticketId).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void breachedListsClocksWhoseBreachTimeHasComeAndNothingElse() {
    String late = ticket();
    String onTime = ticket();
    String running = ticket();
    save(late, active(SlaTarget.FIRST_RESPONSE, 1, T0, Duration.ofMinutes(5)));
    save(onTime, fulfilled(SlaTarget.RESOLUTION, 1, T0, T0.plusSeconds(60)));
    save(running, active(SlaTarget.RESOLUTION, 1, T0, Duration.ofHours(5)));

    List<SlaRecord> breached =
        store.list(
            new SlaListing(
                SlaListing.Order.BREACHED, null, T0.plus(Duration.ofHours(1)), null, 10));
    List<SlaRecord> onlyResolution =
        store.list(
            new SlaListing(
                SlaListing.Order.BREACHED,
                SlaTarget.RESOLUTION,
                T0.plus(Duration.ofHours(1)),
                null,
                10));

    assertThat(breached).extracting(SlaRecord::ticketId).containsExactly(late);
    assertThat(onlyResolution).isEmpty();
  }

  @Test
  void overdueListsOnlyOpenClocksPastTheirBreachTimeWithAKeyset() {
    Instant base = T0.plus(Duration.ofDays(2000)); // clear of the other tests' clocks
    String a = ticket();
    String b = ticket();
    String metLate = ticket();
    save(a, active(SlaTarget.FIRST_RESPONSE, 1, base, Duration.ofMinutes(5)));
    save(b, active(SlaTarget.RESOLUTION, 1, base, Duration.ofMinutes(7)));
    save(
        metLate,
        fulfilled(SlaTarget.RESOLUTION, 1, base.minus(Duration.ofHours(9)), base.plusSeconds(60)));
    // Paused (waiting for the customer) after its due time: still overdue, and first.
    String paused = ticket();
    save(
        paused,
        new SlaClock(
            SlaTarget.FIRST_RESPONSE,
            1,
            ClockState.PAUSED,
            "p",
            null,
            Duration.ofMinutes(3),
            Duration.ofMinutes(4),
            base,
            null,
            base.plus(Duration.ofMinutes(4)),
            base.plus(Duration.ofMinutes(3)),
            null));
    Instant now = base.plus(Duration.ofHours(1));

    List<SlaRecord> first =
        store.list(new SlaListing(SlaListing.Order.OVERDUE, null, now, null, 1000));
    List<String> overdue =
        first.stream()
            .map(SlaRecord::ticketId)
            .filter(id -> Set.of(a, b, metLate, paused).contains(id))
            .toList();
    SlaListing.Position afterA =
        new SlaListing(SlaListing.Order.OVERDUE, null, now, null, 1).positionOf(kept(a).get(0));
    List<String> next =
        store.list(new SlaListing(SlaListing.Order.OVERDUE, null, now, afterA, 1000)).stream()
            .map(SlaRecord::ticketId)
            .filter(id -> Set.of(a, b, metLate).contains(id))
            .toList();
    List<String> breached =
        store.list(new SlaListing(SlaListing.Order.BREACHED, null, now, null, 1000)).stream()
            .map(SlaRecord::ticketId)
            .filter(id -> Set.of(a, b, metLate).contains(id))
            .toList();

    assertThat(overdue).containsExactly(paused, a, b);
    assertThat(first)
        .allSatisfy(r -> assertThat(r.clock().state()).isIn(ClockState.ACTIVE, ClockState.PAUSED));
    assertThat(next).containsExactly(b);
    assertThat(breached).containsExactly(metLate, a, b);
  }

  /**
   * Statistics read the records settled in a period — breached in it, or fulfilled in it — page by
   * page in (ticket, target, cycle) order after a keyset; nothing else.
   */
  @Test
  void settledListsWhatBreachedOrWasFulfilledInThePeriodByIdentityWithAKeyset() {
    Instant base = T0.plus(Duration.ofDays(1000)); // clear of the other tests' clocks
    String breached = ticket();
    String metInTime = ticket();
    String metLate = ticket();
    String both = ticket();
    String later = ticket();
    String earlier = ticket();
    save(breached, active(SlaTarget.FIRST_RESPONSE, 1, base, Duration.ofMinutes(5)));
    save(metInTime, fulfilled(SlaTarget.RESOLUTION, 1, base, base.plus(Duration.ofMinutes(10))));
    save(
        metLate,
        fulfilled(
            SlaTarget.RESOLUTION, 1, base.minus(Duration.ofHours(9)), base.plusSeconds(1800)));
    save(
        both,
        fulfilled(SlaTarget.FIRST_RESPONSE, 1, base, base.plusSeconds(60)),
        active(SlaTarget.RESOLUTION, 2, base, Duration.ofMinutes(20)));
    save(later, active(SlaTarget.RESOLUTION, 1, base, Duration.ofHours(5)));
    save(earlier, fulfilled(SlaTarget.RESOLUTION, 1, base.minus(Duration.ofHours(2)), base));
    Set<String> mine = Set.of(breached, metInTime, metLate, both, later, earlier);

    List<SlaRecord> all = new ArrayList<>();
    SlaRecord after = null;
    while (true) {
      List<SlaRecord> page =
          store.settled(base.plusMillis(1), base.plus(Duration.ofHours(1)), after, 2);
      assertThat(page.size()).isLessThanOrEqualTo(2);
      if (page.isEmpty()) {
        break;
      }
      page.stream().filter(r -> mine.contains(r.ticketId())).forEach(all::add);
      after = page.get(page.size() - 1);
    }

    List<String> expected = new ArrayList<>();
    for (String id : List.of(breached, metInTime, metLate, both, both)) {
      expected.add(id);
    }
    expected.sort(null);
    assertThat(all).extracting(SlaRecord::ticketId).containsExactlyElementsOf(expected);
    assertThat(all)
        .filteredOn(r -> r.ticketId().equals(both))
        .extracting(r -> r.clock().target())
        .containsExactly(SlaTarget.FIRST_RESPONSE, SlaTarget.RESOLUTION);
  }

  // ------------------------------------------------------------------ the engine's way of keeping
  // clocks

  /**
   * Clocks kept event by event through the store — load, apply, save, as the engine does — equal a
   * replay of the same events, across both daylight-saving nights of Europe/Berlin, a pause over a
   * weekend, a reopen and a reclassification: what the store gives back is exactly what it was given.
   */
  @Test
  void clocksKeptThroughTheStoreEqualAReplayOfTheirEvents() {
    java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
    dev.ticketing.sla.BusinessCalendar night =
        dev.ticketing.sla.BusinessCalendar.of(
            "night",
            berlin,
            java.util.EnumSet.allOf(java.time.DayOfWeek.class),
            "00:00-04:00",
            "22:00-24:00");
    dev.ticketing.sla.SlaConfiguration config =
        dev.ticketing.sla.SlaConfiguration.of(
            List.of(
                dev.ticketing.sla.SlaPolicy.everyTicket(
                        "desk",
                        dev.ticketing.sla.SlaPolicy.allPriorities(
                            dev.ticketing.sla.SlaTargets.minutes(60, 120, 480)))
                    .inCalendar("night")
                    .warningBefore(Duration.ofMinutes(30))),
            night);
    dev.ticketing.sla.SlaTimeline timeline = new dev.ticketing.sla.SlaTimeline(config);
    for (String day : List.of("2026-03-28T23:10:00.000001Z", "2026-10-24T23:20:00.000002Z")) {
      Instant t = Instant.parse(day);
      List<dev.ticketing.sla.SlaEvent> events =
          List.of(
              new dev.ticketing.sla.SlaEvent.Created(
                  t,
                  dev.ticketing.Status.OPEN,
                  dev.ticketing.Priority.HIGH,
                  dev.ticketing.Category.GENERAL,
                  "acme"),
              new dev.ticketing.sla.SlaEvent.StatusChanged(
                  t.plusSeconds(600), dev.ticketing.Status.OPEN, dev.ticketing.Status.IN_PROGRESS),
              new dev.ticketing.sla.SlaEvent.Replied(t.plusSeconds(7200), true),
              new dev.ticketing.sla.SlaEvent.StatusChanged(
                  t.plusSeconds(7300),
                  dev.ticketing.Status.IN_PROGRESS,
                  dev.ticketing.Status.WAITING_FOR_CUSTOMER),
              new dev.ticketing.sla.SlaEvent.Replied(t.plus(Duration.ofDays(2)), false),
              new dev.ticketing.sla.SlaEvent.StatusChanged(
                  t.plus(Duration.ofDays(2)),
                  dev.ticketing.Status.WAITING_FOR_CUSTOMER,
                  dev.ticketing.Status.IN_PROGRESS),
              new dev.ticketing.sla.SlaEvent.Reclassified(
                  t.plus(Duration.ofDays(2)).plusSeconds(60),
                  dev.ticketing.Priority.URGENT,
                  null,
                  null),
              new dev.ticketing.sla.SlaEvent.StatusChanged(
                  t.plus(Duration.ofDays(3)),
                  dev.ticketing.Status.IN_PROGRESS,
                  dev.ticketing.Status.RESOLVED),
              new dev.ticketing.sla.SlaEvent.StatusChanged(
                  t.plus(Duration.ofDays(4)),
                  dev.ticketing.Status.RESOLVED,
                  dev.ticketing.Status.REOPENED));
      String id = ticket();
      dev.ticketing.sla.SlaState.Facts facts = null;
      for (dev.ticketing.sla.SlaEvent e : events) {
        List<SlaClock> kept =
            store.inTransaction(
                () -> store.clocksForUpdate(id).stream().map(SlaRecord::clock).toList());
        dev.ticketing.sla.SlaState next =
            timeline.apply(new dev.ticketing.sla.SlaState(facts, kept), e);
        facts = next.facts();
        save(id, next.clocks().toArray(SlaClock[]::new));
      }
      assertThat(kept(id))
          .extracting(SlaRecord::clock)
          .isEqualTo(timeline.replay(events).clocks())
          .isNotEmpty();
    }
  }

  /** For subclasses that need to tell the records apart. */
  protected static @Nullable SlaRecord find(Map<String, List<SlaRecord>> records, String id) {
    List<SlaRecord> r = records.get(id);
    return r == null || r.isEmpty() ? null : r.get(0);
  }
}
