package dev.ticketing.service;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.ALICE;
import static dev.ticketing.support.Desk.JANE;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Desk.MIKE;
import static dev.ticketing.support.Desk.SARAH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AccessDeniedException;
import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.ChangeParticipants;
import dev.ticketing.ChangeStatus;
import dev.ticketing.ChangeTags;
import dev.ticketing.CreateTicket;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.PageRequest;
import dev.ticketing.Status;
import dev.ticketing.TagCount;
import dev.ticketing.TagMatch;
import dev.ticketing.TagRules;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UpdateTicket;
import dev.ticketing.ValidationException;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.spi.Notification;
import dev.ticketing.support.Desk;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tickets raised for a requester, followers and CCs, and tags, through the service. */
class RequesterParticipantsAndTagsTest {

  private final Desk desk = new Desk();

  @AfterEach
  void close() {
    desk.close();
  }

  private TicketView raisedForJohn() {
    return desk.service.createTicket(
        ADMIN, CreateTicket.of("VPN down", "Since this morning", "acme").onBehalfOf("john"));
  }

  // ------------------------------------------------------------------ requester

  @Test
  void staffRaiseATicketForACustomerWhoThenOwnsIt() {
    TicketView t = raisedForJohn();

    assertThat(t.requester().id()).isEqualTo("john");
    assertThat(t.user().id()).isEqualTo("admin");
    assertThat(desk.service.myTickets(JOHN)).extracting(TicketView::id).containsExactly(t.id());
    assertThat(desk.service.myTickets(ADMIN)).isEmpty();
    // The requester owns it: they may edit and cancel it.
    desk.service.updateTicket(JOHN, new UpdateTicket(t.id(), "VPN down again", null, null, null));
    AuditEntry created = desk.service.history(ADMIN, t.id()).get(0);
    assertThat(created.action()).isEqualTo(AuditAction.CREATED);
    assertThat(created.actorId()).isEqualTo("admin");
    assertThat(created.changes())
        .anySatisfy(
            c -> {
              assertThat(c.field()).isEqualTo("requesterId");
              assertThat(c.newValue()).isEqualTo("john");
            });
  }

  @Test
  void theRequesterIsToldOfProgressNotTheCreator() {
    TicketView t = raisedForJohn();
    desk.deliver();
    desk.service.addComment(ADMIN, new AddComment(t.id(), "Looking into it", false));
    desk.service.changeStatus(ADMIN, new ChangeStatus(t.id(), Status.RESOLVED));

    assertThat(desk.deliver())
        .filteredOn(n -> n.recipientId().equals("john"))
        .extracting(Notification::template)
        .containsExactlyInAnyOrder(
            NotificationTemplate.COMMENT_ADDED, NotificationTemplate.TICKET_RESOLVED);
  }

  @Test
  void customersNeverRaiseTicketsForOthers() {
    int before = desk.store.ticketCount();
    assertThatThrownBy(
            () ->
                desk.service.createTicket(
                    JOHN, CreateTicket.of("For Alice", "Her printer", "acme").onBehalfOf("alice")))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(desk.store.ticketCount()).isEqualTo(before);
  }

  @Test
  void aRequesterMustBeACustomerOfTheTicketsCompany() {
    int before = desk.store.ticketCount();
    for (String requester : List.of("jane", "sarah", "nobody")) {
      assertThatThrownBy(
              () ->
                  desk.service.createTicket(
                      ADMIN, CreateTicket.of("T", "D", "acme").onBehalfOf(requester)))
          .isInstanceOfSatisfying(
              ValidationException.class,
              e -> assertThat(e.fields()).containsExactly("requesterId"));
    }
    assertThat(desk.store.ticketCount()).isEqualTo(before);
  }

  @Test
  void thePolicyDecidesWhichStaffRaiseForOthers() {
    Desk strict =
        new Desk(
            MatrixPolicy.standard().toBuilder()
                .revoke(
                    dev.ticketing.policy.Role.ADMIN, dev.ticketing.policy.Operation.RAISE_ON_BEHALF)
                .build(),
            TicketingOptions.defaults());
    try (strict) {
      assertThatThrownBy(
              () ->
                  strict.service.createTicket(
                      ADMIN, CreateTicket.of("T", "D", "acme").onBehalfOf("john")))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(strict.store.ticketCount()).isZero();
    }
  }

  // ------------------------------------------------------------------ CCs and followers

  @Test
  void aCcSeesAndRepliesButNeverReadsInternalNotes() {
    TicketView t = raisedForJohn();
    desk.service.changeParticipants(JOHN, ChangeParticipants.cc(t.id(), "alice"));
    desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
    desk.service.addComment(SARAH, new AddComment(t.id(), "secret: the root cause", true));
    desk.service.addComment(SARAH, new AddComment(t.id(), "We are on it", false));

    TicketDetails seen = desk.service.ticket(ALICE, t.id());
    assertThat(seen.comments()).extracting(c -> c.content()).containsExactly("We are on it");
    assertThat(seen.ticket().count().comments()).isEqualTo(1);
    assertThat(seen.ticket().ccs()).extracting(u -> u.id()).containsExactly("alice");
    assertThat(seen.ticket().followers()).isEmpty();
    assertThat(
            desk.service
                .ticketsPaginated(ALICE, PageRequest.first(20), TicketFilter.none())
                .edges())
        .hasSize(1)
        .allSatisfy(e -> assertThat(e.node().count().comments()).isEqualTo(1));
    assertThat(
            desk.service
                .ticketsPaginated(
                    ALICE,
                    PageRequest.first(20),
                    TicketFilter.builder().searchTerm("root cause").build())
                .edges())
        .isEmpty();

    desk.service.addComment(ALICE, new AddComment(t.id(), "Me too", false));
    // A CC replies but does not own the ticket.
    assertThatThrownBy(
            () ->
                desk.service.updateTicket(
                    ALICE, new UpdateTicket(t.id(), "Mine now", null, null, null)))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(
            () -> desk.service.changeStatus(ALICE, new ChangeStatus(t.id(), Status.CANCELLED)))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void ccsAndFollowersAreToldWhatTheirPartAllowsAndNoMore() {
    TicketView t = raisedForJohn();
    desk.service.changeParticipants(
        ADMIN, new ChangeParticipants(t.id(), List.of("mike"), null, List.of("alice"), null, null));
    desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
    desk.deliver();

    desk.service.addComment(SARAH, new AddComment(t.id(), "internal detail", true));
    List<Notification> note = desk.deliver();
    assertThat(note).extracting(Notification::recipientId).containsExactlyInAnyOrder("mike");
    assertThat(note)
        .extracting(Notification::template)
        .containsOnly(NotificationTemplate.INTERNAL_NOTE_ADDED);

    desk.service.addComment(SARAH, new AddComment(t.id(), "public answer", false));
    assertThat(desk.deliver())
        .extracting(Notification::recipientId)
        .containsExactlyInAnyOrder("john", "alice", "mike");
  }

  @Test
  void ccsOfAnotherCompanyAndCustomerFollowersAreRefusedNamingTheField() {
    TicketView t = raisedForJohn();
    long version = desk.service.ticket(ADMIN, t.id()).ticket().version();

    assertThatThrownBy(
            () ->
                desk.service.changeParticipants(
                    ADMIN, ChangeParticipants.cc(t.id(), "alice", "jane")))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.fields()).containsExactly("addCcs[1]"));
    assertThatThrownBy(
            () -> desk.service.changeParticipants(ADMIN, ChangeParticipants.follow(t.id(), "john")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.fields()).containsExactly("addFollowers[0]"));
    assertThatThrownBy(
            () ->
                desk.service.createTicket(
                    ADMIN,
                    CreateTicket.of("T", "D", "acme").onBehalfOf("john").withCcs(List.of("jane"))))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.fields()).containsExactly("ccIds[0]"));
    // Nothing written.
    TicketView now = desk.service.ticket(ADMIN, t.id()).ticket();
    assertThat(now.version()).isEqualTo(version);
    assertThat(now.ccs()).isEmpty();
    // A customer of another company does not even learn the ticket exists.
    assertThatThrownBy(
            () -> desk.service.changeParticipants(JANE, ChangeParticipants.cc(t.id(), "jane")))
        .isInstanceOf(dev.ticketing.NotFoundException.class);
  }

  @Test
  void participantChangesAreAudited() {
    TicketView t = raisedForJohn();
    desk.service.changeParticipants(ADMIN, ChangeParticipants.follow(t.id(), "sarah", "mike"));
    desk.service.changeParticipants(ADMIN, ChangeParticipants.unfollow(t.id(), "mike"));

    List<AuditEntry> history = desk.service.history(ADMIN, t.id());
    assertThat(history)
        .filteredOn(e -> e.action() == AuditAction.PARTICIPANTS_CHANGED)
        .hasSize(2)
        .last()
        .satisfies(
            e -> {
              assertThat(e.changes().get(0).field()).isEqualTo("followers");
              assertThat(e.changes().get(0).oldValue()).isEqualTo("mike sarah");
              assertThat(e.changes().get(0).newValue()).isEqualTo("sarah");
            });
    assertThat(desk.service.ticket(ADMIN, t.id()).ticket().followers())
        .extracting(u -> u.id())
        .containsExactly("sarah");
  }

  // ------------------------------------------------------------------ tags

  @Test
  void tagsAreNormalisedAuditedAndHiddenFromCustomers() {
    TicketView t = raisedForJohn();
    TicketView tagged = desk.service.changeTags(ADMIN, ChangeTags.add(t.id(), " Billing ", "VIP"));

    assertThat(tagged.tags()).containsExactly("billing", "vip");
    assertThat(desk.service.ticket(JOHN, t.id()).ticket().tags()).isEmpty();
    AuditEntry last =
        desk.service.history(ADMIN, t.id()).get(desk.service.history(ADMIN, t.id()).size() - 1);
    assertThat(last.action()).isEqualTo(AuditAction.TAGS_CHANGED);
    assertThat(last.changes().get(0).newValue()).isEqualTo("billing vip");
    // Adding what is there changes nothing.
    long version = tagged.version();
    assertThat(desk.service.changeTags(ADMIN, ChangeTags.add(t.id(), "vip")).version())
        .isEqualTo(version);
  }

  @Test
  void badTagsAreRefusedNamingTheFieldAndNothingIsWritten() {
    TicketView t = raisedForJohn();
    long version = t.version();
    for (String bad : List.of("", "two words", "x".repeat(51), "-leading")) {
      assertThatThrownBy(() -> desk.service.changeTags(ADMIN, ChangeTags.add(t.id(), "ok", bad)))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.fields()).containsExactly("add[1]"));
    }
    assertThatThrownBy(
            () ->
                desk.service.changeTags(
                    ADMIN, new ChangeTags(t.id(), List.of("a"), List.of("A"), null)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.fields()).containsExactly("remove[0]"));
    String[] many = new String[21];
    for (int i = 0; i < many.length; i++) {
      many[i] = "tag" + i;
    }
    assertThatThrownBy(() -> desk.service.changeTags(ADMIN, ChangeTags.add(t.id(), many)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.fields()).containsExactly("add"));
    assertThat(desk.service.ticket(ADMIN, t.id()).ticket().version()).isEqualTo(version);
    // Customers do not tag.
    assertThatThrownBy(() -> desk.service.changeTags(JOHN, ChangeTags.add(t.id(), "mine")))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void anAllowListClosesTheVocabulary() {
    Desk closed =
        new Desk(
            MatrixPolicy.standard(),
            TicketingOptions.builder()
                .tagRules(TagRules.defaults().allowOnly(List.of("Billing", "vip")))
                .build());
    try (closed) {
      TicketView t =
          closed.service.createTicket(
              ADMIN,
              CreateTicket.of("T", "D", "acme").onBehalfOf("john").withTags(List.of("billing")));
      assertThat(t.tags()).containsExactly("billing");
      assertThatThrownBy(() -> closed.service.changeTags(ADMIN, ChangeTags.add(t.id(), "urgent")))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.fields()).containsExactly("add[0]"));
      assertThatThrownBy(
              () ->
                  closed.service.createTicket(
                      ADMIN, CreateTicket.of("T", "D", "acme").withTags(List.of("vip", "other"))))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.fields()).containsExactly("tags[1]"));
    }
  }

  @Test
  void listsFilterByAnyOrAllTagsAndCountByTag() {
    TicketView a = raisedForJohn();
    TicketView b = raisedForJohn();
    TicketView c = raisedForJohn();
    desk.service.changeTags(ADMIN, ChangeTags.add(a.id(), "billing", "vip"));
    desk.service.changeTags(ADMIN, ChangeTags.add(b.id(), "billing"));
    desk.service.changeTags(ADMIN, ChangeTags.add(c.id(), "outage"));

    assertThat(ids(TicketFilter.builder().tags(List.of("VIP", "outage")).build()))
        .containsExactly(c.id(), a.id());
    assertThat(
            ids(
                TicketFilter.builder()
                    .tags(List.of("billing", "vip"))
                    .tagMatch(TagMatch.ALL)
                    .build()))
        .containsExactly(a.id());
    assertThat(desk.service.tagStats(ADMIN, null, 10))
        .containsExactly(
            new TagCount("billing", 2, 2), new TagCount("outage", 1, 1), new TagCount("vip", 1, 1));
    assertThatThrownBy(
            () ->
                desk.service.ticketsPaginated(
                    JOHN,
                    PageRequest.first(5),
                    TicketFilter.builder().tags(List.of("vip")).build()))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> desk.service.tagStats(JOHN, null, 10))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(
            () -> desk.service.tickets(ADMIN, TicketFilter.builder().tags(List.of("a b")).build()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.fields()).containsExactly("tags[0]"));
    assertThat(MIKE.isStaff()).isTrue();
  }

  private List<String> ids(TicketFilter filter) {
    return desk.service.ticketsPaginated(ADMIN, PageRequest.first(20), filter).edges().stream()
        .map(e -> e.node().id())
        .toList();
  }
}
