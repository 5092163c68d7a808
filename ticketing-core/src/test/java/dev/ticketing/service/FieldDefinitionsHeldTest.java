package dev.ticketing.service;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.JOHN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.CreateTicket;
import dev.ticketing.FieldDefinition;
import dev.ticketing.FieldSpec;
import dev.ticketing.FieldType;
import dev.ticketing.FieldVisibility;
import dev.ticketing.Ticketing;
import dev.ticketing.ValidationException;
import dev.ticketing.memory.InMemoryFieldDefinitionStore;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.support.Desk;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines on one store of definitions, as two instances of a host on one database: each keeps
 * the definitions it read for its {@code fieldDefinitionsHeldFor}, and uses its own changes at once.
 */
class FieldDefinitionsHeldTest {

  private final InMemoryTicketStore tickets = new InMemoryTicketStore();
  private final InMemoryFieldDefinitionStore definitions = new InMemoryFieldDefinitionStore();
  private final Ticketing holding = engine(Duration.ofMinutes(1));
  private final Ticketing reading = engine(Duration.ZERO);

  private Ticketing engine(Duration heldFor) {
    return Ticketing.builder()
        .store(tickets)
        .directory(Desk.DIRECTORY)
        .fieldDefinitions(definitions)
        .fieldDefinitionsHeldFor(heldFor)
        .backgroundDispatch(false)
        .backgroundSweep(false)
        .build();
  }

  @AfterEach
  void close() {
    holding.close();
    reading.close();
  }

  private void create(Ticketing engine) {
    engine.service().createTicket(ADMIN, CreateTicket.of("VPN down", "Since this morning", "acme"));
  }

  @Test
  void aRequiredFieldDefinedElsewhereIsUsedOnceTheHeldDefinitionsAreOld() {
    create(holding); // reads (and keeps) the definitions: none yet
    reading
        .fields()
        .define(ADMIN, FieldSpec.of("order", "Order", FieldType.TEXT).withRequired(true));

    assertThatThrownBy(() -> create(reading))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.violations()).extracting(v -> v.field()).contains("fields.order"));
    create(holding); // within its minute: the definitions it holds have no required field

    holding.fields().define(ADMIN, FieldSpec.of("seats", "Seats", FieldType.NUMBER));
    assertThatThrownBy(() -> create(holding))
        .as("a change through the engine lets it read the definitions again")
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aFieldMadeStaffOnlyElsewhereIsHiddenFromCustomersAtOnce() {
    reading
        .fields()
        .define(
            ADMIN,
            FieldSpec.of("plan", "Plan", FieldType.TEXT).withVisibility(FieldVisibility.CUSTOMERS));
    holding
        .service()
        .createTicket(
            JOHN,
            CreateTicket.of("VPN down", "Since this morning", "acme")
                .withFields(Map.of("plan", "gold")));
    assertThat(holding.service().myTickets(JOHN))
        .singleElement()
        .satisfies(v -> assertThat(v.fields()).containsOnlyKeys("plan"));

    FieldDefinition plan = reading.fields().versions(ADMIN, "plan").get(0);
    reading.fields().change(ADMIN, FieldSpec.of(plan).withVisibility(FieldVisibility.STAFF), 1);

    assertThat(holding.service().myTickets(JOHN))
        .as("the engine holding the definitions still hides the value from the customer")
        .singleElement()
        .satisfies(v -> assertThat(v.fields()).isEmpty());
  }

  @Test
  void theTimeIsBounded() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Ticketing.builder().fieldDefinitionsHeldFor(Duration.ofSeconds(-1)));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Ticketing.builder().fieldDefinitionsHeldFor(Duration.ofMinutes(2)));
  }
}
