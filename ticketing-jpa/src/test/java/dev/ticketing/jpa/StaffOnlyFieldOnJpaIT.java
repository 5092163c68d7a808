package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.CreateTicket;
import dev.ticketing.FieldCondition;
import dev.ticketing.FieldDefinition;
import dev.ticketing.FieldSpec;
import dev.ticketing.FieldType;
import dev.ticketing.FieldVisibility;
import dev.ticketing.PageRequest;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.ValidationException;
import dev.ticketing.policy.Actor;
import dev.ticketing.testsupport.SamplePeople;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A field made staff-only is never shown to a customer afterwards, on every database: not on the
 * node that changed it, and not on a second node over the same database that read the definitions
 * before the change. Customers' pages read the definitions beside their rows, in one unit of work.
 */
class StaffOnlyFieldOnJpaIT {

  private static final Actor ADMIN = SamplePeople.ADMIN;
  private static final Actor JOHN = SamplePeople.JOHN;

  private static Ticketing node(JpaTicketStore store) {
    return Ticketing.builder()
        .store(store)
        .fieldDefinitions(new JpaFieldDefinitionStore(store.transactions()))
        .directory(SamplePeople.directory())
        .backgroundDispatch(false)
        .backgroundSweep(false)
        .build();
  }

  private static List<TicketView> page(Ticketing node, TicketFilter filter) {
    return node.service().ticketsPaginated(JOHN, PageRequest.first(20), filter).nodes();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aFieldMadeStaffOnlyVanishesFromCustomersPagesOnEveryNode(TestDatabase db) {
    db.truncate();
    try (Ticketing a = node(db.newStore());
        Ticketing b = node(db.newStore())) {
      FieldDefinition plan =
          a.fields()
              .define(
                  ADMIN,
                  FieldSpec.of("plan", "Plan", FieldType.TEXT)
                      .withVisibility(FieldVisibility.CUSTOMERS));
      String id =
          a.service()
              .createTicket(
                  JOHN,
                  CreateTicket.of("Printer", "On fire", "acme").withFields(Map.of("plan", "gold")))
              .id();
      TicketFilter byPlan =
          TicketFilter.builder().fields(List.of(FieldCondition.equalTo("plan", "gold"))).build();
      for (Ticketing node : List.of(a, b)) {
        assertThat(page(node, TicketFilter.none()))
            .singleElement()
            .satisfies(t -> assertThat(t.fields()).containsOnlyKeys("plan"));
        assertThat(page(node, byPlan)).extracting(TicketView::id).containsExactly(id);
      }

      a.fields()
          .change(ADMIN, FieldSpec.of(plan).withVisibility(FieldVisibility.STAFF), plan.version());

      for (Ticketing node : List.of(a, b)) {
        assertThat(page(node, TicketFilter.none()))
            .singleElement()
            .satisfies(t -> assertThat(t.fields()).isEmpty());
        assertThat(node.service().myTickets(JOHN))
            .singleElement()
            .satisfies(t -> assertThat(t.fields()).isEmpty());
        assertThat(node.service().ticket(JOHN, id).ticket().fields()).isEmpty();
        assertThatThrownBy(() -> page(node, byPlan))
            .isInstanceOf(ValidationException.class)
            .hasMessageContaining("fields.plan");
        // Staff still see the value.
        assertThat(node.service().ticket(ADMIN, id).ticket().fields()).containsOnlyKeys("plan");
      }
    }
  }
}
