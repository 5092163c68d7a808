package dev.ticketing.service;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.JANE;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Refusals.invalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.ChangeStatus;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.PageRequest;
import dev.ticketing.RequestUpload;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketView;
import dev.ticketing.UpdateTicket;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.support.Desk;
import java.util.Comparator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a caller learns from a refused input (docs/reference.md, "Input and errors"): every
 * violation with its field, sorted, in one exception, and nothing written. Random bad input is the
 * property tests' job; these are the documented examples.
 */
class ValidationMessagesTest {

  private final Desk desk = new Desk();

  @AfterEach
  void close() {
    desk.close();
  }

  private static void assertSorted(ValidationException e) {
    assertThat(e.violations())
        .isSortedAccordingTo(
            Comparator.comparing(Violation::field).thenComparing(Violation::message));
    assertThat(e.violations()).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    for (Violation v : e.violations()) {
      assertThat(e.getMessage()).contains(v.field() + " " + v.message());
    }
  }

  @Test
  @DisplayName(
      "one createTicket with three bad fields lists all three, sorted by field; nothing is written")
  void everyViolationOfOneCall() {
    ValidationException e =
        invalid(
            () ->
                desk.service.createTicket(
                    JOHN,
                    new CreateTicket("   ", "bell \u0007 in the text", null, null, "acme corp")),
            "companyId",
            "description",
            "title");

    assertSorted(e);
    assertThat(e.violations()).hasSize(3);
    assertThat(e.violations())
        .extracting(Violation::message)
        .containsExactly(
            "must be an id of 1 to 128 letters, digits or . _ : @ -",
            "contains a control character (U+0007)",
            "must not be blank");
    assertThat(desk.store.ticketCount()).isZero();
    assertThat(desk.store.outboxEntries()).isEmpty();
  }

  @Test
  void lengthsCountAfterTrimming() {
    String title200 = "t".repeat(200);
    TicketView ok =
        desk.service.createTicket(JOHN, CreateTicket.of("  " + title200 + "  ", "\td\n", "acme"));
    assertThat(ok.title()).isEqualTo(title200);
    assertThat(ok.description()).isEqualTo("d");

    ValidationException e =
        invalid(
            () ->
                desk.service.createTicket(
                    JOHN, CreateTicket.of("t".repeat(201), "d".repeat(10_001), "acme")),
            "description",
            "title");
    assertThat(e.violations())
        .extracting(Violation::message)
        .containsExactly("must be at most 10000 characters", "must be at most 200 characters");

    invalid(
        () -> desk.service.addComment(JOHN, new AddComment(ok.id(), " \n\t ", false)), "content");
    invalid(
        () -> desk.service.addComment(JOHN, new AddComment(ok.id(), "c".repeat(10_001), false)),
        "content");
    assertThat(
            desk.service
                .addComment(JOHN, new AddComment(ok.id(), " " + "c".repeat(10_000) + " ", false))
                .content())
        .hasSize(10_000);
    assertThat(
            desk.service
                .addComment(JOHN, new AddComment(ok.id(), "line one\n\tline two", false))
                .content())
        .isEqualTo("line one\n\tline two");
  }

  @Test
  @DisplayName("null input is VALIDATION naming the argument")
  void nullInput() {
    invalid(() -> desk.service.createTicket(JOHN, null), "input");
    invalid(() -> desk.service.updateTicket(JOHN, null), "input");
    invalid(() -> desk.service.changeStatus(JOHN, null), "input");
    invalid(() -> desk.service.assignTicket(ADMIN, null), "input");
    invalid(() -> desk.service.addComment(JOHN, null), "input");
    invalid(() -> desk.service.requestUpload(JOHN, null), "input");
    invalid(() -> desk.service.confirmAttachment(JOHN, null), "input");
    invalid(() -> desk.service.ticketsPaginated(JOHN, null, TicketFilter.none()), "page");
    invalid(() -> desk.service.ticketsPaginated(JOHN, PageRequest.firstPage(), null), "filter");
    invalid(() -> desk.service.tickets(ADMIN, null), "filter");
    invalid(() -> desk.service.recordExternalNote(ADMIN, null), "note");
    invalid(() -> desk.service.ticket(JOHN, null), "id");
    invalid(() -> desk.service.deleteTicket(JOHN, null), "id");
    invalid(() -> desk.service.ticketsByCompany(ADMIN, null), "companyId");
    invalid(() -> desk.service.resolveTickets(ADMIN, null), "ticketIds");
  }

  @Test
  void everyInputRecordListsAllItsFields() {
    assertSorted(
        invalid(
            () -> desk.service.requestUpload(JOHN, new RequestUpload("", " ", "", 0)),
            "contentType",
            "fileName",
            "fileSize",
            "ticketId"));
    assertSorted(
        invalid(
            () -> desk.service.changeStatus(JOHN, new ChangeStatus("bad id", null)),
            "status",
            "ticketId"));
    assertSorted(
        invalid(
            () -> desk.service.updateTicket(JOHN, new UpdateTicket(null, "", "\u0000", null, null)),
            "description",
            "id",
            "title"));
    assertSorted(
        invalid(
            () -> desk.service.assignTicket(ADMIN, new AssignTicket("x y", "a/b")),
            "assignedToId",
            "ticketId"));
    assertSorted(
        invalid(
            () -> desk.service.addComment(JOHN, new AddComment(null, null, false)),
            "content",
            "ticketId"));
    assertSorted(
        invalid(
            () -> desk.service.confirmAttachment(JOHN, new ConfirmAttachment("t1", "", "bad id")),
            "commentId",
            "key"));
    assertSorted(
        invalid(
            () ->
                desk.service.ticketsPaginated(
                    JOHN, new PageRequest(0, "c".repeat(600), false), TicketFilter.none()),
            "after",
            "first"));
    assertSorted(
        invalid(
            () ->
                desk.service.ticketsPaginated(
                    JOHN,
                    PageRequest.firstPage(),
                    TicketFilter.builder()
                        .searchTerm(" ")
                        .companyId("a b")
                        .createdBy("")
                        .assignedToId("?")
                        .build()),
            "assignedToId",
            "companyId",
            "createdBy",
            "searchTerm"));
  }

  @Test
  @DisplayName(
      "rules checked after the annotations (allow-list, max size, file name, cursor) are listed in the same exception")
  void laterRulesJoinTheSameList() {
    TicketView t = desk.service.createTicket(JOHN, CreateTicket.of("Files", "here", "acme"));

    assertSorted(
        invalid(
            () ->
                desk.service.requestUpload(
                    JOHN, new RequestUpload(t.id(), "a.png", "", Long.MAX_VALUE)),
            "contentType",
            "fileSize"));
    assertSorted(
        invalid(
            () ->
                desk.service.requestUpload(
                    JOHN, new RequestUpload("bad id", "....", "text/html", 1)),
            "contentType",
            "fileName",
            "ticketId"));
    assertSorted(
        invalid(
            () -> desk.service.requestUpload(JOHN, new RequestUpload(t.id(), "/", "image/png", -1)),
            "fileName",
            "fileSize"));
    assertSorted(
        invalid(
            () ->
                desk.service.ticketsPaginated(
                    JOHN,
                    new PageRequest(0, "", false),
                    TicketFilter.builder().companyId("a b").build()),
            "after",
            "companyId",
            "first"));
    assertSorted(
        invalid(
            () ->
                desk.service.ticketsPaginated(
                    JOHN,
                    PageRequest.first(10).after("garbage!"),
                    TicketFilter.builder().searchTerm("").build()),
            "after",
            "searchTerm"));
    assertThat(desk.store.ticketCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("ids are checked at the boundary: malformed ids are VALIDATION, not NOT_FOUND")
  void malformedIds() {
    for (String bad :
        new String[] {
          "", " ", "a b", "../x", "x".repeat(129), "-leading", "caf\u00e9", "id;drop"
        }) {
      invalid(() -> desk.service.ticket(JOHN, bad), "id");
    }
    invalid(() -> desk.service.history(ADMIN, "a b"), "id");
    invalid(() -> desk.service.ticketStats(ADMIN, "a b"), "companyId");
  }

  @Test
  @DisplayName(
      "validation comes before permission: a stranger with bad input learns nothing about the ticket")
  void validationBeforePermission() {
    TicketView t = desk.service.createTicket(JOHN, CreateTicket.of("Mine", "only", "acme"));

    invalid(() -> desk.service.addComment(JANE, new AddComment(t.id(), "", false)), "content");
    invalid(
        () -> desk.service.createTicket(JANE, new CreateTicket("", "d", null, null, "acme")),
        "title");
    invalid(() -> desk.service.createTicket(ADMIN, CreateTicket.of("t", "d", null)), "companyId");
  }
}
