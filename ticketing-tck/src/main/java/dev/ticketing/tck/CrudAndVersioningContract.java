package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ticketing.Category;
import dev.ticketing.ConflictException;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.UploadGrant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tickets, comments, attachments and upload grants round-trip; optimistic versioning. */
public abstract class CrudAndVersioningContract extends StoreContractFixture {

  @Test
  void insertedTicketRoundTripsEveryField() {
    TicketRecord t =
        new TicketRecord(
            newId(),
            acme,
            alice,
            "Cannot export invoices",
            "Export to PDF fails with error E-42.\nTried twice.\tStill failing.",
            Status.CANCELLED,
            Priority.URGENT,
            Category.BILLING,
            ann,
            T0,
            T0.plusSeconds(3_600).plusNanos(1_000),
            T0.plusSeconds(7_200),
            T0.plusSeconds(10_800),
            T0.plusSeconds(14_400).plusNanos(999_000),
            admin,
            Status.CLOSED,
            0);

    insert(t);

    assertThat(found(t.id())).isEqualTo(t);
  }

  @Test
  void nullableFieldsRoundTripAsNull() {
    TicketRecord t = ticket(acme, bob, T0);
    assertThat(t.assigneeId()).isNull();

    insert(t);

    TicketRecord found = found(t.id());
    assertThat(found).isEqualTo(t);
    assertThat(found.assigneeId()).isNull();
    assertThat(found.resolvedAt()).isNull();
    assertThat(found.closedAt()).isNull();
    assertThat(found.deletedAt()).isNull();
    assertThat(found.deletedBy()).isNull();
    assertThat(found.statusBeforeDelete()).isNull();
    assertThat(found.version()).isZero();
  }

  @Test
  void longTextsNonAsciiTextAndCustomCategoriesRoundTrip() {
    // The service allows titles of 200 and descriptions and comments of 10,000 characters;
    // characters, not bytes, and outside the Basic Multilingual Plane too.
    String title = repeat("Ünïcødé 🎫 ", 200).substring(0, 199) + "!";
    String description = repeat("Ligne née à Zürich — 日本語 🙂\n", 10_000).substring(0, 10_000);
    Category custom = Category.of("SUBJECT_" + "X".repeat(56));
    assertThat(custom.name()).hasSize(64);
    TicketRecord t =
        ticket(acme, alice, T0)
            .edit()
            .title(title)
            .description(description)
            .category(custom)
            .build();
    CommentRecord c = comment(t.id(), alice, description, false, T0.plusSeconds(1));

    tx(
        () -> {
          store().insertTicket(t);
          store().insertComment(c);
        });

    assertThat(found(t.id())).isEqualTo(t);
    assertThat(normalized(store().findComment(c.id()).orElseThrow())).isEqualTo(c);
  }

  @Test
  void unknownTicketIsNotFound() {
    insert(ticket(acme, alice, T0));

    assertThat(store().findTicket(newId())).isEmpty();
  }

  @Test
  void updateIncrementsVersionAndReturnsTheStoredRecord() {
    TicketRecord t = ticket(acme, alice, T0);
    insert(t);

    TicketRecord changed =
        t.edit()
            .title("Cannot export invoices (PDF)")
            .description("Fails for invoices over 100 lines")
            .status(Status.IN_PROGRESS)
            .priority(Priority.HIGH)
            .category(Category.BUG_REPORT)
            .assigneeId(ann)
            .updatedAt(T0.plusSeconds(60))
            .build();
    TicketRecord first = tx(() -> store().updateTicket(changed));

    assertThat(normalized(first)).isEqualTo(changed.edit().version(1).build());
    assertThat(found(t.id())).isEqualTo(normalized(first));

    TicketRecord resolved =
        first
            .edit()
            .status(Status.RESOLVED)
            .resolvedAt(T0.plusSeconds(120))
            .updatedAt(T0.plusSeconds(120))
            .build();
    TicketRecord second = tx(() -> store().updateTicket(resolved));

    assertThat(second.version()).isEqualTo(2);
    assertThat(normalized(second)).isEqualTo(normalized(resolved.edit().version(2).build()));
    assertThat(found(t.id())).isEqualTo(normalized(second));
  }

  @Test
  void updateCanClearNullableFields() {
    TicketRecord t =
        ticket(acme, alice, T0)
            .edit()
            .status(Status.CANCELLED)
            .assigneeId(ann)
            .resolvedAt(T0.plusSeconds(5))
            .closedAt(T0.plusSeconds(6))
            .deletedAt(T0.plusSeconds(7))
            .deletedBy(admin)
            .statusBeforeDelete(Status.CLOSED)
            .build();
    insert(t);

    TicketRecord cleared =
        t.edit()
            .status(Status.REOPENED)
            .assigneeId(null)
            .resolvedAt(null)
            .closedAt(null)
            .deletedAt(null)
            .deletedBy(null)
            .statusBeforeDelete(null)
            .updatedAt(T0.plusSeconds(8))
            .build();
    tx(() -> store().updateTicket(cleared));

    assertThat(found(t.id())).isEqualTo(cleared.edit().version(1).build());
  }

  @Test
  void updateWithStaleVersionThrowsAndLeavesTheRowUnchanged() {
    TicketRecord t = ticket(acme, alice, T0);
    insert(t);
    TicketRecord v1 = tx(() -> store().updateTicket(t.edit().title("First edit").build()));

    TicketRecord stale =
        t.edit().title("Edit based on version 0").priority(Priority.URGENT).build();
    Throwable thrown = catchThrowable(() -> tx(() -> store().updateTicket(stale)));

    assertThat(thrown).isInstanceOf(ConflictException.class);
    assertThat(((ConflictException) thrown).ticketId()).isEqualTo(t.id());
    assertThat(found(t.id())).isEqualTo(normalized(v1));
  }

  @Test
  void updateWithVersionAheadOfTheStoredOneThrows() {
    TicketRecord t = ticket(acme, alice, T0);
    insert(t);

    TicketRecord ahead = t.edit().title("From the future").version(5).build();

    assertThatThrownBy(() -> tx(() -> store().updateTicket(ahead)))
        .isInstanceOf(ConflictException.class);
    assertThat(found(t.id())).isEqualTo(t);
  }

  @Test
  void findTicketsReturnsTheExistingTicketsByIdIncludingSoftDeletedOnes() {
    TicketRecord a = ticket(acme, alice, T0);
    TicketRecord b = ticket(globex, carol, T0.plusSeconds(1));
    TicketRecord deleted = softDeleted(ticket(acme, bob, T0.plusSeconds(2)), T0.plusSeconds(3));
    TicketRecord notAsked = ticket(acme, bob, T0.plusSeconds(4));
    insert(a, b, deleted, notAsked);

    Map<String, TicketRecord> found =
        store().findTickets(List.of(a.id(), b.id(), deleted.id(), newId()));

    assertThat(found).containsOnlyKeys(a.id(), b.id(), deleted.id());
    assertThat(normalized(present(found, a.id()))).isEqualTo(a);
    assertThat(normalized(present(found, b.id()))).isEqualTo(b);
    assertThat(normalized(present(found, deleted.id()))).isEqualTo(deleted);
    assertThat(store().findTickets(List.of())).isEmpty();
  }

  @Test
  void commentsComeOldestFirstWithInternalNotesOnlyWhenAsked() {
    TicketRecord t = ticket(acme, alice, T0);
    TicketRecord other = ticket(acme, alice, T0);
    CommentRecord reply = comment(t.id(), ann, "We are looking into it", false, T0.plusSeconds(30));
    CommentRecord note =
        comment(t.id(), ann, "Customer is on the legacy plan", true, T0.plusSeconds(10));
    CommentRecord question = comment(t.id(), alice, "Any news?", false, T0.plusSeconds(20));
    CommentRecord elsewhere = comment(other.id(), alice, "Unrelated", false, T0.plusSeconds(15));
    tx(
        () -> {
          store().insertTicket(t);
          store().insertTicket(other);
          // Inserted out of chronological order: the store sorts, not the insertion sequence.
          store().insertComment(reply);
          store().insertComment(note);
          store().insertComment(question);
          store().insertComment(elsewhere);
        });

    assertThat(normalizedComments(store().comments(t.id(), false)))
        .containsExactly(question, reply);
    assertThat(normalizedComments(store().comments(t.id(), true)))
        .containsExactly(note, question, reply);
    assertThat(store().comments(newId(), true)).isEmpty();
  }

  @Test
  void findCommentRoundTripsEveryField() {
    TicketRecord t = ticket(acme, alice, T0);
    CommentRecord note =
        new CommentRecord(
            newId(),
            t.id(),
            ann,
            "Internal: refund approved",
            true,
            "hasura-note-4711",
            T0.plusSeconds(5),
            T0.plusSeconds(65).plusNanos(1_000));
    CommentRecord reply = comment(t.id(), alice, "Thanks!", false, T0.plusSeconds(70));
    tx(
        () -> {
          store().insertTicket(t);
          store().insertComment(note);
          store().insertComment(reply);
        });

    assertThat(normalized(store().findComment(note.id()).orElseThrow())).isEqualTo(note);
    assertThat(normalized(store().findComment(reply.id()).orElseThrow())).isEqualTo(reply);
    assertThat(store().findComment(reply.id()).orElseThrow().externalId()).isNull();
    assertThat(store().findComment(newId())).isEmpty();
  }

  @Test
  void findCommentByExternalIdFindsTheHostsNote() {
    TicketRecord t = ticket(acme, alice, T0);
    CommentRecord external =
        withExternalId(
            comment(t.id(), ann, "Recorded by webhook", true, T0.plusSeconds(1)), "ext-1001");
    CommentRecord other =
        withExternalId(comment(t.id(), ann, "Another one", false, T0.plusSeconds(2)), "ext-1002");
    CommentRecord plain = comment(t.id(), ann, "No external id", false, T0.plusSeconds(3));
    tx(
        () -> {
          store().insertTicket(t);
          store().insertComment(external);
          store().insertComment(other);
          store().insertComment(plain);
        });

    assertThat(store().findCommentByExternalId("ext-1001").map(StoreContractFixture::normalized))
        .contains(external);
    assertThat(store().findCommentByExternalId("ext-1002").map(StoreContractFixture::normalized))
        .contains(other);
    assertThat(store().findCommentByExternalId("ext-9999")).isEmpty();
  }

  @Test
  void externalIdIsUniquePerStore() {
    TicketRecord t = ticket(acme, alice, T0);
    TicketRecord u = ticket(globex, carol, T0);
    CommentRecord first =
        withExternalId(comment(t.id(), ann, "First delivery", true, T0.plusSeconds(1)), "ext-dup");
    CommentRecord again =
        withExternalId(comment(u.id(), ann, "Redelivered", true, T0.plusSeconds(2)), "ext-dup");
    tx(
        () -> {
          store().insertTicket(t);
          store().insertTicket(u);
          store().insertComment(first);
        });

    assertThatThrownBy(() -> tx(() -> store().insertComment(again)))
        .isInstanceOf(RuntimeException.class);

    assertThat(store().findCommentByExternalId("ext-dup").map(CommentRecord::id))
        .contains(first.id());
    assertThat(store().comments(u.id(), true)).isEmpty();
    assertThat(store().findComment(again.id())).isEmpty();
  }

  @Test
  void attachmentsComeOldestFirstWithThoseOfInternalNotesOnlyWhenAsked() {
    TicketRecord t = ticket(acme, alice, T0);
    CommentRecord reply = comment(t.id(), ann, "See the screenshot", false, T0.plusSeconds(10));
    CommentRecord note = comment(t.id(), ann, "Log excerpt attached", true, T0.plusSeconds(20));
    AttachmentRecord onTicket = attachment(t.id(), null, false, "invoice.pdf", T0.plusSeconds(5));
    AttachmentRecord onReply =
        attachment(t.id(), reply.id(), false, "screenshot.png", T0.plusSeconds(11));
    AttachmentRecord onNote = attachment(t.id(), note.id(), true, "server.log", T0.plusSeconds(21));
    TicketRecord other = ticket(acme, alice, T0);
    AttachmentRecord elsewhere =
        attachment(other.id(), null, false, "other.txt", T0.plusSeconds(12));
    tx(
        () -> {
          store().insertTicket(t);
          store().insertTicket(other);
          store().insertComment(reply);
          store().insertComment(note);
          store().insertAttachment(onNote);
          store().insertAttachment(onReply);
          store().insertAttachment(elsewhere);
          store().insertAttachment(onTicket);
        });

    assertThat(normalizedAttachments(store().attachments(t.id(), false)))
        .containsExactly(onTicket, onReply);
    assertThat(normalizedAttachments(store().attachments(t.id(), true)))
        .containsExactly(onTicket, onReply, onNote);
    assertThat(store().attachments(newId(), true)).isEmpty();
  }

  @Test
  void attachmentRoundTripsLargeSizesAndLongKeys() {
    TicketRecord t = ticket(acme, alice, T0);
    String longName = "Quarterly report " + "x".repeat(230) + ".pdf";
    AttachmentRecord big =
        new AttachmentRecord(
            newId(),
            t.id(),
            null,
            false,
            "tickets/attachments/" + t.id() + "/" + newId() + "/" + longName,
            longName,
            "application/pdf",
            5_000_000_000L,
            alice,
            T0.plusSeconds(1));
    tx(
        () -> {
          store().insertTicket(t);
          store().insertAttachment(big);
        });

    assertThat(normalizedAttachments(store().attachments(t.id(), true))).containsExactly(big);
  }

  @Test
  void uploadGrantIsSavedFoundAndDeletedOnce() {
    TicketRecord t = ticket(acme, alice, T0);
    UploadGrant grant = grant(t.id(), alice, "photo.jpg");
    UploadGrant other = grant(t.id(), alice, "second.jpg");
    tx(
        () -> {
          store().insertTicket(t);
          store().saveUploadGrant(grant);
          store().saveUploadGrant(other);
        });

    assertThat(store().findUploadGrant(grant.objectKey()).map(StoreContractFixture::normalized))
        .contains(grant);
    assertThat(store().findUploadGrant("tickets/attachments/unknown")).isEmpty();

    assertThat(tx(() -> store().deleteUploadGrant(grant.objectKey()))).isTrue();
    assertThat(store().findUploadGrant(grant.objectKey())).isEmpty();
    assertThat(tx(() -> store().deleteUploadGrant(grant.objectKey()))).isFalse();
    assertThat(store().findUploadGrant(other.objectKey()).map(StoreContractFixture::normalized))
        .contains(other);
  }
}
