package dev.ticketing;

import dev.ticketing.policy.Actor;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Typed custom fields: admins define them ({@link dev.ticketing.policy.Operation#MANAGE_FIELDS}),
 * tickets carry their values ({@link CreateTicket#fields()} and {@link #setValues}, needing {@link
 * dev.ticketing.policy.Operation#SET_FIELDS}), views show the values the actor may see ({@link
 * TicketView#fields()}), lists filter by them ({@link TicketFilter#fields()}).
 *
 * <p>A value may be given as its canonical Java class ({@link FieldValue}) or as text, as a host
 * receives it: a number field takes an {@link Integer}, {@link Long} or digits; a decimal any {@link
 * Number} or a decimal number as text; a date a {@link java.time.LocalDate} or {@code yyyy-MM-dd};
 * a boolean a {@link Boolean} or {@code true}/{@code false}; a multiple choice field a collection of
 * choices (or one choice). Every bad value is a violation named {@code fields.<key>}: unknown key
 * (or a staff-only field named by a customer), wrong type, a choice not offered, text not matching
 * the pattern, a required field missing; nothing is written.
 *
 * @since 0.2.0
 */
public interface CustomFieldService {

  /** Defines a new field (version 1). */
  FieldDefinition define(Actor actor, FieldSpec spec);

  /**
   * Writes a new version of a field's definition; {@code expectedVersion} must be the current one
   * ({@link ConflictException} otherwise). Removing a choice never touches tickets that hold it.
   */
  FieldDefinition change(Actor actor, FieldSpec spec, int expectedVersion);

  /** Retires a field: a new version, inactive. Its values stay readable; none may be set. */
  FieldDefinition retire(Actor actor, String key, int expectedVersion);

  /**
   * The current definitions the actor may see (customers: active fields visible to customers),
   * applying to tickets of {@code category} (null: all), ordered by key.
   */
  List<FieldDefinition> definitions(Actor actor, @Nullable String category);

  /** Every version of a field's definition, oldest first (needs MANAGE_FIELDS). */
  List<FieldDefinition> versions(Actor actor, String key);

  /** Sets and clears values on a ticket in one audited change; returns the ticket as the actor sees it. */
  TicketView setValues(Actor actor, SetFieldValues input);
}
