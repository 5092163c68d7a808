package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.Keyset;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keyset pages of a search that also matches comment text. The store runs such a search as the
 * union of two arms (title or description; comments), each limited to the page, so the pages must
 * come out exactly as one query over all matches would give them: every match once, in order,
 * across page boundaries, with ties on the creation time, in both orders, within scope and filters.
 */
class SearchPagingIT {

  private static final int TICKETS = 60;
  private static final Instant BASE = Instant.parse("2025-03-01T00:00:00Z");

  /** What the seed put on ticket i, to predict each search. */
  private record Seeded(
      TicketRecord ticket, boolean inText, boolean inPublicComment, boolean inNote) {
    boolean matches(CommentSearch search) {
      return inText
          || (search != CommentSearch.NONE && inPublicComment)
          || (search == CommentSearch.ALL && inNote);
    }
  }

  /**
   * Ticket i: the term in its title when i % 5 == 0, in its description when i % 7 == 0, in a
   * public comment when i % 3 == 0 (in two of them when i % 9 == 0), in an internal note when
   * i % 4 == 0. Tickets come in pairs with the same creation time; even ones are acme's.
   */
  private static List<Seeded> seed(JpaTicketStore store) {
    List<Seeded> seeded = new ArrayList<>();
    List<CommentRecord> comments = new ArrayList<>();
    for (int i = 0; i < TICKETS; i++) {
      String id = String.format("s%03d", i);
      Instant created = BASE.plusSeconds(60L * (i / 2));
      String title = i % 5 == 0 ? "Printer NEEDLE jam " + i : "Printer jam " + i;
      String description = i % 7 == 0 ? "the needle is in here" : "nothing to see";
      TicketRecord t =
          new TicketRecord(
              id,
              i % 2 == 0 ? "acme" : "globex",
              "u" + (i % 3),
              title,
              description,
              i % 6 < 3 ? Status.OPEN : Status.IN_PROGRESS,
              Priority.MEDIUM,
              Category.GENERAL,
              null,
              created,
              created,
              null,
              null,
              null,
              null,
              null,
              0);
      seeded.add(new Seeded(t, i % 5 == 0 || i % 7 == 0, i % 3 == 0, i % 4 == 0));
      comments.add(
          new CommentRecord(
              id + "-c0",
              id,
              "agent",
              i % 3 == 0 ? "found a Needle" : "no luck",
              false,
              null,
              created.plusSeconds(1),
              created.plusSeconds(1)));
      if (i % 9 == 0) {
        comments.add(
            new CommentRecord(
                id + "-c1",
                id,
                "agent",
                "another needle",
                false,
                null,
                created.plusSeconds(2),
                created.plusSeconds(2)));
      }
      comments.add(
          new CommentRecord(
              id + "-n",
              id,
              "agent",
              i % 4 == 0 ? "internal needle" : "internal",
              true,
              null,
              created.plusSeconds(3),
              created.plusSeconds(3)));
    }
    store.inTransaction(
        () -> {
          seeded.forEach(s -> store.insertTicket(s.ticket()));
          return null;
        });
    store.inTransaction(
        () -> {
          comments.forEach(store::insertComment);
          return null;
        });
    return seeded;
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void pagesOfACommentSearchHoldEveryMatchOnceInOrder(TestDatabase db) {
    db.truncate();
    JpaTicketStore store = db.newStore();
    List<Seeded> seeded = seed(store);

    record Case(
        VisibilityScope scope,
        TicketFilter filter,
        Predicate<TicketRecord> predicate,
        List<SortOrder> orders) {}
    TicketFilter needle = TicketFilter.builder().searchTerm("needle").build();
    List<Case> cases =
        List.of(
            new Case(VisibilityScope.EVERYTHING, needle, t -> true, List.of(SortOrder.values())),
            new Case(
                VisibilityScope.company("acme"),
                needle,
                t -> t.companyId().equals("acme"),
                List.of(SortOrder.NEWEST_FIRST)),
            new Case(
                VisibilityScope.EVERYTHING,
                needle.toBuilder().status(Status.IN_PROGRESS).build(),
                t -> t.status() == Status.IN_PROGRESS,
                List.of(SortOrder.NEWEST_FIRST)));

    for (Case c : cases) {
      for (CommentSearch search : CommentSearch.values()) {
        for (SortOrder order : c.orders()) {
          Comparator<TicketRecord> byKey =
              Comparator.comparing(TicketRecord::createdAt).thenComparing(TicketRecord::id);
          List<String> expected =
              seeded.stream()
                  .filter(s -> s.matches(search) && c.predicate().test(s.ticket()))
                  .map(Seeded::ticket)
                  .sorted(order == SortOrder.NEWEST_FIRST ? byKey.reversed() : byKey)
                  .map(TicketRecord::id)
                  .toList();
          assertThat(expected)
              .as("the fixture gives each case several pages")
              .hasSizeGreaterThan(7);
          for (int size : new int[] {3, 100}) {
            List<String> walked = new ArrayList<>();
            Keyset after = null;
            do {
              List<TicketRow> page =
                  store.list(new TicketQuery(c.scope(), c.filter(), search, order, after, size));
              assertThat(page.size()).isLessThanOrEqualTo(size);
              page.forEach(r -> walked.add(r.ticket().id()));
              after = page.size() < size ? null : keyset(page.get(page.size() - 1));
            } while (after != null);
            assertThat(walked)
                .as(
                    "%s, %s, %s, %s, pages of %d",
                    c.scope(), c.filter().status(), search, order, size)
                .containsExactlyElementsOf(expected);
          }
          assertThat(store.count(new TicketQuery(c.scope(), c.filter(), search, order, null, 1)))
              .as("count of %s, %s, %s", c.scope(), c.filter().status(), search)
              .isEqualTo(expected.size());
        }
      }
    }
  }

  private static Keyset keyset(TicketRow row) {
    return new Keyset(row.ticket().createdAt(), row.ticket().id());
  }
}
