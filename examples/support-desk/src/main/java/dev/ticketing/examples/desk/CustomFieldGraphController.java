package dev.ticketing.examples.desk;

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
import dev.ticketing.TicketPage;
import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.examples.desk.GraphQlInputs.CreateTicketInput;
import dev.ticketing.spring.security.ActorResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The custom fields extension ({@code graphql/fields.graphqls}): definitions, values and filters,
 * each operation one call of the library's {@link CustomFieldService} or {@link TicketService} on
 * behalf of the current actor. Values travel as text, which the library parses by the field's type
 * and refuses with the field's key ({@code fields.<key>}) when they do not fit.
 */
@Controller
class CustomFieldGraphController {

  /** A value as the schema's {@code FieldValueEntry}. */
  record FieldValueEntry(String key, FieldType type, String value, List<String> values) {}

  record FieldSpecInput(
      String key,
      String label,
      FieldType type,
      @Nullable String category,
      @Nullable Boolean required,
      @Nullable FieldVisibility visibility,
      @Nullable List<String> choices,
      @Nullable String pattern) {
    FieldSpec toSpec() {
      return new FieldSpec(
          key, label, type, category, Boolean.TRUE.equals(required), visibility, choices, pattern);
    }
  }

  record FieldValueInput(String key, @Nullable String value, @Nullable List<String> values) {
    @Nullable Object raw() {
      return values != null ? values : value;
    }
  }

  record SetFieldValuesInput(
      String ticketId,
      @Nullable List<FieldValueInput> set,
      @Nullable List<String> clear,
      @Nullable String idempotencyKey) {}

  record FieldConditionInput(
      String key, @Nullable String equalTo, @Nullable String from, @Nullable String to) {
    FieldCondition toCondition() {
      return new FieldCondition(key, equalTo, from, to);
    }
  }

  private final CustomFieldService fields;
  private final TicketService tickets;
  private final ActorResolver actors;

  CustomFieldGraphController(Ticketing ticketing, ActorResolver actors) {
    this.fields = ticketing.fields();
    this.tickets = ticketing.service();
    this.actors = actors;
  }

  @QueryMapping
  List<FieldDefinition> fieldDefinitions(@Argument @Nullable String category) {
    return fields.definitions(actors.currentActor(), category);
  }

  @QueryMapping
  List<FieldDefinition> fieldDefinitionVersions(@Argument String key) {
    return fields.versions(actors.currentActor(), key);
  }

  @QueryMapping
  TicketPage ticketsByFields(
      @Argument List<FieldConditionInput> fields,
      @Argument @Nullable Integer first,
      @Argument @Nullable String after) {
    TicketFilter filter =
        TicketFilter.builder()
            .fields(fields.stream().map(FieldConditionInput::toCondition).toList())
            .build();
    return tickets.ticketsPaginated(
        actors.currentActor(),
        new PageRequest(first == null ? PageRequest.DEFAULT_SIZE : first, after, false),
        filter);
  }

  @MutationMapping
  FieldDefinition defineField(@Argument FieldSpecInput spec) {
    return fields.define(actors.currentActor(), spec.toSpec());
  }

  @MutationMapping
  FieldDefinition changeField(@Argument FieldSpecInput spec, @Argument int expectedVersion) {
    return fields.change(actors.currentActor(), spec.toSpec(), expectedVersion);
  }

  @MutationMapping
  FieldDefinition retireField(@Argument String key, @Argument int expectedVersion) {
    return fields.retire(actors.currentActor(), key, expectedVersion);
  }

  @MutationMapping
  TicketNode createTicketWithFields(
      @Argument CreateTicketInput createTicketInput, @Argument List<FieldValueInput> fields) {
    return TicketNode.of(
        tickets.createTicket(
            actors.currentActor(), createTicketInput.toCommand().withFields(values(fields))));
  }

  @MutationMapping
  TicketNode setTicketFields(@Argument SetFieldValuesInput setFieldValuesInput) {
    SetFieldValuesInput in = setFieldValuesInput;
    return TicketNode.of(
        fields.setValues(
            actors.currentActor(),
            new SetFieldValues(
                in.ticketId(),
                in.set() == null ? null : values(in.set()),
                in.clear(),
                in.idempotencyKey())));
  }

  @SchemaMapping(typeName = "Ticket", field = "fields")
  List<FieldValueEntry> ticketFields(TicketNode ticket) {
    return ticket.view().fields().entrySet().stream()
        .map(e -> entry(e.getKey(), e.getValue()))
        .toList();
  }

  private static FieldValueEntry entry(String key, FieldValue v) {
    return new FieldValueEntry(key, v.type(), v.toString(), v.heldChoices());
  }

  private static Map<String, Object> values(List<FieldValueInput> given) {
    Map<String, Object> out = new LinkedHashMap<>();
    given.forEach(v -> out.put(v.key(), v.raw()));
    return out;
  }
}
