package dev.ticketing.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AttachmentView;
import dev.ticketing.Category;
import dev.ticketing.ChangeParticipants;
import dev.ticketing.ChangeStatus;
import dev.ticketing.ChangeTags;
import dev.ticketing.CommentView;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.ExternalNote;
import dev.ticketing.PageRequest;
import dev.ticketing.Priority;
import dev.ticketing.RequestUpload;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingException;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UpdateTicket;
import dev.ticketing.UploadUrl;
import dev.ticketing.adversarial.Fixture.Target;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.Reach;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Mass assignment: no input a customer sends can set what only staff or the engine decide — the
 * internal flag, the assignee, a status other than cancel and reopen, the company, the author. Every
 * field of every command record is listed with what guards it (a new field fails the first test
 * until someone says), and each guard is exercised on the real stores, checking the rows by JDBC.
 */
class MassAssignmentIT {

  /** Every field of every input record of the service, and why a customer cannot abuse it. */
  static final Map<String, String> FIELDS = fields();

  private static Map<String, String> fields() {
    Map<String, String> f = new TreeMap<>();
    f.put("CreateTicket.title", "plain text");
    f.put("CreateTicket.description", "plain text");
    f.put("CreateTicket.priority", "customers may set it (as in the GraphQL ticket module)");
    f.put("CreateTicket.category", "an active subject of the catalog");
    f.put(
        "CreateTicket.companyId",
        "customers: their own company only (ACCESS_DENIED), default their own");
    f.put("UpdateTicket.id", "the ticket; visibility and UPDATE_TICKET checked");
    f.put("UpdateTicket.title", "plain text");
    f.put("UpdateTicket.description", "plain text");
    f.put("UpdateTicket.priority", "customers may set it (as in the GraphQL ticket module)");
    f.put(
        "UpdateTicket.category",
        "a known subject; an inactive one only where the ticket has it already");
    f.put("ChangeStatus.ticketId", "the ticket");
    f.put("ChangeStatus.status", "customers: CANCELLED and REOPENED only (ACCESS_DENIED)");
    f.put("AssignTicket.ticketId", "the ticket");
    f.put("AssignTicket.assignedToId", "customers: never (ACCESS_DENIED)");
    f.put("AddComment.ticketId", "the ticket");
    f.put("AddComment.content", "plain text");
    f.put("AddComment.internal", "customers: never true (ACCESS_DENIED)");
    f.put("RequestUpload.ticketId", "the ticket");
    f.put("RequestUpload.fileName", "sanitised");
    f.put("RequestUpload.contentType", "allow-list");
    f.put(
        "RequestUpload.fileSize",
        "at most maxFileSize, pinned by the signature and checked by HEAD");
    f.put("ConfirmAttachment.ticketId", "the ticket");
    f.put("ConfirmAttachment.key", "only a key issued for the ticket (ATTACHMENT_REJECTED)");
    f.put(
        "ConfirmAttachment.commentId",
        "a comment the caller may see (internal notes are NOT_FOUND to customers)"
            + " and wrote, unless staff (ACCESS_DENIED)");
    f.put(
        "ExternalNote.externalId",
        "idempotency key; a taken one is VALIDATION unless readable on the same ticket");
    f.put("ExternalNote.ticketId", "the ticket");
    f.put("ExternalNote.content", "plain text");
    f.put("ExternalNote.createdAt", "the host's record of the note; within the storable range");
    f.put("ExternalNote.internal", "customers: never true (ACCESS_DENIED)");
    f.put("PageRequest.first", "1..100");
    f.put("PageRequest.after", "an opaque cursor, validated");
    f.put("PageRequest.includeTotalCount", "counts only what the actor may see");
    f.put("TicketFilter.status", "narrows");
    f.put("TicketFilter.priority", "narrows");
    f.put("TicketFilter.category", "narrows");
    f.put("TicketFilter.companyId", "narrows, never widens");
    f.put("TicketFilter.assignedToId", "narrows, never widens");
    f.put("TicketFilter.unassigned", "narrows");
    f.put("TicketFilter.createdBy", "narrows, never widens");
    f.put("TicketFilter.createdFrom", "narrows");
    f.put("TicketFilter.createdTo", "narrows");
    f.put("TicketFilter.searchTerm", "narrows; customers never match comment text");
    f.put("TicketFilter.includeDeleted", "admins only (ACCESS_DENIED)");
    f.put("TicketFilter.requesterId", "narrows, never widens");
    f.put("TicketFilter.tags", "staff only (ACCESS_DENIED): customers do not see tags");
    f.put("TicketFilter.tagMatch", "narrows");
    f.put(
        "TicketFilter.slaStanding",
        "narrows; staff who may read a ticket's history only (ACCESS_DENIED): customers do not"
            + " see SLA clocks (SlaStandingFilterTest, SupportDeskSlaIT)");
    f.put(
        "CreateTicket.requesterId",
        "customers: themselves only (ACCESS_DENIED); staff: as the policy says, a customer of the"
            + " ticket's company (VALIDATION)");
    f.put("CreateTicket.tags", "TAG_TICKET on the new ticket: staff only (ACCESS_DENIED)");
    f.put(
        "CreateTicket.fields",
        "each value checked against its field's definition (VALIDATION on fields.<key>); a"
            + " staff-only field is unknown to customers (StaffOnlyFieldSecrecyProperties)");
    f.put(
        "TicketFilter.fields",
        "narrows; a customer naming a staff-only field is refused as unknown"
            + " (StaffOnlyFieldOnJpaIT)");
    f.put(
        "CreateTicket.ccIds",
        "customers of the ticket's company only (VALIDATION); MANAGE_CCS on the new ticket");
    f.put("ChangeTags.ticketId", "the ticket; visibility and TAG_TICKET checked");
    f.put("ChangeTags.add", "TAG_TICKET: staff only (ACCESS_DENIED); normalised and checked");
    f.put("ChangeTags.remove", "TAG_TICKET: staff only (ACCESS_DENIED)");
    f.put("ChangeParticipants.ticketId", "the ticket; visibility checked");
    f.put(
        "ChangeParticipants.addFollowers",
        "MANAGE_FOLLOWERS: staff only (ACCESS_DENIED); staff members only (VALIDATION)");
    f.put("ChangeParticipants.removeFollowers", "MANAGE_FOLLOWERS: staff only (ACCESS_DENIED)");
    f.put(
        "ChangeParticipants.addCcs",
        "MANAGE_CCS: the requester or staff (ACCESS_DENIED); customers of the ticket's company"
            + " only (VALIDATION)");
    f.put("ChangeParticipants.removeCcs", "MANAGE_CCS: the requester or staff (ACCESS_DENIED)");
    // A client's idempotency key: scoped to the calling actor, so one actor's key never answers
    // another's call; a repeat is answered only while the actor may still see the first result.
    for (String command :
        List.of(
            "CreateTicket",
            "UpdateTicket",
            "ChangeStatus",
            "AssignTicket",
            "AddComment",
            "RequestUpload",
            "ConfirmAttachment",
            "ExternalNote",
            "ChangeTags",
            "ChangeParticipants")) {
      f.put(
          command + ".idempotencyKey",
          "per actor; a repeat answers with the first result, re-checked for visibility");
    }
    return f;
  }

  @Test
  void everyFieldOfEveryCommandHasAStatedGuard() {
    Map<String, String> declared = new TreeMap<>();
    for (Method m : TicketService.class.getMethods()) {
      for (Class<?> type : m.getParameterTypes()) {
        if (type.isRecord() && type.getPackageName().equals("dev.ticketing")) {
          for (RecordComponent c : type.getRecordComponents()) {
            declared.put(type.getSimpleName() + "." + c.getName(), c.getType().getSimpleName());
          }
        }
      }
    }
    assertThat(declared.keySet())
        .as("a new input field: say here what keeps customers from abusing it, and test it")
        .containsExactlyInAnyOrderElementsOf(FIELDS.keySet());
    // No input carries an author, a creator, a status besides ChangeStatus's, an assignee besides
    // AssignTicket's, or a company besides CreateTicket's (and the narrowing filter's).
    Set<String> privileged =
        Set.of(
            "CreateTicket.companyId",
            "ChangeStatus.status",
            "AssignTicket.assignedToId",
            "AddComment.internal",
            "ExternalNote.internal",
            "TicketFilter.status",
            "TicketFilter.companyId",
            "TicketFilter.assignedToId",
            "TicketFilter.createdBy",
            "TicketFilter.unassigned");
    for (String field : declared.keySet()) {
      String name = field.substring(field.indexOf('.') + 1).toLowerCase();
      if (name.matches(
              ".*(author|user|owner|createdby|creator|status|assign|company|internal|deleted|version).*")
          && !name.equals("includedeleted")) {
        assertThat(privileged).as("%s looks privileged", field).contains(field);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void customersCannotSetWhatStaffOrTheEngineDecide(Db db) {
    MatrixPolicy companyWide =
        MatrixPolicy.standard().toBuilder().customerVisibility(Reach.COMPANY).build();
    try (Desk desk = new Desk(db, companyWide, TicketingOptions.defaults(), null)) {
      Fixture f = Fixture.populate(desk);
      TicketService s = desk.service;
      Actor john = Desk.JOHN;
      Target johns = f.target("john's");
      Target alices = f.target("alice's");

      // createTicket: the company is theirs; author, status and assignee are the engine's.
      refused(
          desk,
          ErrorCode.ACCESS_DENIED,
          () -> s.createTicket(john, CreateTicket.of("Mine", "For Globex", "globex")));
      TicketView created =
          s.createTicket(
              john,
              new CreateTicket(
                  "Mine", "No company given", Priority.URGENT, Category.BILLING, null));
      assertThat(
              row(
                  db,
                  "select company_id, created_by, status, assignee_id, priority from ticketing_ticket where id = ?",
                  created.id()))
          .containsExactly("acme", "john", "OPEN", null, "URGENT");

      // updateTicket: fields of the ticket's text only; another customer's ticket of the same
      // company is not theirs to edit.
      s.updateTicket(
          john,
          new UpdateTicket(created.id(), "Edited", "Edited too", Priority.LOW, Category.ACCOUNT));
      assertThat(
              row(
                  db,
                  "select company_id, created_by, status, assignee_id, title, priority from ticketing_ticket"
                      + " where id = ?",
                  created.id()))
          .containsExactly("acme", "john", "OPEN", null, "Edited", "LOW");
      refused(
          desk,
          ErrorCode.ACCESS_DENIED,
          () ->
              s.updateTicket(
                  john, new UpdateTicket(alices.ticketId(), "Hijacked", null, null, null)));

      // changeStatus: CANCELLED and REOPENED only; every other status is refused before the state
      // machine.
      for (Status target : Status.values()) {
        if (target != Status.CANCELLED && target != Status.REOPENED) {
          refused(
              desk,
              ErrorCode.ACCESS_DENIED,
              () -> s.changeStatus(john, new ChangeStatus(johns.ticketId(), target)));
        }
      }
      refused(
          desk,
          ErrorCode.ACCESS_DENIED,
          () -> s.changeStatus(john, new ChangeStatus(alices.ticketId(), Status.CANCELLED)));

      // assignTicket: never, not even to nobody.
      for (String assignee : new String[] {"sarah", "john", null}) {
        refused(
            desk,
            ErrorCode.ACCESS_DENIED,
            () -> s.assignTicket(john, new AssignTicket(johns.ticketId(), assignee)));
      }

      // addComment and recordExternalNote: never internal; the author is the caller.
      refused(
          desk,
          ErrorCode.ACCESS_DENIED,
          () -> s.addComment(john, new AddComment(johns.ticketId(), "Psst", true)));
      refused(
          desk,
          ErrorCode.ACCESS_DENIED,
          () ->
              s.recordExternalNote(
                  john, new ExternalNote("by-john-1", johns.ticketId(), "Psst", null, true)));
      CommentView reply = s.addComment(john, new AddComment(alices.ticketId(), "Me too", false));
      assertThat(
              row(db, "select author_id, internal from ticketing_comment where id = ?", reply.id()))
          .containsExactly("john", false);
      CommentView note =
          s.recordExternalNote(
              john, new ExternalNote("by-john-2", johns.ticketId(), "From the app", null, false));
      assertThat(
              row(
                  db,
                  "select author_id, internal, external_id from ticketing_comment where id = ?",
                  note.id()))
          .containsExactly("john", false, "by-john-2");

      // confirmAttachment: not onto an internal note (which does not exist for them), nor onto a
      // staff
      // member's reply (a customer's file would read as the staff member's); the uploader is the
      // caller.
      byte[] body = "bytes".getBytes(StandardCharsets.UTF_8);
      UploadUrl url =
          s.requestUpload(
              john, new RequestUpload(johns.ticketId(), "mine.txt", "text/plain", body.length));
      S3.upload(url, body);
      assertThat(
              row(
                  db,
                  "select issued_to, ticket_id from ticketing_upload_grant where object_key = ?",
                  url.key()))
          .containsExactly("john", johns.ticketId());
      refused(
          desk,
          ErrorCode.NOT_FOUND,
          () ->
              s.confirmAttachment(
                  john,
                  new ConfirmAttachment(johns.ticketId(), url.key(), johns.internalNoteId())));
      refused(
          desk,
          ErrorCode.ACCESS_DENIED,
          () ->
              s.confirmAttachment(
                  john,
                  new ConfirmAttachment(johns.ticketId(), url.key(), johns.publicCommentId())));
      CommentView own =
          s.addComment(john, new AddComment(johns.ticketId(), "The file is attached", false));
      AttachmentView file =
          s.confirmAttachment(john, new ConfirmAttachment(johns.ticketId(), url.key(), own.id()));
      assertThat(
              row(
                  db,
                  "select uploaded_by, internal, comment_id from ticketing_attachment where id = ?",
                  file.id()))
          .containsExactly("john", false, own.id());

      // Filters narrow and never widen; deleted tickets are the admins'.
      refused(
          desk,
          ErrorCode.ACCESS_DENIED,
          () ->
              s.ticketsPaginated(
                  john,
                  PageRequest.firstPage(),
                  TicketFilter.builder().includeDeleted(true).build()));
      refused(desk, ErrorCode.ACCESS_DENIED, () -> s.tickets(john, TicketFilter.none()));
      for (TicketFilter filter :
          List.of(
              TicketFilter.builder().companyId("globex").build(),
              TicketFilter.builder().createdBy("jane").build(),
              TicketFilter.builder().assignedToId("mike").build(),
              TicketFilter.builder().unassigned(true).companyId("globex").build())) {
        assertThat(
                s.ticketsPaginated(john, PageRequest.first(100).withTotalCount(), filter)
                    .totalCount())
            .as("%s", filter)
            .isZero();
      }

      // Whatever John wrote is John's: every row names him, never someone he named.
      for (List<Object> r :
          db.query(
              "select actor_id, actor_role from ticketing_audit_entry where ticket_id in (?, ?)"
                  + " and actor_id not in ('admin', 'root')",
              created.id(),
              johns.ticketId())) {
        assertThat(r).containsExactly("john", "CUSTOMER");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void customersCannotRaiseForOthersTagFollowOrCopyOutsideTheirCompany(Db db) {
    try (Desk desk = new Desk(db, MatrixPolicy.standard(), TicketingOptions.defaults(), null)) {
      TicketService s = desk.service;
      Actor john = Desk.JOHN;
      refused(
          desk,
          ErrorCode.ACCESS_DENIED,
          () ->
              s.createTicket(john, CreateTicket.of("For Alice", "D", "acme").onBehalfOf("alice")));
      refused(
          desk,
          ErrorCode.ACCESS_DENIED,
          () -> s.createTicket(john, CreateTicket.of("T", "D", "acme").withTags(List.of("vip"))));
      refused(
          desk,
          ErrorCode.VALIDATION,
          () -> s.createTicket(john, CreateTicket.of("T", "D", "acme").withCcs(List.of("jane"))));
      String id = s.createTicket(john, CreateTicket.of("Mine", "D", "acme")).id();
      refused(desk, ErrorCode.ACCESS_DENIED, () -> s.changeTags(john, ChangeTags.add(id, "vip")));
      refused(
          desk,
          ErrorCode.ACCESS_DENIED,
          () -> s.changeParticipants(john, ChangeParticipants.follow(id, "sarah")));
      refused(
          desk,
          ErrorCode.VALIDATION,
          () -> s.changeParticipants(john, ChangeParticipants.cc(id, "jane")));
      refused(
          desk,
          ErrorCode.NOT_FOUND,
          () -> s.changeParticipants(Desk.JANE, ChangeParticipants.cc(id, "jane")));
      refused(
          desk,
          ErrorCode.ACCESS_DENIED,
          () ->
              s.ticketsPaginated(
                  john, PageRequest.first(5), TicketFilter.builder().tags(List.of("vip")).build()));
      // The requester may copy a colleague, who then sees the ticket and cannot pass it on.
      s.changeParticipants(john, ChangeParticipants.cc(id, "alice"));
      assertThat(s.ticket(Desk.ALICE, id).ticket().id()).isEqualTo(id);
      refused(
          desk,
          ErrorCode.ACCESS_DENIED,
          () -> s.changeParticipants(Desk.ALICE, ChangeParticipants.uncc(id, "alice")));
    }
  }

  private static void refused(Desk desk, ErrorCode code, Callable<?> call) {
    desk.blobs.takeIssued(); // URLs of earlier, successful calls
    Map<String, List<List<Object>>> before = desk.db.fingerprint();
    try {
      call.call();
      throw new AssertionError("not refused");
    } catch (TicketingException e) {
      assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    } catch (Exception e) {
      throw new AssertionError("not a coded refusal", e);
    }
    assertThat(desk.db.fingerprint()).isEqualTo(before);
    assertThat(desk.blobs.takeIssued()).isEmpty();
  }

  /** One row, with booleans as booleans (MariaDB answers 0/1 for them) and the rest as text. */
  private static List<Object> row(Db db, String sql, Object... params) {
    List<List<Object>> rows = db.query(sql, params);
    assertThat(rows).hasSize(1);
    Map<Integer, Object> out = new LinkedHashMap<>();
    List<Object> r = rows.get(0);
    for (int i = 0; i < r.size(); i++) {
      Object v = r.get(i);
      out.put(
          i,
          v instanceof Boolean || v == null || v instanceof String
              ? v
              : v instanceof Number n
                      && (n.intValue() == 0 || n.intValue() == 1)
                      && sql.contains("internal")
                      && isInternalColumn(sql, i)
                  ? (Object) (n.intValue() == 1)
                  : String.valueOf(v));
    }
    return Arrays.asList(out.values().toArray());
  }

  private static boolean isInternalColumn(String sql, int index) {
    String columns = sql.substring("select ".length(), sql.indexOf(" from "));
    return columns.split(",")[index].strip().equals("internal");
  }
}
