package dev.ticketing.service;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.ALICE;
import static dev.ticketing.support.Desk.JANE;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Desk.MIKE;
import static dev.ticketing.support.Desk.ROOT;
import static dev.ticketing.support.Desk.SARAH;
import static dev.ticketing.support.Refusals.invalid;
import static dev.ticketing.support.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.Category;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.PageRequest;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketPage;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingOptions;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.support.Desk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Lists and pages: order, keyset cursors, filters, search, scoping and limits. */
class PaginationAndSearchTest {

  private final Desk desk = new Desk();

  @AfterEach
  void close() {
    desk.close();
  }

  private TicketView create(
      Actor actor,
      String title,
      String description,
      Priority priority,
      Category category,
      String companyId) {
    desk.clock.advance(Duration.ofMinutes(1));
    return desk.service.createTicket(
        actor, new CreateTicket(title, description, priority, category, companyId));
  }

  private TicketView create(Actor actor, String title, String companyId) {
    return create(
        actor, title, "Description of " + title, Priority.MEDIUM, Category.GENERAL, companyId);
  }

  private List<String> ids(List<TicketView> views) {
    return views.stream().map(TicketView::id).toList();
  }

  private List<String> page(Actor actor, TicketFilter filter) {
    return ids(desk.service.ticketsPaginated(actor, PageRequest.first(100), filter).nodes());
  }

  /** Every ticket of a walk through all pages, in order. */
  private List<String> walk(Actor actor, int size, TicketFilter filter, Runnable betweenPages) {
    List<String> seen = new ArrayList<>();
    PageRequest request = PageRequest.first(size);
    for (int pages = 0; pages < 1_000; pages++) {
      TicketPage page = desk.service.ticketsPaginated(actor, request, filter);
      assertThat(page.nodes()).hasSizeLessThanOrEqualTo(size);
      seen.addAll(ids(page.nodes()));
      if (!page.pageInfo().hasNextPage()) {
        return seen;
      }
      assertThat(page.edges()).hasSize(size);
      assertThat(page.pageInfo().endCursor()).isEqualTo(page.edges().get(size - 1).cursor());
      betweenPages.run();
      request = request.after(page.pageInfo().endCursor());
    }
    throw new AssertionError("the walk does not end");
  }

  // ------------------------------------------------------------------ order, bounds, cursors

  @Nested
  class Paging {

    @Test
    @DisplayName("default page: 20 tickets, newest first, no total count")
    void defaultPageIsNewestFirst() {
      List<TicketView> created = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        created.add(create(JOHN, "Ticket " + i, "acme"));
      }

      TicketPage page =
          desk.service.ticketsPaginated(JOHN, PageRequest.firstPage(), TicketFilter.none());

      assertThat(page.nodes()).hasSize(PageRequest.DEFAULT_SIZE);
      List<String> newestFirst = new ArrayList<>(ids(created));
      java.util.Collections.reverse(newestFirst);
      assertThat(ids(page.nodes())).containsExactlyElementsOf(newestFirst.subList(0, 20));
      assertThat(page.nodes())
          .isSortedAccordingTo(Comparator.comparing(TicketView::createdAt).reversed());
      assertThat(page.pageInfo().hasNextPage()).isTrue();
      assertThat(page.totalCount()).isNull();
    }

    @Test
    @DisplayName("first must lie in 1..100")
    void firstIsBounded() {
      create(JOHN, "One", "acme");

      invalid(
          () ->
              desk.service.ticketsPaginated(
                  JOHN, new PageRequest(0, null, false), TicketFilter.none()),
          "first");
      invalid(
          () ->
              desk.service.ticketsPaginated(
                  JOHN, new PageRequest(-5, null, false), TicketFilter.none()),
          "first");
      invalid(
          () ->
              desk.service.ticketsPaginated(
                  JOHN, new PageRequest(101, null, false), TicketFilter.none()),
          "first");
      assertThat(
              desk.service
                  .ticketsPaginated(JOHN, PageRequest.first(1), TicketFilter.none())
                  .nodes())
          .hasSize(1);
      assertThat(
              desk.service
                  .ticketsPaginated(JOHN, PageRequest.first(100), TicketFilter.none())
                  .nodes())
          .hasSize(1);
    }

    @Test
    @DisplayName("walking the cursors visits every visible ticket exactly once, in order")
    void cursorWalkVisitsEveryTicketOnce() {
      List<String> all = new ArrayList<>();
      List<String> johns = new ArrayList<>();
      for (int i = 0; i < 45; i++) {
        Actor who = i % 3 == 0 ? JANE : JOHN;
        TicketView t = create(who, "Ticket " + i, who.companyId());
        all.add(0, t.id());
        if (who == JOHN) {
          johns.add(0, t.id());
        }
      }

      assertThat(walk(ADMIN, 7, TicketFilter.none(), () -> {})).containsExactlyElementsOf(all);
      assertThat(walk(JOHN, 4, TicketFilter.none(), () -> {})).containsExactlyElementsOf(johns);
      assertThat(walk(ADMIN, 100, TicketFilter.none(), () -> {})).containsExactlyElementsOf(all);
      assertThat(walk(ADMIN, 1, TicketFilter.none(), () -> {})).containsExactlyElementsOf(all);
    }

    @Test
    @DisplayName("cursors are stable while new tickets arrive between pages: no repeats, no gaps")
    void cursorsAreStableUnderInserts() {
      List<String> before = new ArrayList<>();
      for (int i = 0; i < 23; i++) {
        before.add(0, create(JOHN, "Old " + i, "acme").id());
      }
      List<String> arrived = new ArrayList<>();

      List<String> seen =
          walk(
              JOHN,
              5,
              TicketFilter.none(),
              () -> {
                arrived.add(create(JOHN, "New while paging", "acme").id());
                arrived.add(create(ADMIN, "New by staff", "acme").id());
              });

      // The walk started before the new tickets; they sort before its cursor and do not disturb it.
      assertThat(seen).containsExactlyElementsOf(before);
      assertThat(arrived).hasSize(8);
      assertThat(walk(JOHN, 5, TicketFilter.none(), () -> {}))
          .hasSize(23 + 4)
          .doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("a cursor stays valid after its ticket is deleted")
    void cursorOfDeletedTicketStillContinues() {
      List<String> all = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        all.add(0, create(JOHN, "T" + i, "acme").id());
      }
      TicketPage first =
          desk.service.ticketsPaginated(JOHN, PageRequest.first(3), TicketFilter.none());
      desk.service.deleteTicket(JOHN, first.nodes().get(2).id());

      TicketPage second =
          desk.service.ticketsPaginated(
              JOHN, PageRequest.first(3).after(first.pageInfo().endCursor()), TicketFilter.none());

      assertThat(ids(second.nodes())).containsExactlyElementsOf(all.subList(3, 6));
    }

    @Test
    @DisplayName(
        "hasNextPage is false on the last page, also when it is exactly full; endCursor null when empty")
    void pageInfo() {
      for (int i = 0; i < 10; i++) {
        create(JOHN, "T" + i, "acme");
      }
      TicketPage one =
          desk.service.ticketsPaginated(JOHN, PageRequest.first(5), TicketFilter.none());
      TicketPage two =
          desk.service.ticketsPaginated(
              JOHN, PageRequest.first(5).after(one.pageInfo().endCursor()), TicketFilter.none());

      assertThat(one.pageInfo().hasNextPage()).isTrue();
      assertThat(two.nodes()).hasSize(5);
      assertThat(two.pageInfo().hasNextPage()).isFalse();
      assertThat(two.pageInfo().endCursor()).isEqualTo(two.edges().get(4).cursor());

      TicketPage past =
          desk.service.ticketsPaginated(
              JOHN, PageRequest.first(5).after(two.pageInfo().endCursor()), TicketFilter.none());
      assertThat(past.edges()).isEmpty();
      assertThat(past.pageInfo().hasNextPage()).isFalse();
      assertThat(past.pageInfo().endCursor()).isNull();

      TicketPage nothing =
          desk.service.ticketsPaginated(JANE, PageRequest.firstPage(), TicketFilter.none());
      assertThat(nothing.edges()).isEmpty();
      assertThat(nothing.pageInfo()).isEqualTo(new TicketPage.PageInfo(null, false));
    }

    @Test
    @DisplayName("totalCount only when asked; it counts every match, not the page")
    void totalCountOnlyWhenAsked() {
      for (int i = 0; i < 12; i++) {
        create(i % 2 == 0 ? JOHN : JANE, "T" + i, i % 2 == 0 ? "acme" : "globex");
      }

      assertThat(
              desk.service
                  .ticketsPaginated(ADMIN, PageRequest.first(5), TicketFilter.none())
                  .totalCount())
          .isNull();
      assertThat(
              desk.service
                  .ticketsPaginated(
                      ADMIN, PageRequest.first(5).withTotalCount(), TicketFilter.none())
                  .totalCount())
          .isEqualTo(12);
      assertThat(
              desk.service
                  .ticketsPaginated(
                      ADMIN,
                      PageRequest.first(5).withTotalCount(),
                      TicketFilter.builder().companyId("globex").build())
                  .totalCount())
          .isEqualTo(6);
      // Scoped like the page: John's total is his own.
      assertThat(
              desk.service
                  .ticketsPaginated(
                      JOHN, PageRequest.first(5).withTotalCount(), TicketFilter.none())
                  .totalCount())
          .isEqualTo(6);
    }

    @Test
    @DisplayName("a cursor that is not one of ours is a validation error on 'after'")
    void badCursorIsAValidationError() {
      create(JOHN, "T", "acme");
      for (String bad : List.of("", "garbage!", "a2sxOjE6Mg", "' OR 1=1 --")) {
        invalid(
            () ->
                desk.service.ticketsPaginated(
                    JOHN, PageRequest.first(5).after(bad), TicketFilter.none()),
            "after");
      }
      invalid(
          () ->
              desk.service.ticketsPaginated(
                  JOHN, PageRequest.first(5).after("x".repeat(513)), TicketFilter.none()),
          "after");
    }
  }

  // ------------------------------------------------------------------ filters and search

  @Nested
  class FiltersAndSearch {
    // t1 john/acme HIGH TECHNICAL -> sarah (IN_PROGRESS); t2 john/acme LOW BILLING, RESOLVED,
    // unassigned;
    // t3 alice/acme URGENT ACCOUNT OPEN; t4 jane/globex MEDIUM TECHNICAL -> mike; t5 jane/globex
    // HIGH GENERAL
    // -> sarah; t6 admin/acme LOW BUG_REPORT OPEN; t7 admin/globex MEDIUM FEATURE_REQUEST OPEN.
    private final TicketView t1 =
        create(
            JOHN,
            "Unable to UPLOAD event images",
            "Error code: S3_UPLOAD_FAILED",
            Priority.HIGH,
            Category.TECHNICAL,
            "acme");
    private final TicketView t2 =
        create(
            JOHN,
            "Invoice shows the wrong amount",
            "We were charged twice in October",
            Priority.LOW,
            Category.BILLING,
            "acme");
    private final TicketView t3 =
        create(
            ALICE,
            "Cannot log in",
            "Password reset mail never arrives",
            Priority.URGENT,
            Category.ACCOUNT,
            "acme");
    private final TicketView t4 =
        create(
            JANE,
            "Calendar export broken",
            "The ICS file is empty after the upload",
            Priority.MEDIUM,
            Category.TECHNICAL,
            "globex");
    private final TicketView t5 =
        create(
            JANE,
            "Question about plans",
            "Which plan has SSO?",
            Priority.HIGH,
            Category.GENERAL,
            "globex");
    private final TicketView t6 =
        create(
            ADMIN,
            "Typo on the dashboard",
            "Reported by phone",
            Priority.LOW,
            Category.BUG_REPORT,
            "acme");
    private final TicketView t7 =
        create(
            ADMIN,
            "Dark mode please",
            "Customer wish",
            Priority.MEDIUM,
            Category.FEATURE_REQUEST,
            "globex");

    {
      desk.service.assignTicket(ADMIN, new AssignTicket(t1.id(), "sarah"));
      desk.service.changeStatus(ADMIN, new ChangeStatus(t2.id(), Status.RESOLVED));
      desk.service.assignTicket(ADMIN, new AssignTicket(t4.id(), "mike"));
      desk.service.assignTicket(ADMIN, new AssignTicket(t5.id(), "sarah"));
    }

    private List<String> expect(TicketView... newestLast) {
      List<String> out = new ArrayList<>();
      for (TicketView t : newestLast) {
        out.add(0, t.id());
      }
      return out;
    }

    private TicketFilter.Builder filter() {
      return TicketFilter.builder();
    }

    @Test
    void filtersByEachField() {
      assertThat(page(ADMIN, filter().status(Status.IN_PROGRESS).build()))
          .isEqualTo(expect(t1, t4, t5));
      assertThat(page(ADMIN, filter().status(Status.RESOLVED).build())).isEqualTo(expect(t2));
      assertThat(page(ADMIN, filter().priority(Priority.HIGH).build())).isEqualTo(expect(t1, t5));
      assertThat(page(ADMIN, filter().category(Category.TECHNICAL).build()))
          .isEqualTo(expect(t1, t4));
      assertThat(page(ADMIN, filter().companyId("globex").build())).isEqualTo(expect(t4, t5, t7));
      assertThat(page(ADMIN, filter().assignedToId("sarah").build())).isEqualTo(expect(t1, t5));
      assertThat(page(ADMIN, filter().unassigned(true).build())).isEqualTo(expect(t2, t3, t6, t7));
      assertThat(page(ADMIN, filter().unassigned(false).build())).isEqualTo(expect(t1, t4, t5));
      assertThat(page(ADMIN, filter().createdBy("john").build())).isEqualTo(expect(t1, t2));
      assertThat(page(ADMIN, filter().createdBy("admin").build())).isEqualTo(expect(t6, t7));
      // from is inclusive, to exclusive
      assertThat(
              page(ADMIN, filter().createdFrom(t3.createdAt()).createdTo(t5.createdAt()).build()))
          .isEqualTo(expect(t3, t4));
      assertThat(page(ADMIN, filter().createdFrom(t7.createdAt().plusNanos(1000)).build()))
          .isEmpty();
      assertThat(
              page(
                  ADMIN,
                  filter().companyId("acme").priority(Priority.LOW).unassigned(true).build()))
          .isEqualTo(expect(t2, t6));
      assertThat(page(ADMIN, filter().companyId("nobody").build())).isEmpty();
    }

    @Test
    void theNonPaginatedListsApplyTheSameFilters() {
      assertThat(
              ids(
                  desk.service.tickets(
                      ADMIN, filter().companyId("acme").status(Status.OPEN).build())))
          .isEqualTo(expect(t3, t6));
      assertThat(ids(desk.service.tickets(ADMIN, TicketFilter.none())))
          .isEqualTo(expect(t1, t2, t3, t4, t5, t6, t7));
      assertThat(ids(desk.service.myTickets(JOHN))).isEqualTo(expect(t1, t2));
      assertThat(ids(desk.service.myAssignedTickets(SARAH))).isEqualTo(expect(t1, t5));
      assertThat(ids(desk.service.ticketsByCompany(ADMIN, "globex"))).isEqualTo(expect(t4, t5, t7));
    }

    @Test
    @DisplayName("searchTerm: case-insensitive substring of title or description")
    void searchTitleAndDescription() {
      Function<String, List<String>> adminSearch =
          term -> page(ADMIN, filter().searchTerm(term).build());

      assertThat(adminSearch.apply("upload")).isEqualTo(expect(t1, t4)); // t1 title, t4 description
      assertThat(adminSearch.apply("UPLOAD")).isEqualTo(expect(t1, t4));
      assertThat(adminSearch.apply("s3_upload_failed")).isEqualTo(expect(t1));
      assertThat(adminSearch.apply("sso?")).isEqualTo(expect(t5));
      assertThat(adminSearch.apply("%")).as("no wildcard semantics").isEmpty();
      assertThat(adminSearch.apply("_")).isEqualTo(expect(t1));
      assertThat(adminSearch.apply("nothing like this")).isEmpty();
      assertThat(page(JOHN, filter().searchTerm("upload").build()))
          .as("scoped")
          .isEqualTo(expect(t1));
      assertThat(page(ADMIN, filter().searchTerm("upload").companyId("globex").build()))
          .isEqualTo(expect(t4));
    }

    @Test
    @DisplayName(
        "staff search matches comment text they may read; customers' search never matches comments")
    void searchCommentText() {
      desk.service.addComment(
          JOHN, new AddComment(t2.id(), "The ZEBRA invoice number is 4711", false));
      desk.service.addComment(SARAH, new AddComment(t1.id(), "platypus: quota exceeded", true));
      desk.service.addComment(
          SARAH, new AddComment(t1.id(), "Please retry the walrus upload", false));

      assertThat(page(ADMIN, filter().searchTerm("zebra").build())).isEqualTo(expect(t2));
      assertThat(page(ROOT, filter().searchTerm("Zebra").build())).isEqualTo(expect(t2));
      assertThat(page(JOHN, filter().searchTerm("zebra").build()))
          .as("customers search title and description only, even on their own replies")
          .isEmpty();

      assertThat(page(ADMIN, filter().searchTerm("platypus").build())).isEqualTo(expect(t1));
      assertThat(page(SARAH, filter().searchTerm("platypus").build()))
          .as("the assignee reads the note")
          .isEqualTo(expect(t1));
      assertThat(page(MIKE, filter().searchTerm("platypus").build())).isEmpty();
      assertThat(page(JOHN, filter().searchTerm("platypus").build()))
          .as("internal note text")
          .isEmpty();
      assertThat(page(JOHN, filter().searchTerm("walrus").build())).isEmpty();
      assertThat(page(SARAH, filter().searchTerm("walrus").build())).isEqualTo(expect(t1));
      assertThat(ids(desk.service.myTickets(JOHN))).isEqualTo(expect(t1, t2));
    }

    @Test
    @DisplayName(
        "every list is scoped: customers see their own tickets, agents their assigned ones")
    void everyListIsScoped() {
      Set<String> acme = Set.of(t1.id(), t2.id(), t3.id(), t6.id());

      for (List<String> list :
          List.of(
              page(JANE, TicketFilter.none()),
              page(JANE, filter().companyId("acme").build()),
              page(JANE, filter().createdBy("john").build()),
              page(JANE, filter().searchTerm("upload").build()),
              page(JANE, filter().assignedToId("sarah").build()),
              ids(desk.service.myTickets(JANE)),
              ids(desk.service.myAssignedTickets(JANE)),
              ids(desk.service.ticketsByCompany(JANE, "acme")),
              ids(desk.service.ticketsByCompany(JANE, "globex")))) {
        assertThat(list).doesNotContainAnyElementsOf(acme).isSubsetOf(t4.id(), t5.id());
      }
      assertThat(page(JANE, TicketFilter.none()))
          .as("not t7: admin created it")
          .isEqualTo(expect(t4, t5));
      assertThat(ids(desk.service.ticketsByCompany(JANE, "acme"))).isEmpty();
      assertThat(
              desk.service
                  .ticketsPaginated(
                      JANE,
                      PageRequest.first(10).withTotalCount(),
                      filter().companyId("acme").build())
                  .totalCount())
          .isZero();

      assertThat(page(JOHN, TicketFilter.none())).as("not alice's t3").isEqualTo(expect(t1, t2));
      assertThat(page(ALICE, TicketFilter.none())).isEqualTo(expect(t3));

      assertThat(page(SARAH, TicketFilter.none())).isEqualTo(expect(t1, t5));
      assertThat(page(SARAH, filter().companyId("globex").build())).isEqualTo(expect(t5));
      assertThat(page(SARAH, filter().assignedToId("mike").build())).isEmpty();
      assertThat(ids(desk.service.ticketsByCompany(SARAH, "acme"))).isEqualTo(expect(t1));
      assertThat(ids(desk.service.myTickets(SARAH))).isEmpty();
      assertThat(page(MIKE, TicketFilter.none())).isEqualTo(expect(t4));
    }

    @Test
    @DisplayName("tickets(filter) is the admin listing: ACCESS_DENIED for customers and agents")
    void adminListingRefusedToOthers() {
      refused(ErrorCode.ACCESS_DENIED, () -> desk.service.tickets(JOHN, TicketFilter.none()));
      refused(
          ErrorCode.ACCESS_DENIED,
          () -> desk.service.tickets(JANE, TicketFilter.builder().companyId("globex").build()));
      refused(ErrorCode.ACCESS_DENIED, () -> desk.service.tickets(SARAH, TicketFilter.none()));
      assertThat(desk.service.tickets(ROOT, TicketFilter.none())).hasSize(7);
    }

    @Test
    @DisplayName("includeDeleted is for admins only")
    void includeDeletedOnlyForAdmins() {
      desk.service.deleteTicket(JOHN, t2.id());
      TicketFilter withDeleted = filter().includeDeleted(true).build();

      refused(
          ErrorCode.ACCESS_DENIED,
          () -> desk.service.ticketsPaginated(JOHN, PageRequest.firstPage(), withDeleted));
      refused(
          ErrorCode.ACCESS_DENIED,
          () -> desk.service.ticketsPaginated(SARAH, PageRequest.firstPage(), withDeleted));
      refused(ErrorCode.ACCESS_DENIED, () -> desk.service.tickets(SARAH, withDeleted));

      assertThat(page(ADMIN, TicketFilter.none())).doesNotContain(t2.id());
      assertThat(page(ADMIN, withDeleted)).contains(t2.id()).hasSize(7);
      assertThat(ids(desk.service.tickets(ROOT, withDeleted))).contains(t2.id());
    }
  }

  // ------------------------------------------------------------------ limits

  @Test
  @DisplayName(
      "the non-paginated lists stop at options.listLimit (newest first); pages are not capped by it")
  void listsAreCappedAtTheListLimit() {
    try (Desk small =
        new Desk(
            MatrixPolicy.standard(),
            TicketingOptions.defaults().toBuilder().listLimit(3).build())) {
      List<String> newestFirst = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        small.clock.advance(Duration.ofMinutes(1));
        TicketView t = small.service.createTicket(JOHN, CreateTicket.of("T" + i, "d", "acme"));
        small.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
        newestFirst.add(0, t.id());
      }
      List<String> newest3 = newestFirst.subList(0, 3);

      assertThat(ids(small.service.myTickets(JOHN))).isEqualTo(newest3);
      assertThat(ids(small.service.myAssignedTickets(SARAH))).isEqualTo(newest3);
      assertThat(ids(small.service.ticketsByCompany(ADMIN, "acme"))).isEqualTo(newest3);
      assertThat(ids(small.service.tickets(ADMIN, TicketFilter.none()))).isEqualTo(newest3);
      assertThat(
              ids(
                  small
                      .service
                      .ticketsPaginated(JOHN, PageRequest.first(5), TicketFilter.none())
                      .nodes()))
          .isEqualTo(newestFirst);
    }
  }

  @Test
  void pagesCarryCountsTheActorMaySee() {
    TicketView t = create(JOHN, "Counts", "acme");
    desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
    desk.service.addComment(SARAH, new AddComment(t.id(), "public", false));
    desk.service.addComment(SARAH, new AddComment(t.id(), "internal", true));

    assertThat(
            desk.service
                .ticketsPaginated(JOHN, PageRequest.firstPage(), TicketFilter.none())
                .nodes())
        .singleElement()
        .satisfies(v -> assertThat(v.count().comments()).isEqualTo(1));
    assertThat(
            desk.service
                .ticketsPaginated(SARAH, PageRequest.firstPage(), TicketFilter.none())
                .nodes())
        .singleElement()
        .satisfies(v -> assertThat(v.count().comments()).isEqualTo(2));
    Set<String> distinct = new HashSet<>(page(ADMIN, TicketFilter.none()));
    assertThat(distinct).containsExactly(t.id());
  }
}
