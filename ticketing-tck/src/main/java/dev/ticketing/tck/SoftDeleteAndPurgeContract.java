package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketStats;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.Activity;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.PurgedTicket;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.UploadGrant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Soft-deleted tickets stay readable by id; purge erases a ticket and everything of it. */
public abstract class SoftDeleteAndPurgeContract extends StoreContractFixture {

  @Test
  void softDeletedTicketIsStillFoundByIdButNotListed() {
    TicketRecord t = ticket(acme, alice, T0);
    insert(t);
    TicketRecord deleted = tx(() -> store().updateTicket(softDeleted(t, T0.plusSeconds(60))));

    assertThat(found(t.id())).isEqualTo(normalized(deleted));
    assertThat(found(t.id()).deleted()).isTrue();
    assertThat(store().list(everything())).isEmpty();
    assertThat(store().count(everything())).isZero();
    assertThat(store().stats(VisibilityScope.EVERYTHING, null)).isEqualTo(TicketStats.EMPTY);
  }

  @Test
  void restoredTicketIsListedAgain() {
    TicketRecord t =
        ticket(acme, alice, T0).edit().status(Status.IN_PROGRESS).assigneeId(ann).build();
    insert(t);
    TicketRecord deleted = tx(() -> store().updateTicket(softDeleted(t, T0.plusSeconds(60))));

    TicketRecord restored =
        tx(
            () ->
                store()
                    .updateTicket(
                        deleted
                            .edit()
                            .status(Status.IN_PROGRESS)
                            .deletedAt(null)
                            .deletedBy(null)
                            .statusBeforeDelete(null)
                            .updatedAt(T0.plusSeconds(120))
                            .build()));

    assertThat(restored.version()).isEqualTo(2);
    assertThat(listIds(everything())).containsExactly(t.id());
    assertThat(store().stats(VisibilityScope.EVERYTHING, null).inProgress()).isEqualTo(1);
  }

  @Test
  void purgeRemovesTheTicketAndEverythingOfItAndReturnsItsObjectKeys() {
    Family doomed = family(acme, alice);
    Family kept = family(globex, carol);

    PurgedTicket purged = tx(() -> store().purgeTicket(doomed.ticket.id()));

    doomed.assertGivenUp(purged);
    assertThat(store().findTicket(doomed.ticket.id())).isEmpty();
    assertThat(store().findTickets(List.of(doomed.ticket.id()))).isEmpty();
    assertThat(store().comments(doomed.ticket.id(), true)).isEmpty();
    for (CommentRecord c : doomed.comments) {
      assertThat(store().findComment(c.id())).isEmpty();
    }
    assertThat(
            store()
                .findCommentByExternalId(
                    Objects.requireNonNull(doomed.comments.get(0).externalId())))
        .isEmpty();
    assertThat(store().attachments(doomed.ticket.id(), true)).isEmpty();
    for (UploadGrant g : doomed.grants) {
      assertThat(store().findUploadGrant(g.objectKey())).isEmpty();
    }
    assertThat(store().history(doomed.ticket.id())).isEmpty();
    assertThat(
            store()
                .activity(List.of(doomed.ticket.id()))
                .getOrDefault(doomed.ticket.id(), Activity.NONE))
        .isEqualTo(Activity.NONE);
    assertThat(
            listIds(
                query(
                    VisibilityScope.EVERYTHING,
                    TicketFilter.builder().includeDeleted(true).build())))
        .containsExactly(kept.ticket.id());
    kept.assertIntact();
  }

  @Test
  void purgeOfASoftDeletedTicketWorksToo() {
    Family doomed = family(acme, alice);
    tx(() -> store().updateTicket(softDeleted(doomed.ticket, T0.plusSeconds(500))));

    PurgedTicket purged = tx(() -> store().purgeTicket(doomed.ticket.id()));

    doomed.assertGivenUp(purged);
    assertThat(store().findTicket(doomed.ticket.id())).isEmpty();
    assertThat(
            store()
                .count(
                    query(
                        VisibilityScope.EVERYTHING,
                        TicketFilter.builder().includeDeleted(true).build())))
        .isZero();
  }

  @Test
  void purgeOfATicketWithoutFilesReturnsNoKeys() {
    TicketRecord t = ticket(acme, alice, T0);
    insert(t);
    tx(() -> store().appendAudit(audit(t.id(), AuditAction.CREATED, T0)));

    assertThat(tx(() -> store().purgeTicket(t.id()))).isEqualTo(PurgedTicket.NONE);
    assertThat(store().findTicket(t.id())).isEmpty();
    assertThat(store().history(t.id())).isEmpty();
  }

  @Test
  void purgeRemovesTheTicketsNotificationsInEveryStateAndKeepsOthers() {
    TicketRecord purged = ticket(acme, alice, T0);
    TicketRecord kept = ticket(acme, bob, T0.plusSeconds(1));
    insert(purged);
    insert(kept);
    NotificationRequest pending = notification(purged.id(), T0);
    NotificationRequest dead = notification(purged.id(), T0.plusSeconds(1));
    NotificationRequest resolved = notification(purged.id(), T0.plusSeconds(2));
    NotificationRequest other = notification(kept.id(), T0.plusSeconds(3));
    tx(
        () -> {
          store().enqueue(List.of(pending, dead, resolved, other));
          return null;
        });
    List<String> requests = List.of(OutboxStore.RECIPIENTS);
    store().outbox().claimDue("dispatcher-a", LATER, LEASE, 10, requests);
    store().outbox().markFailed(dead.id(), "dispatcher-a", 10, null, "gave up");
    store().outbox().markFailed(pending.id(), "dispatcher-a", 1, LATER, "retry later");
    store().outbox().markFailed(other.id(), "dispatcher-a", 1, LATER, "retry later");
    // One that was resolved already: its delivery is the ticket's too.
    store()
        .outbox()
        .markResolved(
            resolved.id(),
            "dispatcher-a",
            LATER,
            List.of(
                OutboxEntry.delivery(
                    newId(), "mail", resolved.toNotification(newId(), "someone"), LATER)));

    tx(() -> store().purgeTicket(purged.id()));

    assertThat(store().outbox().deadCount()).isZero();
    assertThat(store().outbox().pendingCount()).isEqualTo(1);
    assertThat(store().outbox().list(OutboxState.DELIVERED, null, 10)).isEmpty();
    assertThat(
            store()
                .outbox()
                .claimDue(
                    "dispatcher-b",
                    LATER.plusSeconds(60),
                    LEASE,
                    10,
                    List.of("mail", OutboxStore.RECIPIENTS)))
        .extracting(OutboxEntry::id)
        .containsExactly(other.id());
  }

  @Test
  void purgeInARolledBackUnitKeepsEverything() {
    Family family = family(acme, alice);

    assertThatThrownBy(
            () ->
                tx(
                    () -> {
                      store().purgeTicket(family.ticket.id());
                      throw new IllegalStateException("blob deletion failed");
                    }))
        .isInstanceOf(IllegalStateException.class);

    family.assertIntact();
  }

  /** A ticket with comments, attachments, grants and audit entries. */
  private final class Family {
    final TicketRecord ticket;
    final List<CommentRecord> comments;
    final List<AttachmentRecord> attachments;
    final List<UploadGrant> grants;
    final List<AuditEntry> history;

    Family(
        TicketRecord ticket,
        List<CommentRecord> comments,
        List<AttachmentRecord> attachments,
        List<UploadGrant> grants,
        List<AuditEntry> history) {
      this.ticket = ticket;
      this.comments = comments;
      this.attachments = attachments;
      this.grants = grants;
      this.history = history;
    }

    void assertGivenUp(PurgedTicket purged) {
      assertThat(purged.attachmentKeys())
          .containsExactlyInAnyOrderElementsOf(
              attachments.stream().map(AttachmentRecord::objectKey).toList());
      assertThat(purged.uploadGrants())
          .extracting(StoreContractFixture::normalized)
          .containsExactlyInAnyOrderElementsOf(grants);
    }

    void assertIntact() {
      assertThat(found(ticket.id())).isEqualTo(ticket);
      assertThat(normalizedComments(store().comments(ticket.id(), true)))
          .containsExactlyElementsOf(comments);
      assertThat(normalizedAttachments(store().attachments(ticket.id(), true)))
          .containsExactlyElementsOf(attachments);
      for (UploadGrant g : grants) {
        assertThat(store().findUploadGrant(g.objectKey()).map(StoreContractFixture::normalized))
            .contains(g);
      }
      assertThat(normalizedHistory(store().history(ticket.id())))
          .containsExactlyElementsOf(history);
    }
  }

  private Family family(String company, String customer) {
    TicketRecord t = ticket(company, customer, T0);
    CommentRecord reply =
        withExternalId(
            comment(t.id(), customer, "reply", false, T0.plusSeconds(1)), "ext-" + newId());
    CommentRecord note = comment(t.id(), ann, "note", true, T0.plusSeconds(2));
    List<AttachmentRecord> attachments =
        List.of(
            attachment(t.id(), null, false, "a.pdf", T0.plusSeconds(3)),
            attachment(t.id(), reply.id(), false, "b.png", T0.plusSeconds(4)),
            attachment(t.id(), note.id(), true, "c.log", T0.plusSeconds(5)));
    List<UploadGrant> grants =
        List.of(grant(t.id(), customer, "d.jpg"), grant(t.id(), ann, "e.txt"));
    List<AuditEntry> history =
        List.of(
            audit(t.id(), AuditAction.CREATED, T0),
            audit(t.id(), AuditAction.TICKET_COMMENT_ADDED, T0.plusSeconds(1)));
    tx(
        () -> {
          store().insertTicket(t);
          store().insertComment(reply);
          store().insertComment(note);
          attachments.forEach(store()::insertAttachment);
          grants.forEach(store()::saveUploadGrant);
          history.forEach(store()::appendAudit);
        });
    return new Family(t, List.of(reply, note), attachments, grants, history);
  }
}
