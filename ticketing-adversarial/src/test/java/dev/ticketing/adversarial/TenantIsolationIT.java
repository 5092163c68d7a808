package dev.ticketing.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.ConfirmAttachment;
import dev.ticketing.ErrorCode;
import dev.ticketing.ExternalNote;
import dev.ticketing.PageRequest;
import dev.ticketing.ResolveOutcome;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketPage;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingException;
import dev.ticketing.TicketingOptions;
import dev.ticketing.adversarial.Fixture.Target;
import dev.ticketing.adversarial.ServiceMethods.Probe;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.Reach;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tenant isolation on PostgreSQL and MariaDB: the customers of one company call every method of the
 * service with the ids of the other company's tickets, comments, internal notes, upload keys and
 * host note ids, alone and mixed with ids of their own. Every call ends in {@code NOT_FOUND} (or
 * the documented code: {@code ATTACHMENT_REJECTED} for a key issued for another ticket, {@code
 * VALIDATION} on an external note id that is taken, {@code ACCESS_DENIED} for what no customer may
 * do anywhere), not a single value changes in the database, no URL is issued, and nothing of the
 * other company comes back. With customers seeing their whole company's tickets, too.
 */
class TenantIsolationIT {

  static Stream<Arguments> databasesAndReach() {
    return Stream.of(Db.values())
        .flatMap(db -> Stream.of(Reach.OWN, Reach.COMPANY).map(r -> Arguments.of(db, r)));
  }

  @ParameterizedTest(name = "{0}, customers see {1}")
  @MethodSource("databasesAndReach")
  void customersReachNothingOfAnotherCompany(Db db, Reach reach) {
    MatrixPolicy policy = MatrixPolicy.standard().toBuilder().customerVisibility(reach).build();
    try (Desk desk = new Desk(db, policy, TicketingOptions.defaults(), null)) {
      Fixture f = Fixture.populate(desk);
      // Notes a host recorded from elsewhere, one public on Globex's side, one internal on Acme's.
      desk.service.recordExternalNote(
          Desk.ADMIN,
          new ExternalNote(
              "hasura-globex-1",
              f.target("jane's").ticketId(),
              "Globex's note from the office",
              null,
              false));
      desk.service.recordExternalNote(
          Desk.ADMIN,
          new ExternalNote(
              "hasura-acme-internal",
              f.target("john's").ticketId(),
              "INTERNAL-HOSTNOTE staff only",
              null,
              true));
      f.internalSecrets.add("INTERNAL-HOSTNOTE");
      desk.deliver();

      attack(
          desk,
          f,
          Desk.JOHN,
          f.target("john's"),
          List.of(f.target("jane's"), f.target("admin's for globex")),
          "globex",
          "hasura-globex-1");
      attack(
          desk,
          f,
          Desk.JANE,
          f.target("jane's"),
          List.of(f.target("john's"), f.target("alice's")),
          "acme",
          "hasura-acme-internal");
      // A customer's own ticket does not make another company's note its own either.
      attack(
          desk,
          f,
          Desk.GUS,
          null,
          List.of(f.target("john's"), f.target("alice's")),
          "acme",
          "hasura-acme-internal");
    }
  }

  private static void attack(
      Desk desk,
      Fixture f,
      Actor customer,
      Target own,
      List<Target> foreign,
      String foreignCompany,
      String foreignExternalId) {
    var s = desk.service;
    Map<String, List<List<Object>>> before = desk.db.fingerprint();
    List<Object> outputs = new ArrayList<>();
    List<String> foreignText = new ArrayList<>(f.internalSecrets);

    for (Target t : foreign) {
      // (The ticket id is what the caller names, so answers may echo it; nothing else of the
      // ticket.)
      foreignText.addAll(
          List.of(
              t.attachmentId(),
              t.noteAttachmentId(),
              "Ticket " + t.name(),
              "Description of " + t.name(),
              "Public reply on " + t.name(),
              "Globex's note"));
      // Every method, with the foreign ticket's ids.
      for (Probe p : ServiceMethods.probes()) {
        String what = customer.id() + " -> " + DenyByDefaultIT.name(p) + " on " + t.name();
        Object result = null;
        TicketingException refused = null;
        try {
          result = p.invocation().call(s, customer, t);
        } catch (TicketingException e) {
          refused = e;
        }
        outputs.add(result);
        switch (p.method()) {
          case "createTicket(Actor,CreateTicket)",
              "tickets(Actor,TicketFilter)",
              "ticketStats(Actor,String)",
              "tagStats(Actor,String,int)", // tags are staff-only: refused whatever the company
              // agents' profiles are staff business, whatever the ticket
              "assignment.saveAgent(Actor,AgentSettings)",
              "assignment.removeAgent(Actor,String)",
              "assignment.setAvailability(Actor,String,Availability)",
              "assignment.agent(Actor,String)",
              "assignment.agents(Actor)",
              "assignment.reconcile(Actor)" ->
              assertCode(what, refused, ErrorCode.ACCESS_DENIED);
          case "resolveTickets(Actor,List)", "resolveTickets(Actor,List,String)" ->
              assertThat(List.copyOf(((Map<?, ?>) result).values()))
                  .as(what)
                  .isEqualTo(List.of(ResolveOutcome.NOT_FOUND));
          case "myTickets(Actor)", "myAssignedTickets(Actor)", "ticketsByCompany(Actor,String)" ->
              assertThat(ids(result)).as(what).doesNotContainAnyElementsOf(foreignIds(foreign));
          case "ticketDetails(Actor,Collection)" -> {
            assertThat(refused).as(what).isNull();
            assertThat((Map<?, ?>) result)
                .as(what + ": a batch read leaves out what the caller may not see")
                .isEmpty();
          }
          case "ticketsPaginated(Actor,PageRequest,TicketFilter)" -> {
            if (refused == null) {
              assertThat(ids(result)).as(what).isEmpty(); // narrowed to the other company: nothing
              assertThat(((TicketPage) result).totalCount()).as(what).isZero();
            } else {
              assertCode(what, refused, ErrorCode.ACCESS_DENIED); // include deleted
            }
          }
          default -> assertCode(what, refused, ErrorCode.NOT_FOUND);
        }
        assertThat(desk.blobs.takeIssued()).as("URLs issued for %s", what).isEmpty();
      }
      // Links and merges: every call naming the foreign ticket is "not found".
      for (LinkMethods.Probe p : LinkMethods.probes()) {
        String what = customer.id() + " -> " + p.method() + " " + p.name() + " on " + t.name();
        TicketingException refused = null;
        try {
          outputs.add(p.invocation().call(desk.ticketing.links(), customer, t));
        } catch (TicketingException e) {
          refused = e;
        }
        assertCode(what, refused, ErrorCode.NOT_FOUND);
      }

      // The foreign ids, mixed with the customer's own ticket.
      if (own != null) {
        assertCode(
            "confirm a key issued for " + t.name(),
            catchCoded(
                () ->
                    s.confirmAttachment(
                        customer, new ConfirmAttachment(own.ticketId(), t.pendingKey(), null))),
            ErrorCode.ATTACHMENT_REJECTED);
        assertCode(
            "link to a comment of " + t.name(),
            catchCoded(
                () ->
                    s.confirmAttachment(
                        customer,
                        new ConfirmAttachment(
                            own.ticketId(), own.pendingKey(), t.publicCommentId()))),
            ErrorCode.NOT_FOUND);
        assertCode(
            "link to an internal note of " + t.name(),
            catchCoded(
                () ->
                    s.confirmAttachment(
                        customer,
                        new ConfirmAttachment(
                            own.ticketId(), own.pendingKey(), t.internalNoteId()))),
            ErrorCode.NOT_FOUND);
        assertCode(
            "link a foreign key to a foreign comment",
            catchCoded(
                () ->
                    s.confirmAttachment(
                        customer,
                        new ConfirmAttachment(
                            own.ticketId(), t.pendingKey(), t.publicCommentId()))),
            ErrorCode.ATTACHMENT_REJECTED,
            ErrorCode.NOT_FOUND);
        assertCode(
            "confirm a foreign key on its own ticket id",
            catchCoded(
                () ->
                    s.confirmAttachment(
                        customer, new ConfirmAttachment(t.ticketId(), t.pendingKey(), null))),
            ErrorCode.NOT_FOUND);
        assertThat(desk.blobs.takeIssued()).isEmpty();
        assertThat(desk.blobs.takeTouched())
            .as("object storage is not asked about a key not issued to this ticket")
            .isEmpty();
      }
      // Narrowing a listing to the other company's people and words finds nothing.
      for (TicketFilter filter :
          List.of(
              TicketFilter.builder().companyId(t.companyId()).build(),
              TicketFilter.builder().createdBy(ownerOf(t)).build(),
              TicketFilter.builder().assignedToId("mike").build(),
              TicketFilter.builder().searchTerm("Ticket " + t.name()).build(),
              TicketFilter.builder().searchTerm("Public reply on " + t.name()).build(),
              TicketFilter.builder().searchTerm("INTERNAL").build())) {
        TicketPage page =
            s.ticketsPaginated(customer, PageRequest.first(100).withTotalCount(), filter);
        outputs.add(page);
        assertThat(ids(page))
            .as("%s listing with %s", customer.id(), filter)
            .doesNotContainAnyElementsOf(foreignIds(foreign));
      }
      assertThat(ids(s.ticketsByCompany(customer, foreignCompany))).isEmpty();
    }

    // A note id the host recorded on another company's ticket, or as an internal note.
    if (own != null) {
      TicketingException taken =
          catchCoded(
              () ->
                  s.recordExternalNote(
                      customer,
                      new ExternalNote(
                          foreignExternalId, own.ticketId(), "Mine now", null, false)));
      assertCode("re-recording note " + foreignExternalId, taken, ErrorCode.VALIDATION);
      assertThat(((dev.ticketing.ValidationException) taken).fields())
          .containsExactly("externalId");
    }

    // Whatever came back holds nothing of the other company and no internal note.
    for (Object output : outputs) {
      String text = String.valueOf(output);
      for (String secret : foreignText) {
        assertThat(text).as("what %s received", customer.id()).doesNotContain(secret);
      }
    }
    assertThat(desk.db.fingerprint())
        .as("the database after %s's attempts", customer.id())
        .isEqualTo(before);
    assertThat(desk.deliver()).as("nobody was notified of anything").isEmpty();
  }

  private static String ownerOf(Target t) {
    return switch (t.name()) {
      case "john's", "deleted" -> "john";
      case "alice's" -> "alice";
      case "jane's" -> "jane";
      default -> "admin";
    };
  }

  private static Set<String> foreignIds(List<Target> foreign) {
    return Set.copyOf(foreign.stream().map(Target::ticketId).toList());
  }

  @SuppressWarnings("unchecked")
  private static List<String> ids(Object result) {
    List<TicketView> views =
        result instanceof TicketPage page ? page.nodes() : (List<TicketView>) result;
    return views.stream().map(TicketView::id).toList();
  }

  private static TicketingException catchCoded(Callable<?> call) {
    try {
      call.call();
    } catch (TicketingException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("not a coded refusal", e);
    }
    return null;
  }

  private static void assertCode(String what, TicketingException refused, ErrorCode... codes) {
    assertThat(refused).as("%s must be refused", what).isNotNull();
    assertThat(refused.code()).as("%s: %s", what, refused.getMessage()).isIn((Object[]) codes);
  }
}
