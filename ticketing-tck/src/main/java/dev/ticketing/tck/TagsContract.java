package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Status;
import dev.ticketing.TagCount;
import dev.ticketing.TagMatch;
import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.Keyset;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tags as the engine normalised them: kept and changed with the ticket, a listing's tags filter
 * (any or all) with every other filter, scope and keyset pagination intact, and tickets per tag.
 *
 * @since 0.1.0
 */
public abstract class TagsContract extends StoreContractFixture {

  private static final List<String> TAGS = List.of("billing", "vip", "outage", "refund_due");

  private List<TicketRecord> fixture = List.of();

  /** Tickets over the fixture's companies, each with a varying subset of {@link #TAGS}. */
  @BeforeEach
  void insertFixture() {
    List<TicketRecord> tickets = new ArrayList<>();
    List<TicketRecord> varied = variedTickets(40);
    for (int i = 0; i < varied.size(); i++) {
      List<String> tags = new ArrayList<>();
      for (int b = 0; b < TAGS.size(); b++) {
        if (((i + 1) >> b & 1) == 1) {
          tags.add(TAGS.get(b));
        }
      }
      tickets.add(varied.get(i).edit().tags(tags).build());
    }
    fixture = List.copyOf(tickets);
    insert(fixture);
  }

  @Test
  void tagsReadBackAsWritten() {
    for (TicketRecord t : fixture) {
      assertThat(found(t.id()).tags()).as(t.title()).isEqualTo(t.tags());
    }
  }

  @Test
  void anyTagMatchesTicketsWithAtLeastOne() {
    assertFilter(List.of("vip"), TagMatch.ANY, t -> t.tags().contains("vip"));
    assertFilter(
        List.of("vip", "outage"),
        TagMatch.ANY,
        t -> t.tags().contains("vip") || t.tags().contains("outage"));
    assertFilter(List.of("nobody-uses-this"), TagMatch.ANY, t -> false);
  }

  @Test
  void allTagsMatchTicketsWithEveryOne() {
    assertFilter(
        List.of("vip", "outage"),
        TagMatch.ALL,
        t -> t.tags().contains("vip") && t.tags().contains("outage"));
    assertFilter(List.of("billing", "nobody-uses-this"), TagMatch.ALL, t -> false);
  }

  @Test
  void theTagsFilterCombinesWithScopeAndFilters() {
    TicketFilter f =
        TicketFilter.builder().tags(List.of("billing")).companyId(acme).status(Status.OPEN).build();
    List<String> expected =
        fixture.stream()
            .filter(t -> !t.deleted() && t.tags().contains("billing"))
            .filter(t -> t.companyId().equals(acme) && t.status() == Status.OPEN)
            .sorted(NEWEST_FIRST)
            .map(TicketRecord::id)
            .toList();
    assertThat(listIds(query(VisibilityScope.company(acme), f))).isEqualTo(expected);
    VisibilityScope alices = VisibilityScope.requestedBy(alice, acme);
    TicketFilter vip = TicketFilter.builder().tags(List.of("vip")).build();
    assertThat(listIds(query(alices, vip)))
        .isEqualTo(
            fixture.stream()
                .filter(t -> !t.deleted() && t.tags().contains("vip") && alices.matches(t))
                .sorted(NEWEST_FIRST)
                .map(TicketRecord::id)
                .toList());
  }

  @Test
  void keysetPagesOfATagsFilterAddUpToTheWholeList() {
    for (TagMatch match : TagMatch.values()) {
      for (SortOrder order : SortOrder.values()) {
        TicketFilter f =
            TicketFilter.builder().tags(List.of("billing", "vip")).tagMatch(match).build();
        List<String> whole = listIds(query(VisibilityScope.EVERYTHING, f, order, null, MAX_LIMIT));
        List<String> paged = new ArrayList<>();
        Keyset after = null;
        while (true) {
          List<TicketRow> page =
              store().list(query(VisibilityScope.EVERYTHING, f, order, after, 3));
          page.forEach(r -> paged.add(r.ticket().id()));
          if (page.size() < 3) {
            break;
          }
          TicketRecord last = page.get(page.size() - 1).ticket();
          after = new Keyset(last.createdAt(), last.id());
        }
        assertThat(paged).as("%s %s", match, order).isEqualTo(whole).isNotEmpty();
      }
    }
  }

  /**
   * "All of" several tags and one tag, in every scope a customer or a company lists in (their own
   * tickets, with their CCs, the company's), page by page in both orders: each page is the next part
   * of the whole list, whichever tag a store reads first.
   */
  @Test
  void tagPagesOfEveryScopeAddUpToTheWholeList() {
    TicketRecord copied =
        fixture.stream()
            .filter(t -> !t.deleted() && t.companyId().equals(acme) && t.requesterId().equals(bob))
            .filter(t -> t.tags().containsAll(List.of("outage", "refund_due")))
            .findFirst()
            .orElseThrow();
    tx(() -> store().updateTicket(found(copied.id()).edit().ccIds(List.of(alice)).build()));
    TicketRecord nowCopied = found(copied.id());
    List<TicketRecord> tickets = new ArrayList<>();
    fixture.forEach(t -> tickets.add(t.id().equals(copied.id()) ? nowCopied : t));
    for (VisibilityScope scope :
        List.of(
            VisibilityScope.requestedBy(alice, acme),
            VisibilityScope.requestedByOrCopied(alice, acme),
            VisibilityScope.company(acme))) {
      for (List<String> tags :
          List.of(
              List.of("outage"),
              List.of("outage", "billing"),
              List.of("refund_due", "outage"),
              List.of("outage", "refund_due", "billing"))) {
        for (SortOrder order : SortOrder.values()) {
          TicketFilter f = TicketFilter.builder().tags(tags).tagMatch(TagMatch.ALL).build();
          List<String> whole =
              tickets.stream()
                  .filter(t -> !t.deleted() && scope.matches(t) && t.tags().containsAll(tags))
                  .sorted(order == SortOrder.NEWEST_FIRST ? NEWEST_FIRST : OLDEST_FIRST)
                  .map(TicketRecord::id)
                  .toList();
          List<String> paged = new ArrayList<>();
          Keyset after = null;
          while (true) {
            List<TicketRow> page = store().list(query(scope, f, order, after, 2));
            page.forEach(r -> paged.add(r.ticket().id()));
            if (page.size() < 2) {
              break;
            }
            TicketRecord last = page.get(page.size() - 1).ticket();
            after = new Keyset(last.createdAt(), last.id());
          }
          assertThat(paged).as("%s %s %s", scope, tags, order).isEqualTo(whole);
        }
      }
    }
  }

  @Test
  void aNewRequesterListsTheTicketAmongTheirOwnTaggedTicketsAtOnce() {
    TicketRecord t =
        fixture.stream()
            .filter(x -> !x.deleted() && x.requesterId().equals(alice))
            .filter(x -> x.tags().containsAll(List.of("billing", "outage")))
            .findFirst()
            .orElseThrow();
    tx(() -> store().updateTicket(found(t.id()).edit().requesterId(bob).build()));
    for (TicketFilter f :
        List.of(
            tagged("outage"),
            TicketFilter.builder()
                .tags(List.of("billing", "outage"))
                .tagMatch(TagMatch.ALL)
                .build(),
            TicketFilter.builder().tags(List.of("outage")).requesterId(bob).build())) {
      assertThat(listIds(query(VisibilityScope.requestedBy(bob, acme), f)))
          .as("%s", f)
          .contains(t.id());
      assertThat(listIds(query(VisibilityScope.requestedBy(alice, acme), f)))
          .as("%s", f)
          .doesNotContain(t.id());
    }
  }

  @Test
  void aChangeOfTagsShowsInTheFilterAtOnce() {
    TicketRecord t = fixture.stream().filter(x -> !x.deleted()).findFirst().orElseThrow();
    TicketRecord current = found(t.id());
    tx(() -> store().updateTicket(current.edit().tags(List.of("escalated")).build()));

    assertThat(listIds(query(VisibilityScope.EVERYTHING, tagged("escalated"))))
        .containsExactly(t.id());
    for (String old : current.tags()) {
      assertThat(listIds(query(VisibilityScope.EVERYTHING, tagged(old)))).doesNotContain(t.id());
    }
    assertThat(found(t.id()).tags()).containsExactly("escalated");
  }

  @Test
  void aTaggedTicketIsPurgedWithItsTags() {
    TicketRecord t = fixture.stream().filter(x -> x.tags().size() > 1).findFirst().orElseThrow();
    tx(() -> store().purgeTicket(t.id()));
    assertThat(store().findTicket(t.id())).isEmpty();
    for (String tag : t.tags()) {
      assertThat(listIds(query(VisibilityScope.EVERYTHING, tagged(tag)))).doesNotContain(t.id());
    }
  }

  @Test
  void tagCountsCountNonDeletedTicketsInScopeMostUsedFirst() {
    for (VisibilityScope scope :
        List.of(
            VisibilityScope.EVERYTHING,
            VisibilityScope.company(globex),
            VisibilityScope.requestedBy(alice, acme),
            VisibilityScope.NOTHING)) {
      assertThat(store().tagCounts(scope, null, 100))
          .as("%s", scope)
          .isEqualTo(expectedCounts(scope, null, 100));
    }
    assertThat(store().tagCounts(VisibilityScope.EVERYTHING, initech, 100))
        .isEqualTo(expectedCounts(VisibilityScope.EVERYTHING, initech, 100));
    assertThat(store().tagCounts(VisibilityScope.EVERYTHING, null, 2))
        .isEqualTo(expectedCounts(VisibilityScope.EVERYTHING, null, 2))
        .hasSize(2);
  }

  private List<TagCount> expectedCounts(
      VisibilityScope scope, @Nullable String companyId, int limit) {
    List<TagCount> out = new ArrayList<>();
    for (String tag : TAGS) {
      List<TicketRecord> with =
          fixture.stream()
              .filter(t -> !t.deleted() && scope.matches(t) && t.tags().contains(tag))
              .filter(t -> companyId == null || companyId.equals(t.companyId()))
              .toList();
      if (!with.isEmpty()) {
        out.add(
            new TagCount(
                tag, with.size(), with.stream().filter(t -> t.status().isActive()).count()));
      }
    }
    out.sort(Comparator.comparingLong(TagCount::tickets).reversed().thenComparing(TagCount::tag));
    return out.stream().limit(limit).toList();
  }

  private static TicketFilter tagged(String tag) {
    return TicketFilter.builder().tags(List.of(tag)).build();
  }

  private void assertFilter(List<String> tags, TagMatch match, Predicate<TicketRecord> expected) {
    TicketFilter f = TicketFilter.builder().tags(tags).tagMatch(match).build();
    TicketQuery q = query(VisibilityScope.EVERYTHING, f);
    List<String> want =
        fixture.stream()
            .filter(t -> !t.deleted() && expected.test(t))
            .sorted(NEWEST_FIRST)
            .map(TicketRecord::id)
            .toList();
    assertThat(listIds(q)).as("%s %s", match, tags).isEqualTo(want);
    assertThat(store().count(q)).isEqualTo(want.size());
  }
}
