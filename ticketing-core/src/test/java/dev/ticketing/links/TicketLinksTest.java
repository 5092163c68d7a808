package dev.ticketing.links;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.ALICE;
import static dev.ticketing.support.Desk.JANE;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Desk.MIKE;
import static dev.ticketing.support.Desk.SARAH;
import static dev.ticketing.support.Refusals.invalid;
import static dev.ticketing.support.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CommentView;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.LinkKind;
import dev.ticketing.LinkTickets;
import dev.ticketing.LinkView;
import dev.ticketing.MergeTickets;
import dev.ticketing.MergeView;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.Status;
import dev.ticketing.TicketLinks;
import dev.ticketing.TicketRelations;
import dev.ticketing.TicketView;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.Notification;
import dev.ticketing.support.Desk;
import dev.ticketing.testsupport.Race;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Links and merges through {@link TicketLinks}, on the in-memory desk. */
class TicketLinksTest {

  private final Desk desk = new Desk();
  private final TicketLinks links = desk.ticketing.links();

  @AfterEach
  void close() {
    desk.close();
  }

  private String ticket(Actor customer, String title) {
    return desk.service
        .createTicket(customer, CreateTicket.of(title, "details", customer.companyId()))
        .id();
  }

  private List<AuditAction> actions(String ticketId) {
    return desk.service.history(ADMIN, ticketId).stream().map(AuditEntry::action).toList();
  }

  private static List<String> contents(List<CommentView> comments) {
    return comments.stream().map(CommentView::content).toList();
  }

  // ------------------------------------------------------------------ links

  @Test
  void aLinkIsAuditedOnBothTicketsListedFromBothEndsAndLinkingAgainChangesNothing() {
    String a = ticket(JOHN, "Printer");
    String b = ticket(JOHN, "Printer again");

    LinkView l = links.link(ADMIN, LinkTickets.of(b, LinkKind.RELATED, a));
    LinkView again = links.link(ADMIN, LinkTickets.of(a, LinkKind.RELATED, b));

    assertThat(again).isEqualTo(l);
    assertThat(links.relations(ADMIN, a).links()).containsExactly(l);
    assertThat(links.relations(JOHN, b).links()).containsExactly(l);
    assertThat(actions(a)).containsOnlyOnce(AuditAction.TICKET_LINKED);
    assertThat(actions(b)).containsOnlyOnce(AuditAction.TICKET_LINKED);

    assertThat(links.unlink(ADMIN, LinkTickets.of(a, LinkKind.RELATED, b))).isTrue();
    assertThat(links.unlink(ADMIN, LinkTickets.of(a, LinkKind.RELATED, b))).isFalse();
    assertThat(links.relations(ADMIN, a).links()).isEmpty();
    assertThat(actions(b)).containsOnlyOnce(AuditAction.TICKET_UNLINKED);
  }

  @Test
  void customersNeitherLinkNorSeeLinksToTicketsTheyCannotSee() {
    String johns = ticket(JOHN, "Mine");
    String johnsOther = ticket(JOHN, "Mine too");
    String alices = ticket(ALICE, "Hers");
    links.link(ADMIN, LinkTickets.of(johns, LinkKind.RELATED, alices));
    links.link(ADMIN, LinkTickets.of(johns, LinkKind.PARENT_OF, johnsOther));

    refused(
        ErrorCode.ACCESS_DENIED,
        () -> links.link(JOHN, LinkTickets.of(johns, LinkKind.RELATED, johnsOther)));
    TicketRelations seen = links.relations(JOHN, johns);
    assertThat(seen.links()).extracting(LinkView::otherTicketId).containsExactly(johnsOther);
    assertThat(links.relations(ADMIN, johns).links()).hasSize(2);
    refused(ErrorCode.NOT_FOUND, () -> links.relations(JOHN, alices));
  }

  @Test
  void aLinkAcrossCompaniesNamesTheOtherTicketAndWritesNothing() {
    String acme = ticket(JOHN, "Acme");
    String globex = ticket(JANE, "Globex");

    invalid(
        () -> links.link(ADMIN, LinkTickets.of(acme, LinkKind.RELATED, globex)), "otherTicketId");
    invalid(() -> links.link(ADMIN, LinkTickets.of(acme, LinkKind.RELATED, acme)), "otherTicketId");
    invalid(
        () -> links.link(ADMIN, new LinkTickets(acme, null, "bad id!")), "kind", "otherTicketId");

    assertThat(links.relations(ADMIN, acme).links()).isEmpty();
    assertThat(actions(acme)).doesNotContain(AuditAction.TICKET_LINKED);
    assertThat(actions(globex)).doesNotContain(AuditAction.TICKET_LINKED);
  }

  @Test
  void parentLinksNeverFormACycleAndAChildHasOneParent() {
    String a = ticket(JOHN, "A");
    String b = ticket(JOHN, "B");
    String c = ticket(JOHN, "C");
    links.link(ADMIN, LinkTickets.of(a, LinkKind.PARENT_OF, b));
    links.link(ADMIN, LinkTickets.of(b, LinkKind.PARENT_OF, c));

    invalid(() -> links.link(ADMIN, LinkTickets.of(c, LinkKind.PARENT_OF, a)), "otherTicketId");
    invalid(() -> links.link(ADMIN, LinkTickets.of(b, LinkKind.PARENT_OF, a)), "otherTicketId");
    invalid(() -> links.link(ADMIN, LinkTickets.of(c, LinkKind.PARENT_OF, b)), "otherTicketId");
    links.link(ADMIN, LinkTickets.of(a, LinkKind.DUPLICATE_OF, c));
    invalid(() -> links.link(ADMIN, LinkTickets.of(c, LinkKind.DUPLICATE_OF, a)), "otherTicketId");

    assertThat(links.relations(ADMIN, c).links())
        .extracting(LinkView::kind)
        .containsExactly(LinkKind.PARENT_OF, LinkKind.DUPLICATE_OF);
  }

  @Test
  void agentsLinkOnlyTicketsAssignedToThem() {
    String a = ticket(JOHN, "A");
    String b = ticket(JOHN, "B");
    desk.service.assignTicket(ADMIN, new AssignTicket(a, SARAH.id(), null));

    refused(ErrorCode.NOT_FOUND, () -> links.link(SARAH, LinkTickets.of(a, LinkKind.RELATED, b)));
    desk.service.assignTicket(ADMIN, new AssignTicket(b, SARAH.id(), null));
    assertThat(links.link(SARAH, LinkTickets.of(a, LinkKind.RELATED, b)).createdBy())
        .isEqualTo(SARAH.id());
    refused(ErrorCode.NOT_FOUND, () -> links.unlink(MIKE, LinkTickets.of(a, LinkKind.RELATED, b)));
  }

  // ------------------------------------------------------------------ merges

  @Test
  void aMergeClosesTheSourceAndShowsItsConversationOnTheTargetWithoutInternalNotes() {
    String source = ticket(JOHN, "Cannot log in");
    String target = ticket(JOHN, "Login broken");
    desk.service.addComment(JOHN, new AddComment(source, "Still broken", false));
    desk.service.addComment(ADMIN, new AddComment(source, "Staff only: password reset bug", true));
    desk.service.addComment(ADMIN, new AddComment(target, "Looking into it", false));
    desk.deliver();

    MergeView m = links.merge(ADMIN, MergeTickets.of(source, target));

    assertThat(m.unmergeableUntil()).isEqualTo(m.mergedAt().plus(Duration.ofDays(7)));
    TicketView closed = desk.service.ticket(JOHN, source).ticket();
    assertThat(closed.status()).isEqualTo(Status.CLOSED);
    assertThat(links.relations(JOHN, source).mergedInto()).isEqualTo(m);
    assertThat(links.relations(JOHN, target).merged()).containsExactly(m);
    assertThat(contents(links.conversation(JOHN, target).comments()))
        .containsExactly("Still broken", "Looking into it");
    assertThat(contents(links.conversation(ADMIN, target).comments()))
        .containsExactly("Still broken", "Staff only: password reset bug", "Looking into it");
    assertThat(actions(source)).containsOnlyOnce(AuditAction.TICKET_MERGED);
    assertThat(actions(target)).containsOnlyOnce(AuditAction.TICKET_MERGED);
    List<Notification> told = desk.deliver();
    assertThat(told)
        .filteredOn(n -> n.template().equals(NotificationTemplate.TICKET_MERGED))
        .extracting(Notification::ticketId, Notification::recipientId)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(source, JOHN.id()),
            org.assertj.core.groups.Tuple.tuple(target, JOHN.id()));
  }

  @Test
  void aCustomerSeesNothingOfAMergedTicketTheyCannotSee() {
    String alices = ticket(ALICE, "Hers");
    String johns = ticket(JOHN, "His");
    desk.service.addComment(ALICE, new AddComment(alices, "Alice's own words", false));

    links.merge(ADMIN, MergeTickets.of(alices, johns));

    assertThat(contents(links.conversation(JOHN, johns).comments())).isEmpty();
    assertThat(links.relations(JOHN, johns).merged()).isEmpty();
    assertThat(links.relations(ALICE, alices).mergedInto()).isNull();
    assertThat(contents(links.conversation(ADMIN, johns).comments()))
        .containsExactly("Alice's own words");
  }

  @Test
  void mergesIntoItselfAcrossCompaniesIntoAMergedTicketOrOfAMergedOneAreRefusedByField() {
    String s = ticket(JOHN, "S");
    String t = ticket(JOHN, "T");
    String other = ticket(JOHN, "Other");
    String globex = ticket(JANE, "Globex");

    invalid(() -> links.merge(ADMIN, MergeTickets.of(s, s)), "targetTicketId");
    invalid(() -> links.merge(ADMIN, MergeTickets.of(s, globex)), "targetTicketId");
    invalid(() -> links.merge(ADMIN, new MergeTickets(null, t)), "sourceTicketId");
    refused(ErrorCode.ACCESS_DENIED, () -> links.merge(JOHN, MergeTickets.of(s, t)));
    links.merge(ADMIN, MergeTickets.of(s, t));
    invalid(() -> links.merge(ADMIN, MergeTickets.of(t, s)), "targetTicketId");
    invalid(() -> links.merge(ADMIN, MergeTickets.of(s, other)), "sourceTicketId");
    invalid(() -> links.merge(ADMIN, MergeTickets.of(other, s)), "targetTicketId");

    assertThat(links.relations(ADMIN, other).mergedInto()).isNull();
    assertThat(desk.service.ticket(ADMIN, other).ticket().status()).isEqualTo(Status.OPEN);
  }

  @Test
  void aMergedTicketKeepsItsStateUntilUnmergedWhichRestoresItExactly() {
    String source = ticket(JOHN, "Source");
    String target = ticket(JOHN, "Target");
    desk.service.assignTicket(ADMIN, new AssignTicket(source, SARAH.id(), null));
    desk.service.addComment(JOHN, new AddComment(source, "On the source", false));
    TicketView before = desk.service.ticket(ADMIN, source).ticket();
    links.merge(ADMIN, MergeTickets.of(source, target));
    desk.service.addComment(JOHN, new AddComment(target, "Added after the merge", false));

    refused(
        ErrorCode.INVALID_STATE,
        () -> desk.service.changeStatus(ADMIN, new ChangeStatus(source, Status.REOPENED)));

    TicketView restored = links.unmerge(ADMIN, source);

    assertThat(restored.status()).isEqualTo(before.status()).isEqualTo(Status.IN_PROGRESS);
    assertThat(restored.resolvedAt()).isEqualTo(before.resolvedAt());
    assertThat(restored.closedAt()).isEqualTo(before.closedAt());
    assertThat(restored.assignedTo()).isEqualTo(before.assignedTo());
    assertThat(contents(desk.service.ticket(ADMIN, source).comments()))
        .containsExactly("On the source");
    assertThat(contents(links.conversation(ADMIN, target).comments()))
        .containsExactly("Added after the merge");
    assertThat(links.relations(ADMIN, source).mergedInto()).isNull();
    assertThat(actions(source)).containsOnlyOnce(AuditAction.TICKET_UNMERGED);
    assertThat(actions(target)).containsOnlyOnce(AuditAction.TICKET_UNMERGED);
    invalid(() -> links.unmerge(ADMIN, source), "sourceTicketId");
  }

  @Test
  void anUnmergeAfterTheWindowIsRefusedNamingTheSource() {
    String source = ticket(JOHN, "Source");
    String target = ticket(JOHN, "Target");
    links.merge(ADMIN, MergeTickets.of(source, target));

    desk.clock.advance(Duration.ofDays(7).plusSeconds(1));

    invalid(() -> links.unmerge(ADMIN, source), "sourceTicketId");
    assertThat(desk.service.ticket(ADMIN, source).ticket().status()).isEqualTo(Status.CLOSED);
    assertThat(links.relations(ADMIN, source).mergedInto()).isNotNull();
  }

  @Test
  void twoMergesRacingOnTheSameSourceProduceOneMerge() throws Exception {
    String source = ticket(JOHN, "Source");
    List<String> targets = List.of(ticket(JOHN, "T1"), ticket(JOHN, "T2"), ticket(JOHN, "T3"));

    List<Race.Outcome<MergeView>> outcomes =
        Race.run(
            targets.size(), i -> () -> links.merge(ADMIN, MergeTickets.of(source, targets.get(i))));

    assertThat(outcomes.stream().filter(o -> o.failure() == null)).hasSize(1);
    assertThat(actions(source)).containsOnlyOnce(AuditAction.TICKET_MERGED);
    long mergedTargets =
        targets.stream().filter(t -> !links.relations(ADMIN, t).merged().isEmpty()).count();
    assertThat(mergedTargets).isEqualTo(1);
  }

  @Test
  void aPurgedTicketTakesItsLinksAndMergesWithIt() {
    String gone = ticket(JOHN, "Gone");
    String kept = ticket(JOHN, "Kept");
    String merged = ticket(JOHN, "Merged");
    links.link(ADMIN, LinkTickets.of(gone, LinkKind.RELATED, kept));
    links.merge(ADMIN, MergeTickets.of(merged, gone));

    desk.service.deleteTicket(ADMIN, gone, null);
    desk.service.purgeTicket(dev.ticketing.support.Desk.ROOT, gone, null);

    assertThat(links.relations(ADMIN, kept).links()).isEmpty();
    assertThat(links.relations(ADMIN, merged).mergedInto()).isNull();
  }
}
