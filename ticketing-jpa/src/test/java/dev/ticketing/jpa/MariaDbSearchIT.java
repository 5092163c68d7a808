package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TextMatching;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a search promises on MariaDB ({@link TextMatching#WORD_START}, on InnoDB FULLTEXT): word
 * starts, case, accents, words the index cannot look up, FULLTEXT operators typed by users, internal
 * notes, and the probe that answers common words.
 */
class MariaDbSearchIT {

  private static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456Z");
  private JpaTicketStore store;
  private int seq;

  @BeforeEach
  void empty() {
    TestDatabase.MARIADB.truncate();
    store = TestDatabase.MARIADB.newStore();
  }

  @Test
  void theStorePromisesWordStarts() {
    assertThat(store.textMatching()).isEqualTo(TextMatching.WORD_START);
  }

  @Test
  void eachWordOfTheTermBeginsAWordOfTheText() {
    TicketRecord upload = ticket("Uploads fail on Safari", "Since the update");
    TicketRecord reupload = ticket("Reupload needed", "x");

    assertSearch("upload", upload);
    assertSearch("uploads fail", upload);
    assertSearch("upl", upload);
    assertSearch("ploads");
    assertSearch("upload", CommentSearch.NONE, VisibilityScope.EVERYTHING, upload);
    assertSearch("reup", reupload);
  }

  @Test
  void caseIsIgnoredAndAccentsAreNot() {
    TicketRecord cafe = ticket("CAFÉ menu broken", "x");
    TicketRecord plain = ticket("Cafe opening hours", "x");

    assertSearch("café", cafe);
    assertSearch("Café MENU", cafe);
    assertSearch("cafe", plain);
    assertSearch("ÉCRAN");
  }

  @Test
  void wordsTheIndexCannotLookUpAreMatchedAsSubstrings() {
    TicketRecord token = ticket("Token expired", "Login with SSO");
    TicketRecord other = ticket("Other", "nothing");

    // "ok" is shorter than the index's words, "with" and "wit" are (the beginning of) a stop word.
    assertSearch("ok", token);
    assertSearch("with", token);
    assertSearch("wit", token);
    assertSearch("in with", token);
    assertSearch("oth", other);
    assertSearch("th", token, other);
  }

  @Test
  void fullTextOperatorsTypedByUsersAreOrdinaryText() {
    TicketRecord flag = ticket("Export -invoice flag rejected", "x");
    TicketRecord both = ticket("Export without invoice", "x");
    TicketRecord cpp = ticket("C++ client crashes", "x");

    assertSearch("export -invoice", flag);
    assertSearch("+export +invoice");
    assertSearch("export", flag, both);
    assertSearch("export*");
    assertSearch("\"export\"");
    assertSearch("(export) ~invoice <flag> @2");
    assertSearch("c++", cpp);
    for (String operators :
        List.of("+", "-", "*", "\"", "(", ")", "~", "<", ">", "@", "+-*\"()~<>@", "\\")) {
      assertSearch(
          operators,
          operators.equals("+") || operators.equals("-")
              ? matchesOf(operators, flag, cpp)
              : List.of());
    }
  }

  @Test
  void customersNeverMatchInternalNoteText() {
    TicketRecord t = ticket("Login problem", "Cannot sign in");
    comment(t, "Same root cause as the quokka outage", true);
    TicketRecord pub = ticket("Billing", "Charged twice");
    comment(pub, "Customer mentions the quokka outage", false);

    assertSearch("quokka", CommentSearch.NONE, VisibilityScope.EVERYTHING);
    assertSearch("quokka outage", CommentSearch.PUBLIC, VisibilityScope.EVERYTHING, pub);
    assertSearch("quokka outage", CommentSearch.ALL, VisibilityScope.EVERYTHING, t, pub);
    assertSearch("uokka", CommentSearch.ALL, VisibilityScope.EVERYTHING);
  }

  @Test
  void aCommonWordIsAnsweredNewestFirstAcrossPages() {
    List<TicketRecord> common = new ArrayList<>();
    for (int i = 0; i < 320; i++) {
      common.add(ticket(i % 3 == 0 ? "Invoice export " + i : "Password reset " + i, "x"));
    }
    List<String> expected =
        common.stream()
            .filter(t -> t.title().startsWith("Invoice"))
            .sorted((a, b) -> b.createdAt().compareTo(a.createdAt()))
            .map(TicketRecord::id)
            .toList();

    TicketQuery first = query("invoice", CommentSearch.ALL, VisibilityScope.EVERYTHING, 21);
    List<TicketRow> page = store.list(first);
    assertThat(page)
        .extracting(r -> r.ticket().id())
        .containsExactlyElementsOf(expected.subList(0, 21));
    assertThat(store.count(first)).isEqualTo(expected.size());
    // Deep in the listing the probe's window holds fewer than a page: the FULLTEXT query answers.
    TicketRecord last = page.get(20).ticket();
    TicketQuery deep =
        new TicketQuery(
            VisibilityScope.EVERYTHING,
            TicketFilter.builder().searchTerm("invoice").build(),
            CommentSearch.ALL,
            SortOrder.NEWEST_FIRST,
            new dev.ticketing.spi.Keyset(last.createdAt(), last.id()),
            200);
    assertThat(store.list(deep))
        .extracting(r -> r.ticket().id())
        .containsExactlyElementsOf(expected.subList(21, expected.size()));
  }

  private static List<TicketRecord> matchesOf(String term, TicketRecord... candidates) {
    return Arrays.stream(candidates).filter(t -> t.title().toLowerCase().contains(term)).toList();
  }

  private TicketRecord ticket(String title, String description) {
    Instant at = T0.plusSeconds(seq++);
    TicketRecord t =
        new TicketRecord(
            UUID.randomUUID().toString(),
            "acme",
            "alice",
            title,
            description,
            Status.OPEN,
            Priority.MEDIUM,
            Category.TECHNICAL,
            null,
            at,
            at,
            null,
            null,
            null,
            null,
            null,
            0);
    store.inTransaction(
        () -> {
          store.insertTicket(t);
          return null;
        });
    return t;
  }

  private void comment(TicketRecord t, String content, boolean internal) {
    Instant at = T0.plusSeconds(seq++);
    store.inTransaction(
        () -> {
          store.insertComment(
              new CommentRecord(
                  UUID.randomUUID().toString(), t.id(), "ann", content, internal, null, at, at));
          return null;
        });
  }

  private void assertSearch(String term, TicketRecord... expected) {
    assertSearch(term, CommentSearch.ALL, VisibilityScope.EVERYTHING, expected);
  }

  private void assertSearch(String term, List<TicketRecord> expected) {
    assertSearch(
        term, CommentSearch.ALL, VisibilityScope.EVERYTHING, expected.toArray(TicketRecord[]::new));
  }

  private void assertSearch(
      String term, CommentSearch comments, VisibilityScope scope, TicketRecord... expected) {
    TicketQuery q = query(term, comments, scope, 100);
    List<String> ids =
        Arrays.stream(expected)
            .sorted((a, b) -> b.createdAt().compareTo(a.createdAt()))
            .map(TicketRecord::id)
            .toList();
    assertThat(store.list(q))
        .as("search '%s' (%s)", term, comments)
        .extracting(r -> r.ticket().id())
        .containsExactlyElementsOf(ids);
    assertThat(store.count(q))
        .as("count of search '%s' (%s)", term, comments)
        .isEqualTo(expected.length);
  }

  private static TicketQuery query(
      String term, CommentSearch comments, VisibilityScope scope, int limit) {
    return new TicketQuery(
        scope,
        TicketFilter.builder().searchTerm(term).build(),
        comments,
        SortOrder.NEWEST_FIRST,
        null,
        limit);
  }
}
