package dev.ticketing.scenarios;

import static dev.ticketing.support.Desk.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AttachmentView;
import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.Category;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CommentView;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.Priority;
import dev.ticketing.RequestUpload;
import dev.ticketing.Status;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingException;
import dev.ticketing.UploadUrl;
import dev.ticketing.spi.Notification;
import dev.ticketing.support.Desk;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The GraphQL ticket module's four workflows, step by step (docs/compatibility.md). */
class GraphQlModuleWorkflowsTest {

  private final Desk desk = new Desk();

  @AfterEach
  void close() {
    desk.close();
  }

  private TicketView johnOpensTicket() {
    return desk.service.createTicket(
        JOHN,
        new CreateTicket(
            "Unable to upload event images",
            "Getting an error when trying to upload images to our event. Error code: S3_UPLOAD_FAILED",
            Priority.HIGH,
            Category.TECHNICAL,
            "acme"));
  }

  @Test
  @DisplayName("Workflow 1: customer creates a ticket -> OPEN, audit CREATED, admins notified")
  void workflow1() {
    TicketView t = johnOpensTicket();

    assertThat(t.status()).isEqualTo(Status.OPEN);
    assertThat(t.priority()).isEqualTo(Priority.HIGH);
    assertThat(t.category()).isEqualTo(Category.TECHNICAL);
    assertThat(t.company().name()).isEqualTo("Acme Corp");
    assertThat(t.company().email()).isEqualTo("billing@acme.com");
    assertThat(t.user().firstName()).isEqualTo("John");
    assertThat(t.user().email()).isEqualTo("john@acme.com");
    assertThat(t.createdAt()).isEqualTo(t.updatedAt());
    assertThat(t.assignedTo()).isNull();

    assertThat(desk.service.history(ADMIN, t.id()))
        .extracting(AuditEntry::action)
        .containsExactly(AuditAction.CREATED);
    List<Notification> sent = desk.deliver();
    assertThat(sent)
        .extracting(Notification::template)
        .containsOnly(NotificationTemplate.TICKET_CREATED);
    assertThat(sent)
        .extracting(Notification::recipientId)
        .containsExactlyInAnyOrder("admin", "root");
  }

  @Test
  @DisplayName(
      "Workflow 2: admin assigns (-> IN_PROGRESS, TICKET_ASSIGNED), agent replies (lastCommentAt, customer emailed)")
  void workflow2() {
    TicketView t = johnOpensTicket();
    desk.deliver();

    TicketView assigned = desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
    assertThat(assigned.status()).isEqualTo(Status.IN_PROGRESS);
    assertThat(assigned.assignedTo().firstName()).isEqualTo("Sarah");
    assertThat(assigned.assignedTo().roleName()).isEqualTo("SALES");
    assertThat(desk.deliver())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.template()).isEqualTo(NotificationTemplate.TICKET_ASSIGNED);
              assertThat(n.recipientId()).isEqualTo("sarah");
            });

    CommentView reply =
        desk.service.addComment(
            SARAH,
            new AddComment(
                t.id(),
                "I've checked the S3 bucket permissions and they look correct. Can you try again?",
                false));
    assertThat(reply.isInternal()).isFalse();
    assertThat(reply.user().lastName()).isEqualTo("Support");
    assertThat(reply.ticketId()).isEqualTo(t.id());

    TicketDetails seen = desk.service.ticket(JOHN, t.id());
    assertThat(seen.ticket().lastCommentAt()).isEqualTo(reply.createdAt());
    assertThat(seen.comments()).extracting(CommentView::content).containsExactly(reply.content());

    assertThat(desk.service.history(ADMIN, t.id()))
        .extracting(AuditEntry::action)
        .containsExactly(
            AuditAction.CREATED, AuditAction.TICKET_ASSIGNED, AuditAction.TICKET_COMMENT_ADDED);
    assertThat(desk.deliver())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.template()).isEqualTo(NotificationTemplate.COMMENT_ADDED);
              assertThat(n.recipientId()).isEqualTo("john");
              assertThat(n.data()).containsEntry("commentContent", reply.content());
            });
  }

  @Test
  @DisplayName("Workflow 2, internal note: staff see it, the customer sees no trace of it")
  void internalNote() {
    TicketView t = johnOpensTicket();
    desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
    CommentView reply =
        desk.service.addComment(SARAH, new AddComment(t.id(), "Can you try again?", false));
    desk.clock.advance(Duration.ofMinutes(5));
    desk.deliver();
    CommentView note =
        desk.service.addComment(
            ADMIN,
            new AddComment(
                t.id(), "Customer has exceeded storage quota. Need to upgrade plan.", true));

    TicketDetails staff = desk.service.ticket(SARAH, t.id());
    assertThat(staff.comments()).extracting(CommentView::id).containsExactly(reply.id(), note.id());
    assertThat(staff.ticket().count().comments()).isEqualTo(2);
    assertThat(staff.ticket().lastCommentAt()).isEqualTo(note.createdAt());

    TicketDetails customer = desk.service.ticket(JOHN, t.id());
    assertThat(customer.comments()).extracting(CommentView::id).containsExactly(reply.id());
    assertThat(customer.ticket().count().comments()).isEqualTo(1);
    assertThat(customer.ticket().lastCommentAt()).isEqualTo(reply.createdAt());
    assertThat(desk.service.myTickets(JOHN))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.count().comments()).isEqualTo(1);
              assertThat(v.lastCommentAt()).isEqualTo(reply.createdAt());
            });
    // The note notifies the assignee (someone else wrote it), never the customer.
    assertThat(desk.deliver())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.template()).isEqualTo(NotificationTemplate.INTERNAL_NOTE_ADDED);
              assertThat(n.recipientId()).isEqualTo("sarah");
            });
    // Customers may not write internal notes.
    assertThatThrownBy(() -> desk.service.addComment(JOHN, new AddComment(t.id(), "sneaky", true)))
        .isInstanceOfSatisfying(
            TicketingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
  }

  @Test
  @DisplayName("Workflow 3: resolve (resolvedAt), customer may reopen, admin closes (closedAt)")
  void workflow3() {
    TicketView t = johnOpensTicket();
    desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
    desk.deliver();

    TicketView resolved =
        desk.service.changeStatus(SARAH, new ChangeStatus(t.id(), Status.RESOLVED));
    assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
    assertThat(resolved.resolvedAt()).isNotNull();
    assertThat(desk.deliver())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.template()).isEqualTo(NotificationTemplate.TICKET_RESOLVED);
              assertThat(n.recipientId()).isEqualTo("john");
            });

    TicketView reopened =
        desk.service.changeStatus(JOHN, new ChangeStatus(t.id(), Status.REOPENED));
    assertThat(reopened.resolvedAt()).isNull();
    assertThat(desk.deliver())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.template()).isEqualTo(NotificationTemplate.TICKET_REOPENED);
              assertThat(n.recipientId()).isEqualTo("sarah");
            });

    desk.service.changeStatus(SARAH, new ChangeStatus(t.id(), Status.RESOLVED));
    TicketView closed = desk.service.changeStatus(ADMIN, new ChangeStatus(t.id(), Status.CLOSED));
    assertThat(closed.status()).isEqualTo(Status.CLOSED);
    assertThat(closed.closedAt()).isNotNull();
    assertThat(closed.resolvedAt()).isNotNull();

    assertThat(desk.service.history(ADMIN, t.id()))
        .extracting(AuditEntry::action)
        .containsExactly(
            AuditAction.CREATED,
            AuditAction.TICKET_ASSIGNED,
            AuditAction.TICKET_RESOLVED,
            AuditAction.TICKET_REOPENED,
            AuditAction.TICKET_RESOLVED,
            AuditAction.TICKET_CLOSED);
    // Comments on a closed ticket are refused: reopen first.
    assertThatThrownBy(
            () -> desk.service.addComment(JOHN, new AddComment(t.id(), "one more thing", false)))
        .isInstanceOfSatisfying(
            TicketingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
    // The customer may not resolve or close, only cancel and reopen.
    TicketView other = johnOpensTicket();
    assertThatThrownBy(
            () -> desk.service.changeStatus(JOHN, new ChangeStatus(other.id(), Status.RESOLVED)))
        .isInstanceOfSatisfying(
            TicketingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
  }

  @Test
  @DisplayName(
      "Workflow 4: upload URL -> PUT to storage -> confirm -> linked to the ticket or a comment")
  void workflow4() {
    TicketView t = johnOpensTicket();
    byte[] png = "\u0089PNG fake image bytes".getBytes(StandardCharsets.UTF_8);

    UploadUrl upload =
        desk.service.requestUpload(
            JOHN, new RequestUpload(t.id(), "error-screenshot.png", "image/png", png.length));
    assertThat(upload.key())
        .startsWith("tickets/attachments/" + t.id() + "/")
        .endsWith("/error-screenshot.png");
    assertThat(upload.expiresIn()).isEqualTo(3600);
    assertThat(upload.maxFileSize()).isEqualTo(104_857_600L);
    assertThat(upload.requiredHeaders()).containsEntry("Content-Type", "image/png");

    desk.blobs.upload(upload.uploadUrl(), "image/png", png);
    CommentView comment =
        desk.service.addComment(JOHN, new AddComment(t.id(), "Screenshot attached", false));
    AttachmentView attachment =
        desk.service.confirmAttachment(
            JOHN, new ConfirmAttachment(t.id(), upload.key(), comment.id()));

    assertThat(attachment.fileName()).isEqualTo("error-screenshot.png");
    assertThat(attachment.fileSize()).isEqualTo(png.length);
    assertThat(attachment.contentType()).isEqualTo("image/png");
    assertThat(desk.blobs.download(attachment.fileUrl())).isEqualTo(png);

    TicketDetails details = desk.service.ticket(ADMIN, t.id());
    assertThat(details.attachments())
        .extracting(AttachmentView::id)
        .containsExactly(attachment.id());
    assertThat(details.comments())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.attachments())
                    .extracting(AttachmentView::id)
                    .containsExactly(attachment.id()));
    assertThat(details.ticket().count().attachments()).isEqualTo(1);
    assertThat(desk.service.history(ADMIN, t.id()))
        .extracting(AuditEntry::action)
        .contains(AuditAction.ATTACHMENT_ADDED);

    // The key is single use.
    assertThatThrownBy(
            () ->
                desk.service.confirmAttachment(
                    JOHN, new ConfirmAttachment(t.id(), upload.key(), null)))
        .isInstanceOfSatisfying(
            TicketingException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.ATTACHMENT_REJECTED));
  }
}
