package dev.ticketing.scenarios;

import static dev.ticketing.support.Desk.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.Category;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CommentView;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.ExternalNote;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.ResolveOutcome;
import dev.ticketing.Status;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingException;
import dev.ticketing.TicketingOptions;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.policy.Reach;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.Notification;
import dev.ticketing.support.Desk;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Comdeall support module: bulk resolve, notes from the host's system, its permission matrix. */
class ComdeallSupportFlowsTest {

  /** The Comdeall support module's matrix as configuration of the default policy. */
  static final MatrixPolicy COMDEALL_POLICY =
      MatrixPolicy.standard().toBuilder()
          .revoke(Role.ADMIN, Operation.CREATE_TICKET)
          .revoke(Role.CUSTOMER, Operation.COMMENT)
          .revoke(Role.CUSTOMER, Operation.DELETE_TICKET)
          .revoke(Role.AGENT, Operation.CHANGE_STATUS)
          .revoke(Role.AGENT, Operation.COMMENT)
          .revoke(Role.AGENT, Operation.ADD_INTERNAL_NOTE)
          .build();

  static final TicketingOptions COMDEALL_OPTIONS =
      TicketingOptions.defaults().toBuilder()
          .resolutionNoticeOnlyFromStaff(true)
          .categories(
              List.of(
                  Category.of("APP_ISSUE"), Category.of("PAYMENT"), Category.of("THERAPY_SESSION")))
          .build();

  private static TicketView open(Desk desk, Actor who, String title) {
    return desk.service.createTicket(
        who, new CreateTicket(title, "Please help", null, Category.of("PAYMENT"), null));
  }

  private static final Actor PARENT = Actor.customer("john", "acme");

  @Test
  @DisplayName("mark-ticket-resolved: one outcome per id, each ticket resolved on its own")
  void bulkResolve() {
    try (Desk desk = new Desk(COMDEALL_POLICY, COMDEALL_OPTIONS)) {
      TicketView a = open(desk, PARENT, "Payment failed");
      TicketView b = open(desk, PARENT, "App crashes");
      TicketView janes = open(desk, JANE, "Globex issue");
      desk.service.changeStatus(ADMIN, new ChangeStatus(b.id(), Status.RESOLVED));
      desk.deliver();

      Map<String, ResolveOutcome> outcomes =
          desk.service.resolveTickets(ADMIN, List.of(a.id(), b.id(), "no-such-ticket", a.id()));

      assertThat(outcomes)
          .containsExactly(
              entry(a.id(), ResolveOutcome.RESOLVED),
              entry(b.id(), ResolveOutcome.ALREADY_RESOLVED),
              entry("no-such-ticket", ResolveOutcome.NOT_FOUND));
      assertThat(desk.service.ticket(PARENT, a.id()).ticket().resolvedAt()).isNotNull();
      // Staff resolved it, so the owner hears of it with the Comdeall support module's template.
      assertThat(desk.deliver())
          .singleElement()
          .satisfies(
              n -> {
                assertThat(n.template().name()).isEqualTo("support-ticket-resolved");
                assertThat(n.recipientId()).isEqualTo("john");
              });

      // A parent may not resolve; another tenant's ticket does not exist for them.
      assertThat(desk.service.resolveTickets(PARENT, List.of(janes.id(), a.id())))
          .containsExactly(
              entry(janes.id(), ResolveOutcome.NOT_FOUND),
              entry(a.id(), ResolveOutcome.ALREADY_RESOLVED));
      TicketView c = open(desk, PARENT, "Another");
      assertThat(desk.service.resolveTickets(PARENT, List.of(c.id())))
          .containsExactly(entry(c.id(), ResolveOutcome.NOT_ALLOWED));
      assertThat(desk.service.ticket(PARENT, c.id()).ticket().status()).isEqualTo(Status.OPEN);
    }
  }

  @Test
  @DisplayName(
      "mark-ticket-resolved rejects an empty list, too many ids and malformed ids, naming the field")
  void bulkResolveValidation() {
    try (Desk desk = new Desk(COMDEALL_POLICY, COMDEALL_OPTIONS)) {
      assertThatThrownBy(() -> desk.service.resolveTickets(ADMIN, List.of()))
          .isInstanceOfSatisfying(
              dev.ticketing.ValidationException.class,
              e -> assertThat(e.fields()).containsExactly("ticketIds"));
      assertThatThrownBy(
              () -> desk.service.resolveTickets(ADMIN, List.of("ok", "bad id", "'; drop table")))
          .isInstanceOfSatisfying(
              dev.ticketing.ValidationException.class,
              e -> assertThat(e.fields()).containsExactly("ticketIds[1]", "ticketIds[2]"));
    }
  }

  @Test
  @DisplayName(
      "add-note webhook: recorded once however often Hasura delivers it; the owner gets note-added once")
  void externalNoteIsIdempotent() {
    try (Desk desk = new Desk(COMDEALL_POLICY, COMDEALL_OPTIONS)) {
      TicketView t = open(desk, PARENT, "Payment failed");
      desk.deliver();
      ExternalNote event =
          new ExternalNote(
              "note-uuid",
              t.id(),
              "We refunded the payment.",
              Instant.parse("2025-10-07T12:00:00Z"),
              false);

      CommentView first = desk.service.recordExternalNote(ADMIN, event);
      CommentView again = desk.service.recordExternalNote(ADMIN, event);

      assertThat(again.id()).isEqualTo(first.id());
      assertThat(first.createdAt()).isEqualTo(Instant.parse("2025-10-07T12:00:00Z"));
      assertThat(desk.service.ticket(PARENT, t.id()).comments())
          .extracting(CommentView::content)
          .containsExactly("We refunded the payment.");
      List<Notification> sent = desk.deliver();
      assertThat(sent)
          .singleElement()
          .satisfies(
              n -> {
                assertThat(n.template()).isEqualTo(NotificationTemplate.NOTE_ADDED);
                assertThat(n.recipientId()).isEqualTo("john");
                assertThat(n.data()).containsEntry("commentContent", "We refunded the payment.");
              });
    }
  }

  @Test
  @DisplayName(
      "add-note webhook: a new note on a CLOSED or CANCELLED ticket is INVALID_STATE; a redelivery still succeeds")
  void externalNoteOnClosedTicket() {
    try (Desk desk = new Desk(COMDEALL_POLICY, COMDEALL_OPTIONS)) {
      TicketView closed = open(desk, PARENT, "Payment failed");
      ExternalNote before =
          new ExternalNote("note-before", closed.id(), "Refund on its way.", null, false);
      CommentView recorded = desk.service.recordExternalNote(ADMIN, before);
      desk.service.changeStatus(ADMIN, new ChangeStatus(closed.id(), Status.RESOLVED));
      desk.service.changeStatus(ADMIN, new ChangeStatus(closed.id(), Status.CLOSED));
      TicketView cancelled = open(desk, PARENT, "Never mind");
      desk.service.changeStatus(ADMIN, new ChangeStatus(cancelled.id(), Status.CANCELLED));
      desk.deliver();

      for (TicketView t : List.of(closed, cancelled)) {
        assertThatThrownBy(
                () ->
                    desk.service.recordExternalNote(
                        ADMIN, new ExternalNote("late-" + t.id(), t.id(), "Too late", null, false)))
            .isInstanceOfSatisfying(
                TicketingException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
      }
      assertThat(desk.service.recordExternalNote(ADMIN, before).id()).isEqualTo(recorded.id());
      assertThat(desk.service.ticket(ADMIN, closed.id()).comments())
          .extracting(CommentView::id)
          .containsExactly(recorded.id());
      assertThat(desk.service.ticket(ADMIN, cancelled.id()).comments()).isEmpty();
      assertThat(desk.deliver()).isEmpty();
    }
  }

  @Test
  @DisplayName(
      "Comdeall matrix: admins do not create tickets, parents do not comment, only admins resolve")
  void comdeallMatrix() {
    try (Desk desk = new Desk(COMDEALL_POLICY, COMDEALL_OPTIONS)) {
      assertThatThrownBy(
              () ->
                  desk.service.createTicket(
                      ADMIN, new CreateTicket("t", "d", null, Category.of("PAYMENT"), "acme")))
          .isInstanceOfSatisfying(
              TicketingException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
      TicketView t = open(desk, PARENT, "Session missing");
      assertThatThrownBy(
              () -> desk.service.addComment(PARENT, new AddComment(t.id(), "hello?", false)))
          .isInstanceOfSatisfying(
              TicketingException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
      desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
      assertThatThrownBy(
              () -> desk.service.changeStatus(SARAH, new ChangeStatus(t.id(), Status.RESOLVED)))
          .isInstanceOfSatisfying(
              TicketingException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
      // Predefined subjects replace the built-in categories.
      assertThat(desk.service.categories())
          .extracting(Category::name)
          .containsExactlyInAnyOrder("APP_ISSUE", "PAYMENT", "THERAPY_SESSION");
      assertThatThrownBy(
              () ->
                  desk.service.createTicket(
                      PARENT, new CreateTicket("t", "d", null, Category.TECHNICAL, null)))
          .isInstanceOfSatisfying(
              dev.ticketing.ValidationException.class,
              e -> assertThat(e.fields()).containsExactly("category"));
    }
  }

  @Test
  @DisplayName(
      "resolution notices only when staff resolved (the Comdeall option), always otherwise (the GraphQL ticket module)")
  void resolutionNoticeOnlyFromStaff() {
    // Customers of a company may resolve each other's tickets under this policy.
    PermissionPolicy colleaguesResolve =
        COMDEALL_POLICY.toBuilder()
            .customerVisibility(Reach.COMPANY)
            .grant(Role.CUSTOMER, Operation.CHANGE_STATUS, Reach.COMPANY)
            .build();
    for (boolean onlyFromStaff : new boolean[] {true, false}) {
      TicketingOptions options =
          COMDEALL_OPTIONS.toBuilder().resolutionNoticeOnlyFromStaff(onlyFromStaff).build();
      try (Desk desk = new Desk(colleaguesResolve, options)) {
        TicketView t = open(desk, PARENT, "Fixed it myself");
        desk.deliver();
        desk.service.changeStatus(ALICE, new ChangeStatus(t.id(), Status.RESOLVED));
        List<Notification> sent = desk.deliver();
        if (onlyFromStaff) {
          assertThat(sent).isEmpty();
        } else {
          assertThat(sent).extracting(Notification::recipientId).containsExactly("john");
        }
      }
    }
  }
}
