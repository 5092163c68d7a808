package dev.ticketing.service;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.JANE;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Desk.MIKE;
import static dev.ticketing.support.Desk.ROOT;
import static dev.ticketing.support.Desk.SARAH;
import static dev.ticketing.support.Refusals.invalid;
import static dev.ticketing.support.Refusals.refused;
import static dev.ticketing.support.StatusPaths.ticketIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.Category;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CommentView;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.FieldChange;
import dev.ticketing.PageRequest;
import dev.ticketing.Priority;
import dev.ticketing.RequestUpload;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UpdateTicket;
import dev.ticketing.UploadUrl;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.support.Desk;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Soft delete, restore and purge; assignment rules; reply automations; updates; audit entries. */
class LifecycleTest {

  private final Desk desk = new Desk();

  @AfterEach
  void close() {
    desk.close();
  }

  private List<AuditAction> actions(String ticketId) {
    return desk.store.history(ticketId).stream().map(AuditEntry::action).toList();
  }

  private AuditEntry lastAudit(String ticketId) {
    List<AuditEntry> h = desk.store.history(ticketId);
    return h.get(h.size() - 1);
  }

  private List<String> ids(List<TicketView> views) {
    return views.stream().map(TicketView::id).toList();
  }

  // ------------------------------------------------------------------ soft delete, restore, purge

  @Nested
  class SoftDelete {

    @ParameterizedTest
    @EnumSource(Status.class)
    @DisplayName("deleting works from every status; the ticket disappears and comes back as it was")
    void deleteAndRestore(Status from) {
      TicketView t = ticketIn(desk, JOHN, "acme", from, Priority.HIGH);
      desk.clock.advance(Duration.ofMinutes(5));

      TicketView deleted = desk.service.deleteTicket(ADMIN, t.id());

      assertThat(deleted.status()).isEqualTo(Status.CANCELLED);
      assertThat(deleted.deletedAt()).isAfter(t.updatedAt());
      assertThat(deleted.deletedBy()).isEqualTo("admin");
      assertThat(deleted.version()).isEqualTo(t.version() + 1);
      assertThat(lastAudit(t.id()))
          .satisfies(
              a -> {
                assertThat(a.action()).isEqualTo(AuditAction.DELETED);
                assertThat(a.actorId()).isEqualTo("admin");
                assertThat(a.changes())
                    .containsExactly(new FieldChange("status", from.name(), "CANCELLED"));
              });

      // Hidden on every read path...
      for (Actor actor : List.of(JOHN, ADMIN, ROOT, SARAH)) {
        refused(ErrorCode.NOT_FOUND, () -> desk.service.ticket(actor, t.id()));
        assertThat(
                ids(
                    desk.service
                        .ticketsPaginated(actor, PageRequest.firstPage(), TicketFilter.none())
                        .nodes()))
            .doesNotContain(t.id());
      }
      refused(ErrorCode.NOT_FOUND, () -> desk.service.history(ADMIN, t.id()));
      assertThat(desk.service.myTickets(JOHN)).isEmpty();
      assertThat(desk.service.myAssignedTickets(SARAH)).isEmpty();
      assertThat(desk.service.ticketsByCompany(ADMIN, "acme")).isEmpty();
      assertThat(desk.service.tickets(ADMIN, TicketFilter.none())).isEmpty();
      assertThat(desk.service.ticketStats(ADMIN, null).total()).isZero();
      // ...and write path.
      refused(
          ErrorCode.NOT_FOUND,
          () -> desk.service.addComment(ADMIN, new AddComment(t.id(), "hello?", false)));
      refused(ErrorCode.NOT_FOUND, () -> desk.service.deleteTicket(ADMIN, t.id()));
      refused(
          ErrorCode.NOT_FOUND,
          () -> desk.service.changeStatus(ADMIN, new ChangeStatus(t.id(), Status.REOPENED)));

      // ...except an admin's explicit include-deleted filter.
      TicketFilter withDeleted = TicketFilter.builder().includeDeleted(true).build();
      assertThat(desk.service.tickets(ADMIN, withDeleted))
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.id()).isEqualTo(t.id());
                assertThat(v.deletedAt()).isEqualTo(deleted.deletedAt());
                assertThat(v.deletedBy()).isEqualTo("admin");
              });
      assertThat(
              ids(
                  desk.service
                      .ticketsPaginated(ADMIN, PageRequest.firstPage(), withDeleted)
                      .nodes()))
          .containsExactly(t.id());

      TicketView restored = desk.service.restoreTicket(ROOT, t.id());

      assertThat(restored.status()).isEqualTo(from);
      assertThat(restored.deletedAt()).isNull();
      assertThat(restored.deletedBy()).isNull();
      assertThat(restored.assignedTo() == null).isEqualTo(t.assignedTo() == null);
      assertThat(restored.resolvedAt()).isEqualTo(t.resolvedAt());
      assertThat(lastAudit(t.id()))
          .satisfies(
              a -> {
                assertThat(a.action()).isEqualTo(AuditAction.RESTORED);
                assertThat(a.actorId()).isEqualTo("root");
                assertThat(a.changes())
                    .containsExactly(new FieldChange("status", "CANCELLED", from.name()));
              });
      assertThat(desk.service.ticket(JOHN, t.id()).ticket().status()).isEqualTo(from);
      assertThat(ids(desk.service.myTickets(JOHN))).containsExactly(t.id());
      assertThat(desk.service.ticketStats(ADMIN, null).count(from)).isEqualTo(1);
    }

    @Test
    @DisplayName("customers delete their own tickets; agents may not; other tenants get NOT_FOUND")
    void whoMayDelete() {
      TicketView t = desk.service.createTicket(JOHN, CreateTicket.of("Mine", "to delete", "acme"));
      desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));

      refused(ErrorCode.NOT_FOUND, () -> desk.service.deleteTicket(JANE, t.id()));
      refused(ErrorCode.NOT_FOUND, () -> desk.service.deleteTicket(MIKE, t.id()));
      refused(ErrorCode.ACCESS_DENIED, () -> desk.service.deleteTicket(SARAH, t.id()));

      TicketView deleted = desk.service.deleteTicket(JOHN, t.id());
      assertThat(deleted.deletedBy()).isEqualTo("john");
      assertThat(actions(t.id()))
          .containsExactly(AuditAction.CREATED, AuditAction.TICKET_ASSIGNED, AuditAction.DELETED);
    }

    @Test
    @DisplayName("restore and purge: ACCESS_DENIED for admins, NOT_FOUND for customers and agents")
    void restoreAndPurgeAreForSuperAdmins() {
      TicketView t = desk.service.createTicket(JOHN, CreateTicket.of("Gone", "soon", "acme"));
      desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
      desk.service.deleteTicket(JOHN, t.id());

      refused(ErrorCode.ACCESS_DENIED, () -> desk.service.restoreTicket(ADMIN, t.id()));
      refused(ErrorCode.ACCESS_DENIED, () -> desk.service.purgeTicket(ADMIN, t.id()));
      for (Actor actor : List.of(JOHN, JANE, SARAH)) {
        refused(ErrorCode.NOT_FOUND, () -> desk.service.restoreTicket(actor, t.id()));
        refused(ErrorCode.NOT_FOUND, () -> desk.service.purgeTicket(actor, t.id()));
      }
      assertThat(desk.store.findTicket(t.id())).isPresent();
      assertThat(actions(t.id()))
          .containsExactly(AuditAction.CREATED, AuditAction.TICKET_ASSIGNED, AuditAction.DELETED);

      // On a visible ticket the same refusals: admins may see it, others may not restore it either.
      TicketView live = desk.service.createTicket(JOHN, CreateTicket.of("Live", "ticket", "acme"));
      refused(ErrorCode.ACCESS_DENIED, () -> desk.service.purgeTicket(ADMIN, live.id()));
      refused(ErrorCode.ACCESS_DENIED, () -> desk.service.purgeTicket(JOHN, live.id()));
      refused(ErrorCode.INVALID_STATE, () -> desk.service.restoreTicket(ROOT, live.id()));
      refused(ErrorCode.NOT_FOUND, () -> desk.service.restoreTicket(ROOT, "no-such-ticket"));
      refused(ErrorCode.NOT_FOUND, () -> desk.service.purgeTicket(ROOT, "no-such-ticket"));
    }

    @Test
    @DisplayName(
        "purge erases the ticket, its comments, files and history; only the PURGED entry remains")
    void purgeErasesEverything() {
      byte[] bytes = "file".getBytes(StandardCharsets.UTF_8);
      TicketView t =
          desk.service.createTicket(JOHN, CreateTicket.of("Erase me", "GDPR request", "acme"));
      TicketView keep =
          desk.service.createTicket(JOHN, CreateTicket.of("Keep me", "unrelated", "acme"));
      desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
      CommentView reply =
          desk.service.addComment(JOHN, new AddComment(t.id(), "my phone is 555-1234", false));
      CommentView note = desk.service.addComment(SARAH, new AddComment(t.id(), "internal", true));
      String onTicket = uploadAndConfirm(JOHN, t.id(), null, bytes);
      String onNote = uploadAndConfirm(SARAH, t.id(), note.id(), bytes);
      UploadUrl pending =
          desk.service.requestUpload(JOHN, new RequestUpload(t.id(), "never.png", "image/png", 4));
      desk.blobs.upload(pending.uploadUrl(), "image/png", bytes); // uploaded, never confirmed
      String kept = uploadAndConfirm(JOHN, keep.id(), null, bytes);
      desk.service.deleteTicket(ADMIN, t.id());

      desk.service.purgeTicket(ROOT, t.id());

      assertThat(desk.store.findTicket(t.id())).isEmpty();
      assertThat(desk.store.findComment(reply.id())).isEmpty();
      assertThat(desk.store.findComment(note.id())).isEmpty();
      assertThat(desk.store.comments(t.id(), true)).isEmpty();
      assertThat(desk.store.attachments(t.id(), true)).isEmpty();
      assertThat(desk.store.findUploadGrant(pending.key())).isEmpty();
      assertThat(desk.blobs.keys())
          .as("the ticket's objects are deleted, others kept")
          .doesNotContain(onTicket, onNote, pending.key())
          .containsExactly(kept);
      assertThat(desk.store.history(t.id()))
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.action()).isEqualTo(AuditAction.PURGED);
                assertThat(a.actorId()).isEqualTo("root");
                assertThat(a.changes()).isEmpty();
              });
      refused(ErrorCode.NOT_FOUND, () -> desk.service.ticket(ROOT, t.id()));
      refused(ErrorCode.NOT_FOUND, () -> desk.service.restoreTicket(ROOT, t.id()));
      assertThat(desk.service.tickets(ROOT, TicketFilter.builder().includeDeleted(true).build()))
          .extracting(TicketView::id)
          .containsExactly(keep.id());
      assertThat(desk.service.ticket(JOHN, keep.id()).attachments()).hasSize(1);
    }

    @Test
    void purgeWorksOnATicketThatWasNotSoftDeleted() {
      TicketView t = desk.service.createTicket(JOHN, CreateTicket.of("Erase", "directly", "acme"));

      desk.service.purgeTicket(ROOT, t.id());

      assertThat(desk.store.findTicket(t.id())).isEmpty();
      assertThat(actions(t.id())).containsExactly(AuditAction.PURGED);
    }

    private String uploadAndConfirm(Actor actor, String ticketId, String commentId, byte[] bytes) {
      UploadUrl url =
          desk.service.requestUpload(
              actor, new RequestUpload(ticketId, "f.png", "image/png", bytes.length));
      desk.blobs.upload(url.uploadUrl(), "image/png", bytes);
      desk.service.confirmAttachment(actor, new ConfirmAttachment(ticketId, url.key(), commentId));
      return url.key();
    }
  }

  // ------------------------------------------------------------------ assignment

  @Nested
  class Assignment {

    @ParameterizedTest
    @EnumSource(
        value = Status.class,
        names = {"OPEN", "REOPENED"})
    void assigningOpenOrReopenedStartsWork(Status from) {
      TicketView t = ticketIn(desk, JOHN, "acme", from, Priority.MEDIUM);

      TicketView assigned = desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));

      assertThat(assigned.status()).isEqualTo(Status.IN_PROGRESS);
      assertThat(assigned.assignedTo().id()).isEqualTo("sarah");
      assertThat(assigned.version()).as("one change, one version").isEqualTo(t.version() + 1);
      assertThat(lastAudit(t.id()))
          .satisfies(
              a -> {
                assertThat(a.action()).isEqualTo(AuditAction.TICKET_ASSIGNED);
                assertThat(a.changes())
                    .containsExactly(
                        new FieldChange("assignedTo", null, "sarah"),
                        new FieldChange("status", from.name(), "IN_PROGRESS"));
              });
    }

    @ParameterizedTest
    @EnumSource(
        value = Status.class,
        names = {"IN_PROGRESS", "WAITING_FOR_CUSTOMER"})
    void reassigningKeepsTheStatus(Status from) {
      TicketView t = ticketIn(desk, JOHN, "acme", from, Priority.MEDIUM); // assigned to sarah

      TicketView reassigned = desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "mike"));

      assertThat(reassigned.status()).isEqualTo(from);
      assertThat(reassigned.assignedTo().id()).isEqualTo("mike");
      assertThat(lastAudit(t.id()).changes())
          .containsExactly(new FieldChange("assignedTo", "sarah", "mike"));
      refused(ErrorCode.NOT_FOUND, () -> desk.service.ticket(SARAH, t.id()));
      assertThat(desk.service.ticket(MIKE, t.id()).ticket().status()).isEqualTo(from);
    }

    @ParameterizedTest
    @EnumSource(
        value = Status.class,
        names = {"RESOLVED", "CLOSED", "CANCELLED"})
    void assigningFinishedTicketsIsInvalidState(Status from) {
      TicketView t = ticketIn(desk, JOHN, "acme", from, Priority.MEDIUM);
      int audits = desk.store.history(t.id()).size();

      refused(
          ErrorCode.INVALID_STATE,
          () -> desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah")));

      TicketView after = desk.service.ticket(ADMIN, t.id()).ticket();
      assertThat(after.assignedTo()).isNull();
      assertThat(after.version()).isEqualTo(t.version());
      assertThat(desk.store.history(t.id())).hasSize(audits);
    }

    @Test
    @DisplayName(
        "the assignee must be a staff member the directory knows (VALIDATION on assignedToId)")
    void assigneeMustBeStaff() {
      TicketView t = desk.service.createTicket(JOHN, CreateTicket.of("Assign", "me", "acme"));

      invalid(
          () -> desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "john")), "assignedToId");
      invalid(
          () -> desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "ghost")),
          "assignedToId");
      invalid(
          () -> desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "not an id")),
          "assignedToId");
      assertThat(
              desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "admin")).assignedTo().id())
          .as("admins are staff")
          .isEqualTo("admin");
      refused(
          ErrorCode.ACCESS_DENIED,
          () -> desk.service.assignTicket(JOHN, new AssignTicket(t.id(), "sarah")));
      assertThat(actions(t.id())).containsExactly(AuditAction.CREATED, AuditAction.TICKET_ASSIGNED);
    }

    @Test
    @DisplayName(
        "unassigning keeps the status; assigning the current assignee again changes nothing")
    void unassignAndNoOp() {
      TicketView t = ticketIn(desk, JOHN, "acme", Status.IN_PROGRESS, Priority.MEDIUM);

      TicketView same = desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
      assertThat(same.version()).isEqualTo(t.version());

      TicketView unassigned = desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), null));
      assertThat(unassigned.assignedTo()).isNull();
      assertThat(unassigned.status()).isEqualTo(Status.IN_PROGRESS);
      assertThat(lastAudit(t.id()))
          .satisfies(
              a -> {
                assertThat(a.action()).isEqualTo(AuditAction.TICKET_UNASSIGNED);
                assertThat(a.changes())
                    .containsExactly(new FieldChange("assignedTo", "sarah", null));
              });
      assertThat(desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), null)).version())
          .isEqualTo(unassigned.version());
      assertThat(actions(t.id()))
          .containsExactly(
              AuditAction.CREATED, AuditAction.TICKET_ASSIGNED, AuditAction.TICKET_UNASSIGNED);
    }
  }

  // ------------------------------------------------------------------ reply automations

  @Nested
  class ReplyAutomations {

    @Test
    @DisplayName("a customer's public reply on WAITING_FOR_CUSTOMER resumes work (IN_PROGRESS)")
    void customerReplyResumesWork() {
      TicketView t = ticketIn(desk, JOHN, "acme", Status.WAITING_FOR_CUSTOMER, Priority.MEDIUM);

      desk.service.addComment(JOHN, new AddComment(t.id(), "Here is the info", false));

      assertThat(desk.service.ticket(JOHN, t.id()).ticket().status()).isEqualTo(Status.IN_PROGRESS);
      assertThat(actions(t.id()))
          .endsWith(AuditAction.TICKET_COMMENT_ADDED, AuditAction.STATUS_CHANGED);
      assertThat(lastAudit(t.id()).changes())
          .containsExactly(new FieldChange("status", "WAITING_FOR_CUSTOMER", "IN_PROGRESS"));
    }

    @Test
    @DisplayName(
        "a customer's public reply on RESOLVED reopens (resolvedAt cleared, assignee told)")
    void customerReplyReopens() {
      TicketView t = ticketIn(desk, JOHN, "acme", Status.IN_PROGRESS, Priority.MEDIUM);
      desk.service.changeStatus(SARAH, new ChangeStatus(t.id(), Status.RESOLVED));
      desk.deliver();

      desk.service.addComment(JOHN, new AddComment(t.id(), "Still broken", false));

      TicketView after = desk.service.ticket(JOHN, t.id()).ticket();
      assertThat(after.status()).isEqualTo(Status.REOPENED);
      assertThat(after.resolvedAt()).isNull();
      assertThat(actions(t.id()))
          .endsWith(AuditAction.TICKET_COMMENT_ADDED, AuditAction.TICKET_REOPENED);
      assertThat(desk.deliver())
          .extracting(n -> n.template() + "->" + n.recipientId())
          .containsExactlyInAnyOrder("comment-added->sarah", "ticket-reopened->sarah");
    }

    @Test
    @DisplayName("staff replies and internal notes never move the status")
    void staffRepliesDoNotMoveTheStatus() {
      TicketView waiting =
          ticketIn(desk, JOHN, "acme", Status.WAITING_FOR_CUSTOMER, Priority.MEDIUM);
      TicketView resolved = ticketIn(desk, JOHN, "acme", Status.RESOLVED, Priority.MEDIUM);

      desk.service.addComment(SARAH, new AddComment(waiting.id(), "any news?", false));
      desk.service.addComment(SARAH, new AddComment(waiting.id(), "note", true));
      desk.service.addComment(ADMIN, new AddComment(resolved.id(), "fixed for good", false));

      assertThat(desk.service.ticket(ADMIN, waiting.id()).ticket().status())
          .isEqualTo(Status.WAITING_FOR_CUSTOMER);
      assertThat(desk.service.ticket(ADMIN, resolved.id()).ticket().status())
          .isEqualTo(Status.RESOLVED);
    }

    @Test
    @DisplayName("both automations can be switched off in TicketingOptions")
    void automationsCanBeSwitchedOff() {
      TicketingOptions off =
          TicketingOptions.defaults().toBuilder()
              .customerReplyResumesWork(false)
              .customerReplyReopens(false)
              .build();
      try (Desk quiet = new Desk(MatrixPolicy.standard(), off)) {
        TicketView waiting =
            ticketIn(quiet, JOHN, "acme", Status.WAITING_FOR_CUSTOMER, Priority.MEDIUM);
        TicketView resolved = ticketIn(quiet, JOHN, "acme", Status.RESOLVED, Priority.MEDIUM);

        quiet.service.addComment(JOHN, new AddComment(waiting.id(), "info", false));
        quiet.service.addComment(JOHN, new AddComment(resolved.id(), "thanks", false));

        assertThat(quiet.service.ticket(JOHN, waiting.id()).ticket().status())
            .isEqualTo(Status.WAITING_FOR_CUSTOMER);
        assertThat(quiet.service.ticket(JOHN, resolved.id()).ticket().status())
            .isEqualTo(Status.RESOLVED);
        assertThat(
                quiet
                    .store
                    .history(resolved.id())
                    .get(quiet.store.history(resolved.id()).size() - 1)
                    .action())
            .isEqualTo(AuditAction.TICKET_COMMENT_ADDED);
      }
      TicketingOptions onlyReopen =
          TicketingOptions.defaults().toBuilder().customerReplyResumesWork(false).build();
      try (Desk half = new Desk(MatrixPolicy.standard(), onlyReopen)) {
        TicketView waiting =
            ticketIn(half, JOHN, "acme", Status.WAITING_FOR_CUSTOMER, Priority.MEDIUM);
        TicketView resolved = ticketIn(half, JOHN, "acme", Status.RESOLVED, Priority.MEDIUM);
        half.service.addComment(JOHN, new AddComment(waiting.id(), "info", false));
        half.service.addComment(JOHN, new AddComment(resolved.id(), "thanks", false));
        assertThat(half.service.ticket(JOHN, waiting.id()).ticket().status())
            .isEqualTo(Status.WAITING_FOR_CUSTOMER);
        assertThat(half.service.ticket(JOHN, resolved.id()).ticket().status())
            .isEqualTo(Status.REOPENED);
      }
    }
  }

  // ------------------------------------------------------------------ updates

  @Nested
  class Updates {

    @ParameterizedTest
    @EnumSource(
        value = Status.class,
        names = {"CLOSED", "CANCELLED"})
    void customerMayNotUpdateFinishedTickets(Status from) {
      TicketView t = ticketIn(desk, JOHN, "acme", from, Priority.MEDIUM);

      refused(
          ErrorCode.ACCESS_DENIED,
          () ->
              desk.service.updateTicket(
                  JOHN, new UpdateTicket(t.id(), "New title", null, null, null)));
      assertThat(desk.service.ticket(JOHN, t.id()).ticket().title()).isEqualTo(t.title());
    }

    @ParameterizedTest
    @EnumSource(
        value = Status.class,
        names = {"OPEN", "IN_PROGRESS", "WAITING_FOR_CUSTOMER", "RESOLVED", "REOPENED"})
    void customerUpdatesOwnTicketWhileNotFinished(Status from) {
      TicketView t = ticketIn(desk, JOHN, "acme", from, Priority.MEDIUM);

      TicketView updated =
          desk.service.updateTicket(
              JOHN,
              new UpdateTicket(
                  t.id(), "  Better title  ", "More detail", Priority.URGENT, Category.BILLING));

      assertThat(updated.title()).isEqualTo("Better title");
      assertThat(updated.description()).isEqualTo("More detail");
      assertThat(updated.priority()).isEqualTo(Priority.URGENT);
      assertThat(updated.category()).isEqualTo(Category.BILLING);
      assertThat(updated.status()).isEqualTo(from);
      assertThat(updated.version()).isEqualTo(t.version() + 1);
      assertThat(lastAudit(t.id()))
          .satisfies(
              a -> {
                assertThat(a.action()).isEqualTo(AuditAction.UPDATED);
                assertThat(a.changes())
                    .extracting(FieldChange::field)
                    .containsExactly("title", "description", "priority", "category");
              });
    }

    @Test
    void agentsMayNotUpdateAndAdminsMayEvenWhenClosed() {
      TicketView t = ticketIn(desk, JOHN, "acme", Status.IN_PROGRESS, Priority.MEDIUM);
      refused(
          ErrorCode.ACCESS_DENIED,
          () ->
              desk.service.updateTicket(
                  SARAH, new UpdateTicket(t.id(), "Agent title", null, null, null)));

      desk.service.changeStatus(SARAH, new ChangeStatus(t.id(), Status.RESOLVED));
      desk.service.changeStatus(ADMIN, new ChangeStatus(t.id(), Status.CLOSED));
      assertThat(
              desk.service
                  .updateTicket(ADMIN, new UpdateTicket(t.id(), "Admin title", null, null, null))
                  .title())
          .isEqualTo("Admin title");
    }

    @Test
    @DisplayName(
        "an empty update, or one that repeats the current values, changes nothing: same version, no audit")
    void emptyUpdateChangesNothing() {
      TicketView t =
          desk.service.createTicket(
              JOHN,
              new CreateTicket("Title", "Description", Priority.LOW, Category.ACCOUNT, "acme"));
      desk.clock.advance(Duration.ofMinutes(1));

      TicketView empty =
          desk.service.updateTicket(JOHN, new UpdateTicket(t.id(), null, null, null, null));
      TicketView same =
          desk.service.updateTicket(
              JOHN,
              new UpdateTicket(t.id(), " Title ", "Description", Priority.LOW, Category.ACCOUNT));

      for (TicketView v : List.of(empty, same)) {
        assertThat(v.version()).isEqualTo(t.version());
        assertThat(v.updatedAt()).isEqualTo(t.updatedAt());
        assertThat(v.title()).isEqualTo("Title");
      }
      assertThat(actions(t.id())).containsExactly(AuditAction.CREATED);
      assertThat(desk.deliver())
          .extracting(n -> n.template().name())
          .containsOnly("ticket-created");
    }

    @Test
    void onlyTheChangedFieldsAreAudited() {
      TicketView t =
          desk.service.createTicket(JOHN, CreateTicket.of("Title", "Description", "acme"));

      desk.service.updateTicket(
          JOHN, new UpdateTicket(t.id(), "Title", "New description", Priority.MEDIUM, null));

      assertThat(lastAudit(t.id()).changes())
          .containsExactly(new FieldChange("description", "Description", "New description"));
    }
  }
}
