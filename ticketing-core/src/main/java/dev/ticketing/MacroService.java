package dev.ticketing;

import dev.ticketing.policy.Actor;
import java.util.List;

/**
 * Macros (canned replies): admins define named templates; staff apply them to a ticket, which
 * writes a public reply or an internal note and changes the ticket's status, priority, tags and
 * assignee in one unit of work — all of it or nothing. Reached through {@link Ticketing#macros()}.
 *
 * <p><b>Variables.</b> A body may use the placeholders of {@link #VARIABLES}, written {@code
 * {{ticket.title}}}; a body naming any other is refused when it is defined (a {@code VALIDATION}
 * error on {@code body} naming the variable), so a macro never renders a blank where a name was
 * meant.
 *
 * <p><b>Permissions.</b> Defining, changing and deleting need {@link
 * dev.ticketing.policy.Operation#MANAGE_MACROS}; applying and previewing need {@link
 * dev.ticketing.policy.Operation#APPLY_MACRO} on the ticket, the actor's role among the macro's
 * roles, and, when applying, the permission of each change the macro makes (replying or adding a
 * note, changing the status, the priority, the tags, the assignee), checked as if the actor made
 * each change by hand: a macro never does what its user could not. Customers never see or apply
 * macros.
 *
 * <p><b>Audit.</b> Each change a macro makes leaves its own audit entry, followed by one {@link
 * AuditAction#MACRO_APPLIED} entry naming the macro.
 *
 * @since 0.2.0
 */
public interface MacroService {

  /** The longest name. */
  int MAX_NAME_LENGTH = 100;

  /** The longest description. */
  int MAX_DESCRIPTION_LENGTH = 500;

  /** The longest body (the longest comment). */
  int MAX_BODY_LENGTH = 10_000;

  /** The most macros one installation keeps. */
  int MAX_MACROS = 1_000;

  /**
   * The variables a body may use: the requester's name, the ticket's id (also as its number),
   * title, status, priority and category, and the name of the staff member applying the macro.
   */
  List<String> VARIABLES =
      List.of(
          "requester.name",
          "ticket.id",
          "ticket.number",
          "ticket.title",
          "ticket.status",
          "ticket.priority",
          "ticket.category",
          "agent.name");

  /** Defines a new macro (admins). A name already taken, case-insensitively, is refused. */
  Macro define(Actor actor, MacroDefinition definition);

  /**
   * Replaces a macro's definition. {@code expectedVersion} is the version the caller read: when
   * someone changed the macro since, the update is refused with a {@code CONFLICT} and nothing is
   * written.
   */
  Macro update(Actor actor, String macroId, long expectedVersion, MacroDefinition definition);

  /** Deletes a macro, if it is still at {@code expectedVersion} ({@code CONFLICT} otherwise). */
  void delete(Actor actor, String macroId, long expectedVersion);

  /** One macro: to admins, and to staff whose role may apply it; not found otherwise. */
  Macro macro(Actor actor, String macroId);

  /**
   * The macros the actor may apply, by name (admins: every macro); refused to customers.
   */
  List<Macro> macros(Actor actor);

  /** What {@link #apply} would write on the ticket now, without writing anything. */
  MacroPreview preview(Actor actor, String macroId, String ticketId);

  /** Applies the macro to the ticket in one unit of work. */
  MacroResult apply(Actor actor, String macroId, String ticketId);
}
