package dev.ticketing.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AddComment;
import dev.ticketing.AuditEntry;
import dev.ticketing.ChangeParticipants;
import dev.ticketing.CreateTicket;
import dev.ticketing.CustomFieldService;
import dev.ticketing.FieldCondition;
import dev.ticketing.FieldDefinition;
import dev.ticketing.FieldSpec;
import dev.ticketing.FieldType;
import dev.ticketing.FieldVisibility;
import dev.ticketing.PageRequest;
import dev.ticketing.SetFieldValues;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingException;
import dev.ticketing.TicketingOptions;
import dev.ticketing.ValidationException;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.Reach;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.Notification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The secrecy of staff-only custom fields on PostgreSQL (definitions and values in the database):
 * whatever customers, agents and admins do, including turning a field shown to customers into a
 * staff-only one, a customer never receives a staff-only field or any of its values. Random action
 * chains, then everything a customer can receive is scanned for the staff-only fields' keys and
 * values: what each of the customer's own calls returned along the way (always-secret fields), and
 * at the end ticket details, every list and page, the definitions, the history (customers granted
 * it, in one half of the tries), the notifications delivered to them; a customer naming a staff-only
 * field in a filter or a write is told it is unknown.
 */
class StaffOnlyFieldSecrecyProperties {

  static final List<Actor> PEOPLE =
      List.of(Desk.JOHN, Desk.ALICE, Desk.JANE, Desk.SARAH, Desk.ADMIN);
  static final List<Actor> CUSTOMERS = List.of(Desk.JOHN, Desk.ALICE, Desk.JANE);

  sealed interface Action permits Create, SetSecret, SetPlan, Reply, Copy, Hide {}

  /** Someone raises a ticket, staff with a secret value (numbered {@code n}). */
  record Create(int actor, boolean acme, int n) implements Action {}

  /** Someone sets the always-secret fields of a ticket. */
  record SetSecret(int actor, int ticket, int n) implements Action {}

  /** Someone sets the plan (shown to customers until hidden). */
  record SetPlan(int actor, int ticket, int choice) implements Action {}

  record Reply(int actor, int ticket) implements Action {}

  /** An admin copies Alice on a ticket. */
  record Copy(int ticket) implements Action {}

  /** An admin makes the plan staff-only. */
  record Hide() implements Action {}

  private static final List<String> PLANS = List.of("plan_free", "plan_pro", "plan_gold");

  @Provide
  Arbitrary<List<Action>> chains() {
    Arbitrary<Integer> actor = Arbitraries.integers().between(0, PEOPLE.size() - 1);
    Arbitrary<Integer> ticket = Arbitraries.integers().between(0, 7);
    Arbitrary<Integer> n = Arbitraries.integers().between(0, 9999);
    Arbitrary<Action> action =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                3, Combinators.combine(actor, Arbitraries.of(true, false), n).as(Create::new)),
            net.jqwik.api.Tuple.of(3, Combinators.combine(actor, ticket, n).as(SetSecret::new)),
            net.jqwik.api.Tuple.of(
                3,
                Combinators.combine(actor, ticket, Arbitraries.integers().between(0, 2))
                    .as(SetPlan::new)),
            net.jqwik.api.Tuple.of(1, Combinators.combine(actor, ticket).as(Reply::new)),
            net.jqwik.api.Tuple.of(1, ticket.map(Copy::new)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(new Hide())));
    return action.list().ofMinSize(3).ofMaxSize(14);
  }

  @Property(tries = 25, edgeCases = EdgeCasesMode.NONE)
  void customers_never_receive_a_staff_only_field_on_postgresql(
      @ForAll("chains") List<Action> actions, @ForAll boolean historyForCustomers) {
    MatrixPolicy.Builder b = MatrixPolicy.standard().toBuilder();
    if (historyForCustomers) {
      b.grant(Role.CUSTOMER, Operation.VIEW_HISTORY, Reach.OWN_OR_CC);
    }
    try (Desk desk = new Desk(Db.POSTGRESQL, b.build(), TicketingOptions.defaults(), null)) {
      CustomFieldService fields = desk.ticketing.fields();
      fields.define(
          Desk.ADMIN,
          FieldSpec.of("plan", "Plan", FieldType.CHOICE)
              .withChoices(PLANS.toArray(String[]::new))
              .withVisibility(FieldVisibility.CUSTOMERS));
      fields.define(Desk.ADMIN, FieldSpec.of("secret", "Secret", FieldType.TEXT));
      fields.define(Desk.ADMIN, FieldSpec.of("risk", "Risk", FieldType.NUMBER));
      List<String> tickets = new ArrayList<>();
      tickets.add(
          desk.service.createTicket(Desk.JOHN, CreateTicket.of("Upload", "Fails", "acme")).id());
      tickets.add(
          desk.service.createTicket(Desk.JANE, CreateTicket.of("Invoice", "Twice", "globex")).id());
      Set<String> secrets = new TreeSet<>();
      List<Object> seenByCustomers = new ArrayList<>();
      for (Action a : actions) {
        desk.clock.advance(Duration.ofSeconds(5));
        try {
          Object out = apply(desk, fields, tickets, secrets, a);
          Actor who = actorOf(a);
          if (who != null && !who.isStaff() && out != null) {
            seenByCustomers.add(out);
          }
        } catch (TicketingException refused) {
          // Refusals are part of the game.
        }
      }
      List<Notification> delivered = desk.deliver();
      boolean planHidden =
          fields
                  .versions(Desk.ADMIN, "plan")
                  .get(fields.versions(Desk.ADMIN, "plan").size() - 1)
                  .visibility()
              == FieldVisibility.STAFF;
      for (Object out : seenByCustomers) {
        assertNoSecret(String.valueOf(out), secrets, "a customer's own call");
      }
      for (Actor customer : CUSTOMERS) {
        checkWhatTheCustomerCanRead(
            desk, fields, tickets, secrets, planHidden, customer, delivered);
      }
      // Staff do see them: the scan is not vacuous.
      if (!secrets.isEmpty()) {
        String staffView =
            String.valueOf(
                desk.service.ticketsPaginated(
                    Desk.ADMIN, PageRequest.first(100), TicketFilter.none()));
        assertThat(secrets.stream().anyMatch(staffView::contains)).isTrue();
      }
    }
  }

  private static Actor actorOf(Action a) {
    if (a instanceof Create c) {
      return PEOPLE.get(c.actor());
    }
    if (a instanceof SetSecret s) {
      return PEOPLE.get(s.actor());
    }
    if (a instanceof SetPlan s) {
      return PEOPLE.get(s.actor());
    }
    if (a instanceof Reply r) {
      return PEOPLE.get(r.actor());
    }
    return null;
  }

  private static Object apply(
      Desk desk, CustomFieldService fields, List<String> tickets, Set<String> secrets, Action a) {
    if (a instanceof Create c) {
      Actor actor = PEOPLE.get(c.actor());
      String company = actor.isStaff() ? (c.acme() ? "acme" : "globex") : actor.companyId();
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("plan", PLANS.get(c.n() % 3));
      if (actor.isStaff()) {
        values.put("secret", secret(secrets, c.n()));
        values.put("risk", risk(secrets, c.n()));
      }
      TicketView t =
          desk.service.createTicket(
              actor, CreateTicket.of("Ticket", "About it", company).withFields(values));
      tickets.add(t.id());
      if (actor.isStaff()) {
        written(secrets, c.n());
      }
      return t;
    }
    if (a instanceof SetSecret s) {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("secret", secret(secrets, s.n()));
      values.put("risk", risk(secrets, s.n()));
      TicketView t =
          fields.setValues(
              PEOPLE.get(s.actor()),
              new SetFieldValues(pick(tickets, s.ticket()), values, null, null));
      written(secrets, s.n());
      return t;
    }
    if (a instanceof SetPlan s) {
      return fields.setValues(
          PEOPLE.get(s.actor()),
          SetFieldValues.set(pick(tickets, s.ticket()), "plan", PLANS.get(s.choice())));
    }
    if (a instanceof Reply r) {
      return desk.service.addComment(
          PEOPLE.get(r.actor()), new AddComment(pick(tickets, r.ticket()), "Any news?", false));
    }
    if (a instanceof Copy c) {
      return desk.service.changeParticipants(
          Desk.ADMIN, ChangeParticipants.cc(pick(tickets, c.ticket()), "alice"));
    }
    List<FieldDefinition> versions = fields.versions(Desk.ADMIN, "plan");
    FieldDefinition plan = versions.get(versions.size() - 1);
    return fields.change(
        Desk.ADMIN, FieldSpec.of(plan).withVisibility(FieldVisibility.STAFF), plan.version());
  }

  private static String pick(List<String> tickets, int i) {
    return tickets.get(i % tickets.size());
  }

  private static String secret(Set<String> secrets, int n) {
    return "SECRET-" + n + "-X";
  }

  private static long risk(Set<String> secrets, int n) {
    return 7_700_000_000L + n;
  }

  /** The values numbered {@code n} were written: from now on they are secrets to scan for. */
  private static void written(Set<String> secrets, int n) {
    secrets.add(secret(secrets, n));
    secrets.add(Long.toString(risk(secrets, n)));
  }

  private static void checkWhatTheCustomerCanRead(
      Desk desk,
      CustomFieldService fields,
      List<String> tickets,
      Set<String> secrets,
      boolean planHidden,
      Actor customer,
      List<Notification> delivered) {
    Set<String> forbidden = new TreeSet<>(secrets);
    if (planHidden) {
      forbidden.addAll(PLANS);
    }
    List<Object> read = new ArrayList<>();
    for (String id : tickets) {
      try {
        read.add(desk.service.ticket(customer, id));
      } catch (TicketingException notTheirs) {
        // not found or refused: nothing read
      }
      try {
        List<AuditEntry> history = desk.service.history(customer, id);
        read.add(history);
        history.forEach(
            e ->
                e.changes()
                    .forEach(
                        ch ->
                            assertThat(ch.field())
                                .isNotIn("fields.secret", "fields.risk")
                                .satisfies(
                                    f ->
                                        assertThat(planHidden && f.equals("fields.plan"))
                                            .isFalse())));
      } catch (TicketingException refused) {
        // refused history: nothing read
      }
    }
    read.add(desk.service.myTickets(customer));
    read.add(desk.service.ticketsPaginated(customer, PageRequest.first(100), TicketFilter.none()));
    if (!planHidden) {
      read.add(
          desk.service.ticketsPaginated(
              customer,
              PageRequest.first(100),
              TicketFilter.builder()
                  .fields(List.of(FieldCondition.equalTo("plan", "plan_gold")))
                  .build()));
    }
    List<FieldDefinition> defs = fields.definitions(customer, null);
    assertThat(defs).extracting(FieldDefinition::key).doesNotContain("secret", "risk");
    if (planHidden) {
      assertThat(defs).extracting(FieldDefinition::key).doesNotContain("plan");
    }
    for (Object r : read) {
      String text = String.valueOf(r);
      assertNoSecret(text, forbidden, customer.id() + " reading");
      assertThat(text).doesNotContain("secret=").doesNotContain("risk=");
    }
    for (Notification n : delivered) {
      if (n.recipientId().equals(customer.id())) {
        assertNoSecret(String.valueOf(n), forbidden, "a notification to " + customer.id());
      }
    }
    for (String key : List.of("secret", "risk")) {
      assertThatThrownBy(
              () ->
                  desk.service.ticketsPaginated(
                      customer,
                      PageRequest.first(5),
                      TicketFilter.builder()
                          .fields(List.of(FieldCondition.equalTo(key, "1")))
                          .build()))
          .isInstanceOfSatisfying(
              ValidationException.class,
              e -> assertThat(e.violations().get(0).message()).isEqualTo("is not a known field"));
    }
  }

  private static void assertNoSecret(String text, Set<String> forbidden, String where) {
    for (String s : forbidden) {
      assertThat(text).as("%s leaks %s", where, s).doesNotContain(s);
    }
  }
}
