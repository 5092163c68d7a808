package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The search term: case-insensitive, in title, description and visible comments, as the store's
 * {@link TicketStore#textMatching()} promises: a substring anywhere, or a phrase whose words begin
 * words of the text. Each promise is held exactly: a store finding less, or more, fails.
 */
public abstract class SearchContract extends StoreContractFixture {

  private int titleSeq;

  @Test
  void termMatchesTitleCaseInsensitively() {
    TicketRecord hit = insertTicket(acme, "Unable to upload invoice", "The button does nothing");
    TicketRecord upper = insertTicket(acme, "UPLOADS FAIL", "Since Monday");
    insertTicket(acme, "Password reset", "No mail arrives");

    assertSearch("UPLOAD", CommentSearch.NONE, VisibilityScope.EVERYTHING, hit, upper);
    assertSearch("upload", CommentSearch.NONE, VisibilityScope.EVERYTHING, hit, upper);
    assertSearch("uNaBlE tO", CommentSearch.NONE, VisibilityScope.EVERYTHING, hit);
  }

  @Test
  void termMatchesDescriptionCaseInsensitively() {
    TicketRecord hit = insertTicket(acme, "Help", "I am unable to upload my files");
    insertTicket(acme, "Other", "Nothing to see");

    assertSearch("UNABLE TO UPLOAD", CommentSearch.NONE, VisibilityScope.EVERYTHING, hit);
  }

  @Test
  void termMatchesWordBeginningsWhateverTheStorePromises() {
    TicketRecord invoice = insertTicket(acme, "Wrong invoice total", "VAT missing");
    TicketRecord voice = insertTicket(acme, "Voice mail broken", "No sound");

    assertSearch("invoice tot", CommentSearch.NONE, VisibilityScope.EVERYTHING, invoice);
    assertSearch("VOICE MAI", CommentSearch.NONE, VisibilityScope.EVERYTHING, voice);
    assertSearch("vat miss", CommentSearch.NONE, VisibilityScope.EVERYTHING, invoice);
    assertSearch("total wrong", CommentSearch.NONE, VisibilityScope.EVERYTHING);
  }

  @Test
  void termMatchesInsideWordsOnlyWhenTheStorePromisesSubstrings() {
    TicketRecord invoice = insertTicket(acme, "Wrong invoice total", "VAT missing");
    TicketRecord voice = insertTicket(acme, "Voice mail broken", "No sound");

    switch (store().textMatching()) {
      case SUBSTRING -> {
        assertSearch("nvoic", CommentSearch.NONE, VisibilityScope.EVERYTHING, invoice);
        assertSearch("voice", CommentSearch.NONE, VisibilityScope.EVERYTHING, invoice, voice);
        assertSearch("AT MISS", CommentSearch.NONE, VisibilityScope.EVERYTHING, invoice);
      }
      case WORD_START -> {
        assertSearch("nvoic", CommentSearch.NONE, VisibilityScope.EVERYTHING);
        assertSearch("voice", CommentSearch.NONE, VisibilityScope.EVERYTHING, voice);
        assertSearch("oice total", CommentSearch.NONE, VisibilityScope.EVERYTHING);
      }
    }
  }

  @Test
  void termIsSearchedWithoutItsSurroundingWhiteSpace() {
    // Core strips the term once, for every store: " upload " finds "upload" at the start and end of
    // a text too, on every store alike.
    TicketRecord middle = insertTicket(acme, "Unable to upload invoice", "The button does nothing");
    TicketRecord start = insertTicket(acme, "Upload fails", "Since Monday");
    TicketRecord end = insertTicket(acme, "Invoice", "Cannot upload");
    insertTicket(acme, "Password reset", "No mail arrives");

    assertSearch(" upload ", CommentSearch.NONE, VisibilityScope.EVERYTHING, middle, start, end);
    assertSearch("\tUPLOAD\n", CommentSearch.NONE, VisibilityScope.EVERYTHING, middle, start, end);
  }

  @Test
  void blankTermIsNoSearch() {
    TicketRecord a = insertTicket(acme, "Unable to upload invoice", "The button does nothing");
    TicketRecord b = insertTicket(acme, "Password reset", "No mail arrives");

    assertSearch("   ", CommentSearch.NONE, VisibilityScope.EVERYTHING, a, b);
  }

  @Test
  void commentTextMatchesAsTheStorePromises() {
    TicketRecord t = insertTicket(acme, "A", "a");
    tx(
        () ->
            store()
                .insertComment(
                    comment(
                        t.id(), alice, "Charged twice by the gateway", false, T0.plusSeconds(1))));

    assertSearch("gateway", CommentSearch.PUBLIC, VisibilityScope.EVERYTHING, t);
    switch (store().textMatching()) {
      case SUBSTRING -> assertSearch("harged", CommentSearch.PUBLIC, VisibilityScope.EVERYTHING, t);
      case WORD_START -> assertSearch("harged", CommentSearch.PUBLIC, VisibilityScope.EVERYTHING);
    }
  }

  @Test
  void termOnlyInACommentDoesNotMatchWithoutCommentSearch() {
    TicketRecord t = insertTicket(acme, "Login problem", "Cannot sign in");
    tx(
        () -> {
          store()
              .insertComment(
                  comment(t.id(), alice, "It says zebra-token expired", false, T0.plusSeconds(1)));
          store()
              .insertComment(
                  comment(t.id(), ann, "Check the zebra-token service", true, T0.plusSeconds(2)));
        });

    assertSearch("zebra", CommentSearch.NONE, VisibilityScope.EVERYTHING);
  }

  @Test
  void publicCommentSearchMatchesPublicCommentsButNotInternalNotes() {
    TicketRecord publicHit = insertTicket(acme, "Login problem", "Cannot sign in");
    TicketRecord internalOnly = insertTicket(acme, "Billing", "Charged twice");
    insertTicket(acme, "Unrelated", "Nothing");
    tx(
        () -> {
          store()
              .insertComment(
                  comment(
                      publicHit.id(),
                      alice,
                      "The screen shows ZEBRA-42",
                      false,
                      T0.plusSeconds(1)));
          store()
              .insertComment(
                  comment(
                      internalOnly.id(),
                      ann,
                      "Same root cause as zebra-42",
                      true,
                      T0.plusSeconds(2)));
        });

    assertSearch("zebra-42", CommentSearch.PUBLIC, VisibilityScope.EVERYTHING, publicHit);
  }

  @Test
  void allCommentSearchMatchesPublicCommentsAndInternalNotes() {
    TicketRecord publicHit = insertTicket(acme, "Login problem", "Cannot sign in");
    TicketRecord internalHit = insertTicket(acme, "Billing", "Charged twice");
    insertTicket(acme, "Unrelated", "Nothing");
    tx(
        () -> {
          store()
              .insertComment(
                  comment(
                      publicHit.id(),
                      alice,
                      "The screen shows ZEBRA-42",
                      false,
                      T0.plusSeconds(1)));
          store()
              .insertComment(
                  comment(
                      internalHit.id(),
                      ann,
                      "Same root cause as zebra-42",
                      true,
                      T0.plusSeconds(2)));
        });

    assertSearch("Zebra-42", CommentSearch.ALL, VisibilityScope.EVERYTHING, publicHit, internalHit);
  }

  @Test
  void ticketWithSeveralMatchingCommentsIsListedOnce() {
    TicketRecord t = insertTicket(acme, "Printer jammed again", "Paper tray 2");
    TicketRecord other = insertTicket(acme, "Printer offline", "Paper tray 1");
    tx(
        () -> {
          for (int i = 0; i < 4; i++) {
            store()
                .insertComment(
                    comment(
                        t.id(),
                        ann,
                        "Printer jammed, attempt " + i,
                        i % 2 == 0,
                        T0.plusSeconds(i + 1)));
          }
        });

    assertSearch("jammed", CommentSearch.ALL, VisibilityScope.EVERYTHING, t);
    assertSearch("printer", CommentSearch.ALL, VisibilityScope.EVERYTHING, t, other);
    assertSearch("jammed", CommentSearch.PUBLIC, VisibilityScope.EVERYTHING, t);
  }

  @Test
  void searchNeverLeavesTheScope() {
    TicketRecord acmeTicket = insertTicket(acme, "Upload broken", "Since update");
    TicketRecord globexTicket = insertTicket(globex, "Upload broken too", "Same here");
    TicketRecord globexByComment = insertTicket(globex, "Other", "Other");
    tx(
        () -> {
          store()
              .insertComment(
                  comment(globexByComment.id(), carol, "upload", false, T0.plusSeconds(1)));
          store()
              .insertComment(comment(globexByComment.id(), ann, "upload", true, T0.plusSeconds(2)));
        });

    assertSearch("upload", CommentSearch.ALL, VisibilityScope.company(acme), acmeTicket);
    assertSearch(
        "upload",
        CommentSearch.PUBLIC,
        VisibilityScope.company(globex),
        globexTicket,
        globexByComment);
    assertSearch("upload", CommentSearch.ALL, VisibilityScope.requestedBy(alice, acme), acmeTicket);
    assertSearch("upload", CommentSearch.ALL, VisibilityScope.NOTHING);
  }

  @Test
  void searchCombinesWithTheOtherFilters() {
    TicketRecord open = insertTicket(acme, "Upload broken", "x");
    TicketRecord resolved =
        ticket(acme, alice, T0.plusSeconds(5))
            .edit()
            .title("Upload broken as well")
            .status(Status.RESOLVED)
            .resolvedAt(T0.plusSeconds(6))
            .build();
    insert(resolved);

    TicketQuery q =
        query(
            VisibilityScope.EVERYTHING,
            TicketFilter.builder().searchTerm("upload").status(Status.RESOLVED).build(),
            CommentSearch.ALL);

    assertThat(listIds(q)).containsExactly(resolved.id());
    assertThat(store().count(q)).isEqualTo(1);
    assertSearch("upload", CommentSearch.ALL, VisibilityScope.EVERYTHING, open, resolved);
  }

  @Test
  void softDeletedTicketsAreNotFoundBySearchUnlessIncluded() {
    TicketRecord live = insertTicket(acme, "Upload broken", "x");
    TicketRecord deleted =
        softDeleted(
            ticket(acme, alice, T0.plusSeconds(9)).edit().title("Upload broken, deleted").build(),
            T0.plusSeconds(10));
    insert(deleted);

    assertSearch("upload", CommentSearch.ALL, VisibilityScope.EVERYTHING, live);
    TicketQuery withDeleted =
        query(
            VisibilityScope.EVERYTHING,
            TicketFilter.builder().searchTerm("upload").includeDeleted(true).build(),
            CommentSearch.ALL);
    assertThat(listIds(withDeleted)).containsExactly(deleted.id(), live.id());
  }

  @Test
  void percentIsMatchedLiterally() {
    TicketRecord percent = insertTicket(acme, "Discount of 100% not applied", "x");
    insertTicket(acme, "Invoice 1000 missing", "x");
    insertTicket(acme, "Invoice 100 missing", "x");

    assertSearch("100%", CommentSearch.ALL, VisibilityScope.EVERYTHING, percent);
    assertSearch("%", CommentSearch.ALL, VisibilityScope.EVERYTHING, percent);
  }

  @Test
  void underscoreIsMatchedLiterally() {
    TicketRecord underscore = insertTicket(acme, "Field snake_case rejected", "x");
    insertTicket(acme, "Field snakeXcase rejected", "x");
    insertTicket(acme, "Other", "y");

    assertSearch("snake_case", CommentSearch.ALL, VisibilityScope.EVERYTHING, underscore);
    assertSearch("_", CommentSearch.ALL, VisibilityScope.EVERYTHING, underscore);
  }

  @Test
  void backslashIsMatchedLiterally() {
    TicketRecord backslash = insertTicket(acme, "Logs missing", "Nothing in C:\\temp\\app");
    insertTicket(acme, "Logs missing", "Nothing in C:temp");
    insertTicket(acme, "Logs missing", "Nothing in C:/temp");

    assertSearch("c:\\temp", CommentSearch.ALL, VisibilityScope.EVERYTHING, backslash);
    assertSearch("\\", CommentSearch.ALL, VisibilityScope.EVERYTHING, backslash);
  }

  @Test
  void quotesAreMatchedLiterally() {
    TicketRecord quoted = insertTicket(acme, "Laptop of O'Brien", "He said \"it's broken\"");
    insertTicket(acme, "Laptop of OBrien", "x");

    assertSearch("o'brien", CommentSearch.ALL, VisibilityScope.EVERYTHING, quoted);
    assertSearch("\"it's", CommentSearch.ALL, VisibilityScope.EVERYTHING, quoted);
    assertSearch("'; drop table tickets; --", CommentSearch.ALL, VisibilityScope.EVERYTHING);
    assertThat(store().count(everything())).isEqualTo(2);
  }

  @Test
  void metacharactersInCommentSearchAreMatchedLiterally() {
    TicketRecord hit = insertTicket(acme, "A", "a");
    TicketRecord miss = insertTicket(acme, "B", "b");
    tx(
        () -> {
          store()
              .insertComment(
                  comment(hit.id(), alice, "Charged 50% twice", false, T0.plusSeconds(1)));
          store()
              .insertComment(
                  comment(miss.id(), alice, "Charged 500 twice", false, T0.plusSeconds(1)));
        });

    assertSearch("50%", CommentSearch.PUBLIC, VisibilityScope.EVERYTHING, hit);
    assertSearch("500", CommentSearch.PUBLIC, VisibilityScope.EVERYTHING, miss);
  }

  private TicketRecord insertTicket(String company, String title, String description) {
    TicketRecord t =
        ticket(company, company.equals(acme) ? alice : carol, T0.plusSeconds(titleSeq++))
            .edit()
            .title(title)
            .description(description)
            .build();
    insert(t);
    return t;
  }

  private void assertSearch(
      String term, CommentSearch commentSearch, VisibilityScope scope, TicketRecord... expected) {
    TicketQuery q = query(scope, TicketFilter.builder().searchTerm(term).build(), commentSearch);
    List<String> expectedIds = ids(java.util.Arrays.stream(expected).sorted(NEWEST_FIRST).toList());
    assertThat(listIds(q))
        .as("search '%s' (%s) in %s", term, commentSearch, scope)
        .containsExactlyElementsOf(expectedIds);
    assertThat(store().count(q))
        .as("count of search '%s' (%s) in %s", term, commentSearch, scope)
        .isEqualTo(expected.length);
  }
}
