package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

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
import dev.ticketing.ExternalNote;
import dev.ticketing.FieldChange;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.PageRequest;
import dev.ticketing.Priority;
import dev.ticketing.RequestUpload;
import dev.ticketing.ResolveOutcome;
import dev.ticketing.Status;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketPage;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingException;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UpdateTicket;
import dev.ticketing.UploadUrl;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.Notification;
import dev.ticketing.testsupport.CountingDirectory;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.RecordingNotifier;
import dev.ticketing.testsupport.SamplePeople;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The service on the JPA store: the GraphQL ticket module's four workflows and the Comdeall support
 * module's flows, as the core's scenario tests run them in memory, here against H2, PostgreSQL and
 * MariaDB. Everything read back comes from the database (the store keeps no cache between units of
 * work).
 */
class ServiceOnJpaIT {

  static final Actor JOHN = SamplePeople.JOHN;
  static final Actor JANE = SamplePeople.JANE;
  static final Actor SARAH = SamplePeople.SARAH;
  static final Actor ADMIN = SamplePeople.ADMIN;
  static final Actor ROOT = SamplePeople.ROOT;

  static final InMemoryDirectory DIRECTORY = SamplePeople.directory();

  /**
   * The Comdeall support module's matrix as configuration of the default policy (as in the core's
   * scenario test).
   */
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

  /** SQL and HTML metacharacters, quotes, a backslash, LIKE wildcards, an emoji, a tab and a newline. */
  static final String NASTY = "O'Brien <b>%_\\ 😀 '; drop table x; -- \"quoted\"\tcafé\nnext line";

  /**
   * A support desk on a JPA store: the people of the GraphQL ticket module's examples, a clock and
   * a dispatcher the test drives.
   */
  static final class JpaDesk implements AutoCloseable {
    final TestDatabase db;
    final MutableClock clock = MutableClock.ticking("2025-10-07T10:30:00Z");
    final RecordingNotifier inbox = RecordingNotifier.working();
    final InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
    final CountingDirectory directory = new CountingDirectory(DIRECTORY);
    final FailingIds ids = new FailingIds(IdGenerator.timeOrdered(clock));
    final JpaTicketStore store;
    final Ticketing ticketing;
    final TicketService service;

    JpaDesk(TestDatabase db, PermissionPolicy policy, TicketingOptions options) {
      this.db = db;
      db.truncate();
      store = db.newStore();
      ticketing =
          Ticketing.builder()
              .store(store)
              .blobStore(blobs)
              .directory(directory)
              .idGenerator(ids)
              .notifier(inbox)
              .policy(policy)
              .options(options)
              .clock(clock)
              .backgroundDispatch(false)
              .backgroundSweep(false)
              .build();
      service = ticketing.service();
    }

    JpaDesk(TestDatabase db) {
      this(db, MatrixPolicy.standard(), TicketingOptions.defaults());
    }

    /** Delivers what is due and returns what was delivered since the last call. */
    List<Notification> deliver() {
      ticketing.dispatcher().drain();
      return inbox.take();
    }

    @Override
    public void close() {
      ticketing.close();
    }
  }

  private @Nullable JpaDesk desk;

  private JpaDesk desk(TestDatabase db) {
    desk = new JpaDesk(db);
    return desk;
  }

  private JpaDesk comdeallDesk(TestDatabase db) {
    desk = new JpaDesk(db, COMDEALL_POLICY, COMDEALL_OPTIONS);
    return desk;
  }

  @AfterEach
  void closeDesk() {
    if (desk != null) {
      desk.close();
    }
  }

  private static TicketView johnOpensTicket(JpaDesk desk) {
    return desk.service.createTicket(
        JOHN,
        new CreateTicket(
            "Unable to upload event images",
            "Getting an error when trying to upload images to our event. Error code: S3_UPLOAD_FAILED",
            Priority.HIGH,
            Category.TECHNICAL,
            "acme"));
  }

  private static ErrorCode code(Throwable e) {
    return ((TicketingException) e).code();
  }

  // ------------------------------------------------------------------ GraphQL ticket module,
  // workflows 1 to 4

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void workflow1CustomerCreatesATicket(TestDatabase db) {
    JpaDesk desk = desk(db);
    TicketView t = johnOpensTicket(desk);

    TicketView stored = desk.service.ticket(JOHN, t.id()).ticket();
    assertThat(stored).isEqualTo(t);
    assertThat(stored.status()).isEqualTo(Status.OPEN);
    assertThat(stored.priority()).isEqualTo(Priority.HIGH);
    assertThat(stored.category()).isEqualTo(Category.TECHNICAL);
    assertThat(stored.company().name()).isEqualTo("Acme Corp");
    assertThat(stored.company().email()).isEqualTo("billing@acme.com");
    assertThat(stored.user().firstName()).isEqualTo("John");
    assertThat(stored.user().email()).isEqualTo("john@acme.com");
    assertThat(stored.createdAt()).isEqualTo(stored.updatedAt());
    assertThat(stored.assignedTo()).isNull();

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
    assertThat(
            Rows.number(
                db,
                "select count(*) from ticketing_outbox where state = 'DELIVERED' and channel = ?",
                Ticketing.DEFAULT_CHANNEL))
        .as("one delivery per admin")
        .isEqualTo(2);
    assertThat(
            Rows.number(
                db,
                "select count(*) from ticketing_outbox where state = 'DELIVERED' and channel = 'recipients'"))
        .as("the request they were resolved from")
        .isOne();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void workflow2AdminAssignsAndTheAgentReplies(TestDatabase db) {
    JpaDesk desk = desk(db);
    TicketView t = johnOpensTicket(desk);
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
    assertThat(seen.comments()).singleElement().isEqualTo(reply);

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

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void workflow2InternalNoteLeavesNoTraceForTheCustomer(TestDatabase db) {
    JpaDesk desk = desk(db);
    TicketView t = johnOpensTicket(desk);
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
    // A file on the note: internal too.
    byte[] csv = "plan,quota\nfree,1GB\n".getBytes(StandardCharsets.UTF_8);
    UploadUrl upload =
        desk.service.requestUpload(
            ADMIN, new RequestUpload(t.id(), "quota.csv", "text/csv", csv.length));
    desk.blobs.upload(upload.uploadUrl(), "text/csv", csv);
    AttachmentView noteFile =
        desk.service.confirmAttachment(
            ADMIN, new ConfirmAttachment(t.id(), upload.key(), note.id()));

    TicketDetails staff = desk.service.ticket(SARAH, t.id());
    assertThat(staff.comments()).extracting(CommentView::id).containsExactly(reply.id(), note.id());
    assertThat(staff.ticket().count().comments()).isEqualTo(2);
    assertThat(staff.ticket().count().attachments()).isEqualTo(1);
    assertThat(staff.ticket().lastCommentAt()).isEqualTo(note.createdAt());
    assertThat(staff.attachments()).extracting(AttachmentView::id).containsExactly(noteFile.id());

    // The customer: not in comments, not in _count, not in lastCommentAt, not the note's file.
    TicketDetails customer = desk.service.ticket(JOHN, t.id());
    assertThat(customer.comments()).extracting(CommentView::id).containsExactly(reply.id());
    assertThat(customer.ticket().count().comments()).isEqualTo(1);
    assertThat(customer.ticket().count().attachments()).isZero();
    assertThat(customer.ticket().lastCommentAt()).isEqualTo(reply.createdAt());
    assertThat(customer.attachments()).isEmpty();
    assertThat(desk.service.myTickets(JOHN))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.count().comments()).isEqualTo(1);
              assertThat(v.count().attachments()).isZero();
              assertThat(v.lastCommentAt()).isEqualTo(reply.createdAt());
            });
    TicketPage page =
        desk.service.ticketsPaginated(
            JOHN, PageRequest.firstPage().withTotalCount(), TicketFilter.none());
    assertThat(page.edges())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.node().count().comments()).isEqualTo(1);
              assertThat(e.node().lastCommentAt()).isEqualTo(reply.createdAt());
            });

    // Search by the note's text: nothing for the customer, the ticket for staff who read notes.
    TicketFilter byNote = TicketFilter.builder().searchTerm("storage quota").build();
    TicketPage customerSearch =
        desk.service.ticketsPaginated(JOHN, PageRequest.firstPage().withTotalCount(), byNote);
    assertThat(customerSearch.edges()).isEmpty();
    assertThat(customerSearch.totalCount()).isZero();
    TicketPage agentSearch =
        desk.service.ticketsPaginated(SARAH, PageRequest.firstPage().withTotalCount(), byNote);
    assertThat(agentSearch.edges()).extracting(e -> e.node().id()).containsExactly(t.id());
    assertThat(agentSearch.totalCount()).isOne();
    assertThat(desk.service.tickets(ADMIN, byNote))
        .extracting(TicketView::id)
        .containsExactly(t.id());
    // Customers search title and description only, staff also the comments they may read.
    assertThat(
            desk.service
                .ticketsPaginated(
                    JOHN,
                    PageRequest.firstPage(),
                    TicketFilter.builder().searchTerm("try again").build())
                .edges())
        .isEmpty();
    assertThat(
            desk.service
                .ticketsPaginated(
                    SARAH,
                    PageRequest.firstPage(),
                    TicketFilter.builder().searchTerm("try again").build())
                .edges())
        .hasSize(1);
    assertThat(
            desk.service
                .ticketsPaginated(
                    JOHN,
                    PageRequest.firstPage(),
                    TicketFilter.builder().searchTerm("s3_upload_failed").build())
                .edges())
        .hasSize(1);

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
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.ACCESS_DENIED));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void workflow3ResolveReopenClose(TestDatabase db) {
    JpaDesk desk = desk(db);
    TicketView t = johnOpensTicket(desk);
    desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
    desk.deliver();

    TicketView resolved =
        desk.service.changeStatus(SARAH, new ChangeStatus(t.id(), Status.RESOLVED));
    assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
    assertThat(resolved.resolvedAt()).isNotNull();
    assertThat(desk.service.ticket(JOHN, t.id()).ticket().resolvedAt())
        .isEqualTo(resolved.resolvedAt());
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
    assertThat(desk.service.ticket(JOHN, t.id()).ticket().resolvedAt()).isNull();
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
    assertThat(desk.service.ticket(ADMIN, t.id()).ticket()).isEqualTo(closed);

    assertThat(desk.service.history(ADMIN, t.id()))
        .extracting(AuditEntry::action)
        .containsExactly(
            AuditAction.CREATED,
            AuditAction.TICKET_ASSIGNED,
            AuditAction.TICKET_RESOLVED,
            AuditAction.TICKET_REOPENED,
            AuditAction.TICKET_RESOLVED,
            AuditAction.TICKET_CLOSED);
    assertThat(desk.service.history(ADMIN, t.id()).get(2).changes())
        .containsExactly(new FieldChange("status", "IN_PROGRESS", "RESOLVED"));
    // Comments on a closed ticket are refused: reopen first.
    assertThatThrownBy(
            () -> desk.service.addComment(JOHN, new AddComment(t.id(), "one more thing", false)))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_STATE));
    // The customer may not resolve or close, only cancel and reopen.
    TicketView other = johnOpensTicket(desk);
    assertThatThrownBy(
            () -> desk.service.changeStatus(JOHN, new ChangeStatus(other.id(), Status.RESOLVED)))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.ACCESS_DENIED));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void workflow4UploadConfirmAndLink(TestDatabase db) {
    JpaDesk desk = desk(db);
    TicketView t = johnOpensTicket(desk);
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
    assertThat(
            Rows.number(
                db,
                "select count(*) from ticketing_upload_grant where object_key = ?",
                upload.key()))
        .isOne();

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
    assertThat(desk.blobs.download(details.attachments().get(0).fileUrl())).isEqualTo(png);
    assertThat(desk.service.history(ADMIN, t.id()))
        .extracting(AuditEntry::action)
        .contains(AuditAction.ATTACHMENT_ADDED);

    // The key is single use: the grant row is gone, a second confirmation is refused. The staged
    // upload was deleted and is scheduled again for when its URL can no longer write it.
    assertThat(Rows.number(db, "select count(*) from ticketing_upload_grant")).isZero();
    assertThat(desk.blobs.keys()).containsExactly(upload.key());
    assertThat(Rows.query(db, "select object_key from ticketing_object_deletion"))
        .singleElement()
        .satisfies(r -> assertThat((String) r.get(0)).startsWith("tickets/staging/"));
    assertThatThrownBy(
            () ->
                desk.service.confirmAttachment(
                    JOHN, new ConfirmAttachment(t.id(), upload.key(), null)))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.ATTACHMENT_REJECTED));
    assertThat(Rows.number(db, "select count(*) from ticketing_attachment")).isOne();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void unconfirmedUploadsAndPurgedFilesAreSwept(TestDatabase db) {
    JpaDesk desk = desk(db);
    TicketView t = johnOpensTicket(desk);
    byte[] bytes = "evidence".getBytes(StandardCharsets.UTF_8);
    UploadUrl confirmed =
        desk.service.requestUpload(
            JOHN, new RequestUpload(t.id(), "a.txt", "text/plain", bytes.length));
    desk.blobs.upload(confirmed.uploadUrl(), "text/plain", bytes);
    desk.service.confirmAttachment(JOHN, new ConfirmAttachment(t.id(), confirmed.key(), null));
    UploadUrl pending =
        desk.service.requestUpload(
            JOHN, new RequestUpload(t.id(), "b.txt", "text/plain", bytes.length));
    desk.blobs.upload(pending.uploadUrl(), "text/plain", bytes);
    TicketView other = johnOpensTicket(desk);
    UploadUrl abandoned =
        desk.service.requestUpload(
            JOHN, new RequestUpload(other.id(), "c.txt", "text/plain", bytes.length));
    desk.blobs.upload(abandoned.uploadUrl(), "text/plain", bytes);

    desk.service.purgeTicket(ROOT, t.id());
    assertThat(desk.blobs.keys())
        .as("only the other ticket's staged upload")
        .hasSize(1)
        .noneMatch(k -> k.contains(t.id()));
    // The purged ticket's pending URL still writes its staged object, which nothing can confirm.
    desk.blobs.upload(pending.uploadUrl(), "text/plain", bytes);
    assertThat(desk.blobs.keys()).hasSize(2);

    desk.clock.advance(Duration.ofHours(2).plusMinutes(6));
    var swept = desk.ticketing.sweeper().sweep();

    assertThat(swept.expiredGrants()).isOne();
    assertThat(desk.blobs.keys()).isEmpty();
    assertThat(Rows.number(db, "select count(*) from ticketing_upload_grant")).isZero();
    assertThat(Rows.number(db, "select count(*) from ticketing_object_deletion")).isZero();
    assertThat(desk.ticketing.sweeper().sweep())
        .isEqualTo(new dev.ticketing.attachment.AttachmentSweeper.Result(0, 0));
  }

  // ------------------------------------------------------------------ Comdeall support module

  private static TicketView open(JpaDesk desk, Actor who, String title) {
    return desk.service.createTicket(
        who, new CreateTicket(title, "Please help", null, Category.of("PAYMENT"), null));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void comdeallBulkResolveGivesOneOutcomePerId(TestDatabase db) {
    JpaDesk desk = comdeallDesk(db);
    TicketView a = open(desk, JOHN, "Payment failed");
    TicketView b = open(desk, JOHN, "App crashes");
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
    assertThat(desk.service.ticket(JOHN, a.id()).ticket().resolvedAt()).isNotNull();
    assertThat(desk.service.ticket(JOHN, a.id()).ticket().category())
        .isEqualTo(Category.of("PAYMENT"));
    assertThat(desk.deliver())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.template().name()).isEqualTo("support-ticket-resolved");
              assertThat(n.recipientId()).isEqualTo("john");
            });

    // A parent may not resolve; another tenant's ticket does not exist for them.
    assertThat(desk.service.resolveTickets(JOHN, List.of(janes.id(), a.id())))
        .containsExactly(
            entry(janes.id(), ResolveOutcome.NOT_FOUND),
            entry(a.id(), ResolveOutcome.ALREADY_RESOLVED));
    TicketView c = open(desk, JOHN, "Another");
    assertThat(desk.service.resolveTickets(JOHN, List.of(c.id())))
        .containsExactly(entry(c.id(), ResolveOutcome.NOT_ALLOWED));
    assertThat(desk.service.ticket(JOHN, c.id()).ticket().status()).isEqualTo(Status.OPEN);
    // Each resolution wrote its own audit entry; the refused ones wrote nothing.
    assertThat(
            Rows.number(
                db, "select count(*) from ticketing_audit_entry where action = 'TICKET_RESOLVED'"))
        .isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void comdeallExternalNoteIsRecordedAndNotifiedOnce(TestDatabase db) {
    JpaDesk desk = comdeallDesk(db);
    TicketView t = open(desk, JOHN, "Payment failed");
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
    assertThat(desk.service.ticket(JOHN, t.id()).comments())
        .extracting(CommentView::content)
        .containsExactly("We refunded the payment.");
    assertThat(
            Rows.number(
                db, "select count(*) from ticketing_comment where external_id = 'note-uuid'"))
        .isOne();
    List<Notification> sent = desk.deliver();
    assertThat(sent)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.template()).isEqualTo(NotificationTemplate.NOTE_ADDED);
              assertThat(n.recipientId()).isEqualTo("john");
              assertThat(n.data()).containsEntry("commentContent", "We refunded the payment.");
            });
    // The same external id on another ticket is refused, not recorded twice.
    TicketView other = open(desk, JOHN, "Other");
    assertThatThrownBy(
            () ->
                desk.service.recordExternalNote(
                    ADMIN, new ExternalNote("note-uuid", other.id(), "x", null, false)))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.VALIDATION));
    assertThat(Rows.number(db, "select count(*) from ticketing_comment")).isOne();
  }

  // ------------------------------------------------------------------ text round trip

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void textWithMetacharactersComesBackByteIdentical(TestDatabase db) {
    JpaDesk desk = desk(db);
    TicketView plain =
        desk.service.createTicket(
            JOHN, CreateTicket.of("Nothing special here", "plain words", "acme"));
    TicketView t =
        desk.service.createTicket(
            JOHN, CreateTicket.of(NASTY, "Description: " + NASTY + " ÉCOLE", "acme"));
    desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
    CommentView reply =
        desk.service.addComment(SARAH, new AddComment(t.id(), "Reply: " + NASTY, false));
    CommentView external =
        desk.service.recordExternalNote(
            ADMIN, new ExternalNote("ext-" + t.id(), t.id(), "External: " + NASTY, null, false));
    desk.service.updateTicket(
        JOHN, new UpdateTicket(t.id(), NASTY + " (edited)", null, null, null));

    TicketDetails details = desk.service.ticket(JOHN, t.id());
    assertThat(details.ticket().title()).isEqualTo(NASTY + " (edited)");
    assertThat(details.ticket().description()).isEqualTo("Description: " + NASTY + " ÉCOLE");
    assertThat(details.comments())
        .extracting(CommentView::content)
        .containsExactly("Reply: " + NASTY, "External: " + NASTY);
    assertThat(details.comments())
        .extracting(CommentView::id)
        .containsExactly(reply.id(), external.id());
    assertThat(desk.service.myTickets(JOHN))
        .extracting(TicketView::title)
        .contains(NASTY + " (edited)");

    // What the tables hold, read with plain JDBC: the same characters, and on the servers the
    // same UTF-8 bytes (an emoji is 4 bytes, not replaced by '?' nor split into surrogates).
    List<Object> row =
        Rows.query(db, "select title, description from ticketing_ticket where id = ?", t.id())
            .get(0);
    assertThat(row).containsExactly(NASTY + " (edited)", "Description: " + NASTY + " ÉCOLE");
    assertThat(
            Rows.query(
                db,
                "select content from ticketing_comment where ticket_id = ? order by created_at",
                t.id()))
        .extracting(r -> r.get(0))
        .containsExactly("Reply: " + NASTY, "External: " + NASTY);
    if (db != TestDatabase.H2) {
      assertThat(
              Rows.number(
                  db, "select octet_length(title) from ticketing_ticket where id = ?", t.id()))
          .isEqualTo((NASTY + " (edited)").getBytes(StandardCharsets.UTF_8).length);
    }
    // The audit keeps old and new title; the outbox keeps the comment text for the notifier.
    assertThat(desk.service.history(ADMIN, t.id()))
        .filteredOn(e -> e.action() == AuditAction.UPDATED)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.changes())
                    .containsExactly(new FieldChange("title", NASTY, NASTY + " (edited)")));
    assertThat(desk.deliver())
        .filteredOn(n -> n.template().equals(NotificationTemplate.COMMENT_ADDED))
        .singleElement()
        .satisfies(n -> assertThat(n.data()).containsEntry("commentContent", "Reply: " + NASTY));

    // Metacharacters in a search are matched literally, by staff and customers alike; case is
    // ignored beyond ASCII too.
    for (String term :
        List.of(
            "%",
            "_",
            "\\",
            "o'brien",
            "'; drop table x; --",
            "<b>%_\\",
            "😀",
            "\"QUOTED\"",
            "CAFÉ",
            "école")) {
      for (Actor actor : List.of(JOHN, ADMIN)) {
        TicketFilter search = TicketFilter.builder().searchTerm(term).build();
        assertThat(
                desk.service
                    .ticketsPaginated(actor, PageRequest.firstPage().withTotalCount(), search)
                    .edges())
            .as("search %s as %s", term, actor.id())
            .extracting(e -> e.node().id())
            .containsExactly(t.id());
      }
    }
    assertThat(desk.service.tickets(ADMIN, TicketFilter.none()))
        .extracting(TicketView::id)
        .containsExactlyInAnyOrder(t.id(), plain.id());
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void theLongestTextsFitEvenInFourByteCharacters(TestDatabase db) {
    JpaDesk desk = desk(db);
    // The limits count characters (code points): 200 for a title, 10,000 for a description or
    // comment.
    String title = "😀".repeat(200);
    String description = "😀".repeat(10_000);
    TicketView t = desk.service.createTicket(JOHN, CreateTicket.of(title, description, "acme"));
    CommentView c =
        desk.service.addComment(JOHN, new AddComment(t.id(), "🎉".repeat(10_000), false));
    desk.service.updateTicket(JOHN, new UpdateTicket(t.id(), null, "é".repeat(10_000), null, null));

    TicketDetails details = desk.service.ticket(JOHN, t.id());
    assertThat(details.ticket().title()).isEqualTo(title);
    assertThat(details.ticket().description()).isEqualTo("é".repeat(10_000));
    assertThat(details.comments())
        .singleElement()
        .satisfies(x -> assertThat(x.content()).isEqualTo(c.content()));
    assertThat(desk.service.history(ADMIN, t.id()))
        .filteredOn(e -> e.action() == AuditAction.UPDATED)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.changes())
                    .containsExactly(
                        new FieldChange("description", description, "é".repeat(10_000))));
  }

  // ------------------------------------------------------------------ all or nothing

  /** Ids from the default generator; one chosen call can be made to fail, after the writes before it. */
  static final class FailingIds implements IdGenerator {
    private final IdGenerator delegate;
    private final AtomicInteger failAt = new AtomicInteger(-1);

    FailingIds(IdGenerator delegate) {
      this.delegate = delegate;
    }

    /** The call after the next {@code succeeding} ones throws (once). */
    void failAfter(int succeeding) {
      failAt.set(succeeding);
    }

    @Override
    public String newId() {
      if (failAt.getAndDecrement() == 0) {
        throw new CountingDirectory.InjectedFailure("no more ids (injected)");
      }
      return delegate.newId();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aFailureAfterTheTicketWriteLeavesNoRow(TestDatabase db) {
    JpaDesk desk = desk(db);
    // createTicket takes ids for the ticket, its audit entry and its notification request, in
    // that order: the third fails after the ticket and the audit entry were written.
    desk.ids.failAfter(2);

    assertThatThrownBy(() -> johnOpensTicket(desk))
        .isInstanceOf(CountingDirectory.InjectedFailure.class);

    assertThat(Rows.counts(db)).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
    assertThat(desk.service.myTickets(JOHN)).isEmpty();

    // The store is usable afterwards: the unit of work was closed, not left on the thread.
    TicketView t = johnOpensTicket(desk);
    assertThat(Rows.number(db, "select count(*) from ticketing_ticket")).isOne();
    assertThat(Rows.number(db, "select count(*) from ticketing_outbox"))
        .as("one request: tell the admins")
        .isOne();
    assertThat(desk.service.history(ADMIN, t.id())).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aFailureAfterFlushedWritesRollsThemAllBack(TestDatabase db) {
    JpaDesk desk = desk(db);
    TicketView t = johnOpensTicket(desk);
    desk.service.changeStatus(ADMIN, new ChangeStatus(t.id(), Status.IN_PROGRESS));
    TicketView waiting =
        desk.service.changeStatus(ADMIN, new ChangeStatus(t.id(), Status.WAITING_FOR_CUSTOMER));
    Map<String, Long> before = Rows.counts(db);

    // John's reply on an unassigned ticket waiting for him: the comment and its audit entry are
    // written, the automation moves the ticket to IN_PROGRESS (an update the store flushes to the
    // database at once) with its audit entry, and only then is the id of the notification request
    // taken: that fails.
    desk.ids.failAfter(3);
    assertThatThrownBy(
            () ->
                desk.service.addComment(JOHN, new AddComment(t.id(), "Here is more detail", false)))
        .isInstanceOf(CountingDirectory.InjectedFailure.class);

    assertThat(Rows.counts(db)).isEqualTo(before);
    assertThat(
            Rows.query(db, "select status, version from ticketing_ticket where id = ?", t.id())
                .get(0))
        .extracting(v -> v instanceof Number n ? (Object) n.longValue() : v)
        .containsExactly(Status.WAITING_FOR_CUSTOMER.name(), waiting.version());
    assertThat(desk.service.ticket(JOHN, t.id()).comments()).isEmpty();

    desk.service.addComment(JOHN, new AddComment(t.id(), "Here is more detail", false));
    assertThat(desk.service.ticket(JOHN, t.id()).ticket().status()).isEqualTo(Status.IN_PROGRESS);
    assertThat(Rows.number(db, "select count(*) from ticketing_comment")).isOne();
  }

  // ------------------------------------------------------------------ the directory down

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aDirectoryOutageFailsNoWriteAndOnlyDelaysTheAdminsNotifications(TestDatabase db) {
    JpaDesk desk = desk(db);
    // The admins to tell are no longer looked up inside the write: the write records "admins" and
    // the dispatcher asks the directory when it delivers.
    desk.directory.failAdminLookups(true);

    TicketView t = johnOpensTicket(desk);
    desk.service.changeStatus(ADMIN, new ChangeStatus(t.id(), Status.IN_PROGRESS));
    desk.service.changeStatus(ADMIN, new ChangeStatus(t.id(), Status.WAITING_FOR_CUSTOMER));
    CommentView reply =
        desk.service.addComment(JOHN, new AddComment(t.id(), "Here is more detail", false));

    assertThat(reply.ticketId()).isEqualTo(t.id());
    assertThat(desk.service.ticket(JOHN, t.id()).ticket().status())
        .as("the reply's automation applied")
        .isEqualTo(Status.IN_PROGRESS);
    assertThat(Rows.number(db, "select count(*) from ticketing_comment")).isOne();
    assertThat(
            Rows.query(
                db,
                "select recipients from ticketing_outbox where channel = 'recipients' order by occurred_at"))
        .extracting(r -> r.get(0))
        .containsExactly("admins", "admins");
    assertThat(desk.deliver()).as("nobody can be told while the admins are unknown").isEmpty();
    assertThat(
            Rows.number(
                db,
                "select count(*) from ticketing_outbox where channel = 'recipients' and state = 'PENDING'"
                    + " and attempts = 1 and last_error like '%directory down%'"))
        .isEqualTo(2);

    desk.directory.failAdminLookups(false);
    desk.clock.advance(Duration.ofSeconds(10)); // the first retry of the recipients
    assertThat(desk.deliver())
        .extracting(Notification::template, Notification::recipientId)
        .containsExactlyInAnyOrder(
            tuple(NotificationTemplate.TICKET_CREATED, "admin"),
                tuple(NotificationTemplate.TICKET_CREATED, "root"),
            tuple(NotificationTemplate.COMMENT_ADDED, "admin"),
                tuple(NotificationTemplate.COMMENT_ADDED, "root"));
    assertThat(Rows.number(db, "select count(*) from ticketing_outbox where state <> 'DELIVERED'"))
        .isZero();
  }
}
