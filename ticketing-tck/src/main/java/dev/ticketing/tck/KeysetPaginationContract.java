package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.Keyset;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Order by (createdAt, id); walking pages by keyset visits every ticket exactly once. */
public abstract class KeysetPaginationContract extends StoreContractFixture {

  private List<TicketRecord> fixture = List.of();

  @BeforeEach
  void insertFixture() {
    // 23 tickets in groups of three sharing a createdAt, inserted in shuffled order.
    List<TicketRecord> tickets = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      tickets.add(
          ticket(i % 2 == 0 ? acme : globex, i % 2 == 0 ? alice : carol, T0.plusSeconds(i / 3)));
    }
    List<TicketRecord> shuffled = new ArrayList<>(tickets);
    java.util.Collections.shuffle(shuffled, new Random(42));
    insert(shuffled);
    fixture = List.copyOf(tickets);
  }

  @Test
  void newestFirstOrdersByCreatedAtThenIdDescending() {
    List<TicketRow> rows = store().list(page(SortOrder.NEWEST_FIRST, null, MAX_LIMIT));

    assertThat(rows)
        .extracting(r -> r.ticket().id())
        .containsExactlyElementsOf(ids(fixture.stream().sorted(NEWEST_FIRST).toList()));
    // Rows carry the whole stored record.
    Map<String, TicketRecord> byId = byId(fixture);
    assertThat(rows)
        .allSatisfy(r -> assertThat(normalized(r.ticket())).isEqualTo(byId.get(r.ticket().id())));
  }

  @Test
  void oldestFirstOrdersByCreatedAtThenIdAscending() {
    assertThat(listIds(page(SortOrder.OLDEST_FIRST, null, MAX_LIMIT)))
        .containsExactlyElementsOf(ids(fixture.stream().sorted(OLDEST_FIRST).toList()));
  }

  @Test
  void limitIsRespected() {
    List<String> newest = ids(fixture.stream().sorted(NEWEST_FIRST).toList());

    assertThat(listIds(page(SortOrder.NEWEST_FIRST, null, 5)))
        .containsExactlyElementsOf(newest.subList(0, 5));
    assertThat(listIds(page(SortOrder.NEWEST_FIRST, null, 1))).containsExactly(newest.get(0));
    assertThat(listIds(page(SortOrder.OLDEST_FIRST, null, 4)))
        .containsExactlyElementsOf(ids(fixture.stream().sorted(OLDEST_FIRST).limit(4).toList()));
  }

  @Test
  void keysetBreaksTiesOnCreatedAtById() {
    Instant tie = T0.plusSeconds(100);
    List<TicketRecord> tied = new ArrayList<>();
    for (String id : sortedIds(5)) {
      tied.add(ticketWithId(id, acme, alice, tie));
    }
    insert(tied.get(3), tied.get(0), tied.get(4), tied.get(2), tied.get(1));
    TicketRecord middle = tied.get(2);
    Keyset after = new Keyset(middle.createdAt(), middle.id());
    TicketFilter acmeAtTie = TicketFilter.builder().companyId(acme).createdFrom(tie).build();

    assertThat(
            listIds(
                query(VisibilityScope.EVERYTHING, acmeAtTie, SortOrder.NEWEST_FIRST, after, 10)))
        .containsExactly(tied.get(1).id(), tied.get(0).id());
    assertThat(
            listIds(
                query(VisibilityScope.EVERYTHING, acmeAtTie, SortOrder.OLDEST_FIRST, after, 10)))
        .containsExactly(tied.get(3).id(), tied.get(4).id());
  }

  @Test
  void walkingNewestFirstVisitsEveryTicketExactlyOnce() {
    List<String> walked = walk(SortOrder.NEWEST_FIRST, 4, () -> {});

    assertThat(walked)
        .containsExactlyElementsOf(ids(fixture.stream().sorted(NEWEST_FIRST).toList()));
  }

  @Test
  void walkingOldestFirstVisitsEveryTicketExactlyOnce() {
    List<String> walked = walk(SortOrder.OLDEST_FIRST, 4, () -> {});

    assertThat(walked)
        .containsExactlyElementsOf(ids(fixture.stream().sorted(OLDEST_FIRST).toList()));
  }

  @Test
  void pageAfterTheLastTicketIsEmpty() {
    TicketRecord oldest = fixture.stream().sorted(OLDEST_FIRST).findFirst().orElseThrow();
    TicketRecord newest = fixture.stream().sorted(NEWEST_FIRST).findFirst().orElseThrow();

    assertThat(
            store()
                .list(
                    page(SortOrder.NEWEST_FIRST, new Keyset(oldest.createdAt(), oldest.id()), 10)))
        .isEmpty();
    assertThat(
            store()
                .list(
                    page(SortOrder.OLDEST_FIRST, new Keyset(newest.createdAt(), newest.id()), 10)))
        .isEmpty();
  }

  @Test
  void newestFirstWalkIsStableUnderInsertsOfNewerTickets() {
    List<TicketRecord> inserted = new ArrayList<>();
    Instant[] clock = {T0.plusSeconds(1_000)};

    List<String> walked =
        walk(
            SortOrder.NEWEST_FIRST,
            3,
            () -> {
              // Newer tickets arrive between page fetches; they sort before the cursor.
              clock[0] = clock[0].plusSeconds(1);
              TicketRecord t = ticket(acme, bob, clock[0]);
              insert(t);
              inserted.add(t);
            });

    assertThat(inserted).hasSizeGreaterThan(5);
    assertThat(walked)
        .doesNotHaveDuplicates()
        .containsExactlyElementsOf(ids(fixture.stream().sorted(NEWEST_FIRST).toList()));
  }

  @Test
  void oldestFirstWalkIsStableUnderInsertsAndSeesNewTicketsOnce() {
    List<TicketRecord> inserted = new ArrayList<>();
    Instant[] clock = {T0.plusSeconds(1_000)};

    List<String> walked =
        walk(
            SortOrder.OLDEST_FIRST,
            3,
            () -> {
              if (inserted.size() < 4) {
                clock[0] = clock[0].plusSeconds(1);
                TicketRecord t = ticket(globex, carol, clock[0]);
                insert(t);
                inserted.add(t);
              }
            });

    List<TicketRecord> all = new ArrayList<>(fixture);
    all.addAll(inserted);
    assertThat(inserted).hasSize(4);
    assertThat(walked)
        .doesNotHaveDuplicates()
        .containsExactlyElementsOf(ids(all.stream().sorted(OLDEST_FIRST).toList()));
  }

  @Test
  void keysetOfAPurgedTicketStillPositionsTheWalk() {
    List<TicketRecord> newest = fixture.stream().sorted(NEWEST_FIRST).toList();
    List<String> firstPage = listIds(page(SortOrder.NEWEST_FIRST, null, 7));
    TicketRecord last = newest.get(6);
    assertThat(firstPage).endsWith(last.id());

    tx(() -> store().purgeTicket(last.id()));

    assertThat(
            listIds(
                page(SortOrder.NEWEST_FIRST, new Keyset(last.createdAt(), last.id()), MAX_LIMIT)))
        .containsExactlyElementsOf(ids(newest.subList(7, newest.size())));
  }

  @Test
  void walkAppliesTogetherWithScopeAndFilters() {
    VisibilityScope scope = VisibilityScope.company(acme);
    TicketFilter filter = TicketFilter.builder().createdTo(T0.plusSeconds(6)).build();
    List<String> expected =
        ids(
            fixture.stream()
                .filter(t -> scope.matches(t) && t.createdAt().isBefore(T0.plusSeconds(6)))
                .sorted(NEWEST_FIRST)
                .toList());
    assertThat(expected).hasSizeGreaterThan(4);

    List<String> walked = new ArrayList<>();
    Keyset after = null;
    for (int guard = 0; guard < 50; guard++) {
      List<TicketRow> rows = store().list(query(scope, filter, SortOrder.NEWEST_FIRST, after, 2));
      assertThat(rows).hasSizeLessThanOrEqualTo(2);
      if (rows.isEmpty()) {
        break;
      }
      rows.forEach(r -> walked.add(r.ticket().id()));
      TicketRecord lastRow = rows.get(rows.size() - 1).ticket();
      after = new Keyset(lastRow.createdAt(), lastRow.id());
    }

    assertThat(walked).containsExactlyElementsOf(expected);
  }

  /** Walks the whole listing page by page, running {@code between} after every page. */
  private List<String> walk(SortOrder order, int pageSize, Runnable between) {
    List<String> walked = new ArrayList<>();
    Keyset after = null;
    for (int guard = 0; guard < 100; guard++) {
      List<TicketRow> rows = store().list(page(order, after, pageSize));
      assertThat(rows).hasSizeLessThanOrEqualTo(pageSize);
      if (rows.isEmpty()) {
        return walked;
      }
      rows.forEach(r -> walked.add(r.ticket().id()));
      TicketRecord last = rows.get(rows.size() - 1).ticket();
      after = new Keyset(last.createdAt(), last.id());
      between.run();
    }
    throw new AssertionError("the walk did not end after 100 pages: " + walked.size() + " rows");
  }

  private TicketQuery page(SortOrder order, @Nullable Keyset after, int limit) {
    return query(VisibilityScope.EVERYTHING, TicketFilter.none(), order, after, limit);
  }
}
