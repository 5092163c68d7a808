package dev.ticketing.service;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Desk.SARAH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AccessDeniedException;
import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.ConflictException;
import dev.ticketing.CreateTicket;
import dev.ticketing.CustomFieldService;
import dev.ticketing.FieldCondition;
import dev.ticketing.FieldDefinition;
import dev.ticketing.FieldSpec;
import dev.ticketing.FieldType;
import dev.ticketing.FieldValue;
import dev.ticketing.FieldVisibility;
import dev.ticketing.PageRequest;
import dev.ticketing.SetFieldValues;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketView;
import dev.ticketing.UpdateTicket;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.support.Desk;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Typed custom fields through the service: definitions, values, validation, visibility, filters. */
class CustomFieldsTest {

  private final Desk desk = new Desk();
  private final CustomFieldService fields = desk.ticketing.fields();

  @BeforeEach
  void define() {
    fields.define(
        ADMIN,
        FieldSpec.of("plan", "Plan", FieldType.CHOICE)
            .withChoices("free", "pro", "gold")
            .withVisibility(FieldVisibility.CUSTOMERS));
    fields.define(ADMIN, FieldSpec.of("seats", "Seats", FieldType.NUMBER));
    fields.define(ADMIN, FieldSpec.of("refund", "Refund", FieldType.DECIMAL));
    fields.define(ADMIN, FieldSpec.of("renewal", "Renewal", FieldType.DATE));
    fields.define(ADMIN, FieldSpec.of("vip", "VIP", FieldType.BOOLEAN));
    fields.define(
        ADMIN,
        FieldSpec.of("areas", "Areas", FieldType.MULTI_CHOICE).withChoices("billing", "login"));
    fields.define(
        ADMIN,
        FieldSpec.of("order", "Order", FieldType.PATTERN)
            .withPattern("ORD-\\d{6}")
            .withVisibility(FieldVisibility.CUSTOMERS));
    fields.define(ADMIN, FieldSpec.of("notes", "Staff notes", FieldType.TEXT));
  }

  @AfterEach
  void close() {
    desk.close();
  }

  private static Map<String, Object> values(Object... pairs) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], pairs[i + 1]);
    }
    return out;
  }

  private TicketView raise(Map<String, Object> values) {
    return desk.service.createTicket(
        ADMIN, CreateTicket.of("VPN down", "Since this morning", "acme").withFields(values));
  }

  @Test
  void valuesOfEveryTypeAreStoredCanonicallyAndAudited() {
    TicketView t =
        raise(
            values(
                "plan", "pro",
                "seats", 12,
                "refund", "19.90",
                "renewal", "2026-01-31",
                "vip", true,
                "areas", List.of("login", "billing"),
                "order", "ORD-123456",
                "notes", "  call back  "));

    assertThat(t.fields())
        .containsEntry("plan", FieldValue.choice("pro"))
        .containsEntry("seats", FieldValue.number(12))
        .containsEntry("refund", FieldValue.decimal(new BigDecimal("19.9")))
        .containsEntry("renewal", FieldValue.date(LocalDate.of(2026, 1, 31)))
        .containsEntry("vip", FieldValue.bool(true))
        .containsEntry("areas", FieldValue.choices(List.of("billing", "login")))
        .containsEntry("order", FieldValue.pattern("ORD-123456"))
        .containsEntry("notes", FieldValue.text("call back"));
    AuditEntry created = desk.service.history(ADMIN, t.id()).get(0);
    assertThat(created.changes())
        .anySatisfy(
            c -> {
              assertThat(c.field()).isEqualTo("fields.refund");
              assertThat(c.newValue()).isEqualTo("19.9");
            });

    TicketView changed =
        fields.setValues(
            ADMIN, new SetFieldValues(t.id(), values("seats", 13L), List.of("notes"), null));
    assertThat(changed.fields())
        .containsEntry("seats", FieldValue.number(13))
        .doesNotContainKey("notes");
    AuditEntry last = desk.service.history(ADMIN, t.id()).get(1);
    assertThat(last.action()).isEqualTo(AuditAction.FIELDS_CHANGED);
    assertThat(last.changes())
        .extracting(c -> c.field() + ":" + c.oldValue() + "->" + c.newValue())
        .containsExactly("fields.notes:call back->null", "fields.seats:12->13");
  }

  @Test
  void everyBadValueIsAViolationNamingItsFieldAndNothingIsWritten() {
    assertThatThrownBy(
            () ->
                raise(
                    values(
                        "nope", 1,
                        "seats", "twelve",
                        "plan", "platinum",
                        "order", "ORD-12",
                        "vip", "yes",
                        "renewal", "31/01/2026",
                        "refund", new BigDecimal("1234567890123456789.5"))))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactlyInAnyOrder(
                        "fields.nope",
                        "fields.seats",
                        "fields.plan",
                        "fields.order",
                        "fields.vip",
                        "fields.renewal",
                        "fields.refund"));
    assertThat(
            desk.service
                .ticketsPaginated(ADMIN, PageRequest.first(20), TicketFilter.none())
                .edges())
        .isEmpty();
  }

  @Test
  void requiredFieldsMustBeGivenAndCannotBeCleared() {
    FieldDefinition plan = fields.versions(ADMIN, "plan").get(0);
    fields.change(ADMIN, FieldSpec.of(plan).withRequired(true), 1);

    assertThatThrownBy(() -> raise(values("seats", 1)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(new Violation("fields.plan", "is required")));
    TicketView t = raise(values("plan", "free"));
    assertThatThrownBy(() -> fields.setValues(ADMIN, SetFieldValues.clear(t.id(), "plan")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("fields.plan");
  }

  @Test
  void aRemovedChoiceStaysOnItsTicketsButIsNeverSetAnew() {
    TicketView holding = raise(values("plan", "gold", "areas", List.of("billing")));
    FieldDefinition v1 = fields.versions(ADMIN, "plan").get(0);
    FieldDefinition v2 = fields.change(ADMIN, FieldSpec.of(v1).withChoices("free", "pro"), 1);

    assertThat(v2.version()).isEqualTo(2);
    assertThat(fields.versions(ADMIN, "plan"))
        .extracting(FieldDefinition::choices)
        .containsExactly(List.of("free", "pro", "gold"), List.of("free", "pro"));
    // Unrelated updates keep it.
    desk.service.updateTicket(
        ADMIN, new UpdateTicket(holding.id(), "VPN down again", null, null, null));
    TicketView after = fields.setValues(ADMIN, SetFieldValues.set(holding.id(), "seats", 3));
    assertThat(after.fields()).containsEntry("plan", FieldValue.choice("gold"));
    // Still found by it.
    assertThat(
            desk.service
                .ticketsPaginated(
                    ADMIN,
                    PageRequest.first(20),
                    TicketFilter.builder()
                        .fields(List.of(FieldCondition.equalTo("plan", "gold")))
                        .build())
                .edges())
        .hasSize(1);
    // Setting it again where it is changes nothing; setting it anew is refused.
    fields.setValues(ADMIN, SetFieldValues.set(holding.id(), "plan", "gold"));
    TicketView other = raise(values("plan", "pro"));
    assertThatThrownBy(
            () -> fields.setValues(ADMIN, SetFieldValues.set(other.id(), "plan", "gold")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactly("fields.plan"));
    assertThatThrownBy(() -> fields.change(ADMIN, FieldSpec.of(v1), 1))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void customersNeverSeeNorNameStaffOnlyFields() {
    TicketView t =
        desk.service.createTicket(
            JOHN,
            CreateTicket.of("Invoice", "Wrong amount", "acme").withFields(values("plan", "pro")));
    fields.setValues(ADMIN, SetFieldValues.set(t.id(), "notes", "angry customer"));

    assertThat(desk.service.ticket(JOHN, t.id()).ticket().fields()).containsOnlyKeys("plan");
    assertThat(desk.service.ticket(ADMIN, t.id()).ticket().fields())
        .containsOnlyKeys("plan", "notes");
    assertThat(desk.service.myTickets(JOHN))
        .allSatisfy(v -> assertThat(v.fields()).doesNotContainKey("notes"));
    assertThat(fields.definitions(JOHN, null))
        .extracting(FieldDefinition::key)
        .containsExactly("order", "plan");
    assertThatThrownBy(() -> fields.setValues(JOHN, SetFieldValues.set(t.id(), "notes", "x")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(new Violation("fields.notes", "is not a known field")));
    assertThatThrownBy(
            () ->
                desk.service.ticketsPaginated(
                    JOHN,
                    PageRequest.first(20),
                    TicketFilter.builder()
                        .fields(List.of(FieldCondition.equalTo("notes", "angry customer")))
                        .build()))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> fields.define(JOHN, FieldSpec.of("x", "X", FieldType.TEXT)))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> fields.define(SARAH, FieldSpec.of("x", "X", FieldType.TEXT)))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void listsFilterByEqualityAndRangeWithKeysetPages() {
    for (int i = 0; i < 7; i++) {
      raise(values("seats", i, "vip", i % 2 == 0, "renewal", LocalDate.of(2026, 1, 1 + i)));
    }
    TicketFilter range =
        TicketFilter.builder()
            .fields(
                List.of(
                    FieldCondition.between("seats", 2, 6),
                    FieldCondition.equalTo("vip", true),
                    FieldCondition.between("renewal", null, "2026-01-06")))
            .build();
    var first = desk.service.ticketsPaginated(ADMIN, PageRequest.first(1), range);
    var second =
        desk.service.ticketsPaginated(
            ADMIN, new PageRequest(1, first.pageInfo().endCursor(), false), range);
    var third =
        desk.service.ticketsPaginated(
            ADMIN, new PageRequest(1, second.pageInfo().endCursor(), false), range);

    assertThat(first.edges().get(0).node().fields().get("seats")).isEqualTo(FieldValue.number(4));
    assertThat(second.edges().get(0).node().fields().get("seats")).isEqualTo(FieldValue.number(2));
    assertThat(second.pageInfo().hasNextPage()).isFalse();
    assertThat(third.edges()).isEmpty();
    assertThatThrownBy(
            () ->
                desk.service.ticketsPaginated(
                    ADMIN,
                    PageRequest.first(5),
                    TicketFilter.builder()
                        .fields(List.of(FieldCondition.between("vip", true, null)))
                        .build()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactly("fields.vip"));
  }
}
