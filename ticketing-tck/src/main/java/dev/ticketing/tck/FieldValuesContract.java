package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.FieldCondition;
import dev.ticketing.FieldValue;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.Keyset;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketRow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Custom field values as the engine checked them: kept and changed with the ticket, every type read
 * back as written, and a listing's field conditions (equality of text, choices, booleans, numbers
 * and dates; ranges of numbers, decimals and dates) with scope, other filters and keyset pagination
 * intact. Conditions arrive in canonical form ({@link FieldValue}'s classes).
 *
 * @since 0.2.0
 */
public abstract class FieldValuesContract extends StoreContractFixture {

  private List<TicketRecord> fixture = List.of();

  /** The values of the fixture's i-th ticket: some fields left out on some tickets. */
  private static Map<String, FieldValue> valuesOf(int i) {
    Map<String, FieldValue> v = new TreeMap<>();
    v.put("plan", FieldValue.choice(List.of("free", "pro", "gold").get(i % 3)));
    v.put("seats", FieldValue.number(i * 7L - 40));
    if (i % 2 == 0) {
      v.put("refund", FieldValue.decimal(new BigDecimal(i + ".25")));
    }
    v.put("renewal", FieldValue.date(LocalDate.of(2026, 1, 1).plusDays(i * 3L)));
    v.put("vip", FieldValue.bool(i % 4 == 0));
    if (i % 3 != 1) {
      v.put(
          "areas", FieldValue.choices(i % 3 == 0 ? List.of("billing", "login") : List.of("login")));
    }
    v.put("note", FieldValue.text(i % 5 == 0 ? "tab\there, slash \\ and\nline" : "note " + i));
    return v;
  }

  @BeforeEach
  void insertFixture() {
    List<TicketRecord> tickets = new ArrayList<>();
    List<TicketRecord> varied = variedTickets(30);
    for (int i = 0; i < varied.size(); i++) {
      tickets.add(varied.get(i).edit().fields(valuesOf(i)).build());
    }
    fixture = List.copyOf(tickets);
    insert(fixture);
  }

  @Test
  void valuesOfEveryTypeReadBackAsWritten() {
    for (TicketRecord t : fixture) {
      assertThat(found(t.id()).fields()).as(t.title()).isEqualTo(t.fields());
    }
    assertThat(
            Objects.requireNonNull(
                    store().findTickets(List.of(fixture.get(0).id())).get(fixture.get(0).id()))
                .fields())
        .isEqualTo(fixture.get(0).fields());
    List<TicketRow> listed = store().list(query(VisibilityScope.EVERYTHING, TicketFilter.none()));
    assertThat(listed).isNotEmpty();
    for (TicketRow r : listed) {
      TicketRecord want =
          fixture.stream().filter(t -> t.id().equals(r.ticket().id())).findFirst().orElseThrow();
      assertThat(r.ticket().fields()).isEqualTo(want.fields());
    }
  }

  @Test
  void equalityMatchesEachType() {
    assertFilter(FieldCondition.equalTo("plan", "gold"), t -> is(t, "plan", "gold"));
    assertFilter(FieldCondition.equalTo("areas", "billing"), t -> holds(t, "areas", "billing"));
    assertFilter(FieldCondition.equalTo("vip", true), t -> is(t, "vip", true));
    assertFilter(FieldCondition.equalTo("seats", 9L), t -> is(t, "seats", 9L));
    assertFilter(
        FieldCondition.equalTo("renewal", LocalDate.of(2026, 1, 13)),
        t -> is(t, "renewal", LocalDate.of(2026, 1, 13)));
    assertFilter(FieldCondition.equalTo("note", "note 7"), t -> is(t, "note", "note 7"));
    assertFilter(FieldCondition.equalTo("plan", "nobody"), t -> false);
    assertFilter(FieldCondition.equalTo("unknown_field", "x"), t -> false);
  }

  @Test
  void rangesAreInclusiveAndMayBeOpen() {
    assertFilter(
        FieldCondition.between("seats", -5L, 30L),
        t -> between(t, "seats", BigDecimal.valueOf(-5), BigDecimal.valueOf(30)));
    assertFilter(
        FieldCondition.between("refund", new BigDecimal("4.25"), null),
        t -> between(t, "refund", new BigDecimal("4.25"), null));
    assertFilter(
        FieldCondition.between("renewal", null, LocalDate.of(2026, 1, 31)),
        t ->
            t.fields().containsKey("renewal")
                && !((LocalDate) t.fields().get("renewal").value())
                    .isAfter(LocalDate.of(2026, 1, 31)));
  }

  @Test
  void conditionsCombineWithEachOtherScopeAndFilters() {
    TicketFilter f =
        TicketFilter.builder()
            .companyId(acme)
            .fields(
                List.of(
                    FieldCondition.equalTo("plan", "free"),
                    FieldCondition.between("seats", 0L, null)))
            .build();
    List<String> expected =
        fixture.stream()
            .filter(t -> !t.deleted() && t.companyId().equals(acme))
            .filter(t -> is(t, "plan", "free") && between(t, "seats", BigDecimal.ZERO, null))
            .sorted(NEWEST_FIRST)
            .map(TicketRecord::id)
            .toList();
    assertThat(listIds(query(VisibilityScope.company(acme), f))).isEqualTo(expected).isNotEmpty();
    assertThat(store().count(query(VisibilityScope.company(acme), f))).isEqualTo(expected.size());
    VisibilityScope alices = VisibilityScope.requestedBy(alice, acme);
    TicketFilter pro =
        TicketFilter.builder().fields(List.of(FieldCondition.equalTo("plan", "pro"))).build();
    assertThat(listIds(query(alices, pro)))
        .isEqualTo(
            fixture.stream()
                .filter(t -> !t.deleted() && alices.matches(t) && is(t, "plan", "pro"))
                .sorted(NEWEST_FIRST)
                .map(TicketRecord::id)
                .toList());
  }

  @Test
  void keysetPagesOfAFieldFilterAddUpToTheWholeList() {
    for (SortOrder order : SortOrder.values()) {
      TicketFilter f =
          TicketFilter.builder()
              .fields(List.of(FieldCondition.between("renewal", LocalDate.of(2026, 1, 10), null)))
              .build();
      List<String> whole = listIds(query(VisibilityScope.EVERYTHING, f, order, null, MAX_LIMIT));
      List<String> paged = new ArrayList<>();
      Keyset after = null;
      while (true) {
        List<TicketRow> page = store().list(query(VisibilityScope.EVERYTHING, f, order, after, 4));
        page.forEach(r -> paged.add(r.ticket().id()));
        if (page.size() < 4) {
          break;
        }
        TicketRecord last = page.get(page.size() - 1).ticket();
        after = new Keyset(last.createdAt(), last.id());
      }
      assertThat(paged).as("%s", order).isEqualTo(whole).isNotEmpty();
    }
  }

  @Test
  void aChangeOfValuesShowsInTheFilterAtOnceAndKeepsTheOthers() {
    TicketRecord t =
        fixture.stream()
            .filter(x -> !x.deleted() && x.status() == Status.OPEN && is(x, "plan", "free"))
            .findFirst()
            .orElseThrow();
    TicketRecord current = found(t.id());
    Map<String, FieldValue> after = new TreeMap<>(current.fields());
    after.put("plan", FieldValue.choice("gold"));
    after.put("areas", FieldValue.choices(List.of("refunds")));
    after.remove("seats");
    tx(() -> store().updateTicket(current.edit().fields(after).build()));

    assertThat(found(t.id()).fields()).isEqualTo(after);
    assertThat(listIds(query(VisibilityScope.EVERYTHING, eq("plan", "gold")))).contains(t.id());
    assertThat(listIds(query(VisibilityScope.EVERYTHING, eq("plan", "free"))))
        .doesNotContain(t.id());
    assertThat(listIds(query(VisibilityScope.EVERYTHING, eq("areas", "refunds"))))
        .containsExactly(t.id());
    assertThat(listIds(query(VisibilityScope.EVERYTHING, eq("areas", "login"))))
        .doesNotContain(t.id());
    assertThat(
            listIds(
                query(
                    VisibilityScope.EVERYTHING,
                    eq("seats", Objects.requireNonNull(current.fields().get("seats")).value()))))
        .doesNotContain(t.id());
    // An unrelated change keeps every value.
    TicketRecord again = found(t.id());
    tx(() -> store().updateTicket(again.edit().title("Renamed").build()));
    assertThat(found(t.id()).fields()).isEqualTo(after);
    assertThat(
            listIds(
                query(
                    VisibilityScope.EVERYTHING,
                    eq("renewal", Objects.requireNonNull(after.get("renewal")).value()))))
        .contains(t.id());
  }

  @Test
  void aTicketIsPurgedWithItsValues() {
    TicketRecord t = fixture.get(3);
    tx(() -> store().purgeTicket(t.id()));
    assertThat(store().findTicket(t.id())).isEmpty();
    assertThat(listIds(query(VisibilityScope.EVERYTHING, eq("note", "note 3")))).isEmpty();
  }

  private static TicketFilter eq(String key, Object value) {
    return TicketFilter.builder().fields(List.of(FieldCondition.equalTo(key, value))).build();
  }

  private static boolean is(TicketRecord t, String key, Object value) {
    FieldValue v = t.fields().get(key);
    return v != null && v.value().equals(value);
  }

  private static boolean holds(TicketRecord t, String key, String choice) {
    FieldValue v = t.fields().get(key);
    return v != null && v.heldChoices().contains(choice);
  }

  private static boolean between(
      TicketRecord t,
      String key,
      BigDecimal from,
      @org.jspecify.annotations.Nullable BigDecimal to) {
    FieldValue v = t.fields().get(key);
    if (v == null) {
      return false;
    }
    BigDecimal n = v.value() instanceof Long l ? BigDecimal.valueOf(l) : (BigDecimal) v.value();
    return (from == null || n.compareTo(from) >= 0) && (to == null || n.compareTo(to) <= 0);
  }

  private void assertFilter(FieldCondition c, Predicate<TicketRecord> expected) {
    TicketFilter f = TicketFilter.builder().fields(List.of(c)).build();
    List<String> want =
        fixture.stream()
            .filter(t -> !t.deleted() && expected.test(t))
            .sorted(NEWEST_FIRST)
            .map(TicketRecord::id)
            .toList();
    assertThat(listIds(query(VisibilityScope.EVERYTHING, f))).as("%s", c).isEqualTo(want);
    assertThat(store().count(query(VisibilityScope.EVERYTHING, f)))
        .as("%s", c)
        .isEqualTo(want.size());
  }
}
