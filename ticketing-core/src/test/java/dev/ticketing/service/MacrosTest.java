package dev.ticketing.service;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Desk.MIKE;
import static dev.ticketing.support.Desk.SARAH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AccessDeniedException;
import dev.ticketing.AssignTicket;
import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.CommentView;
import dev.ticketing.ConflictException;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.InvalidTransitionException;
import dev.ticketing.Macro;
import dev.ticketing.MacroDefinition;
import dev.ticketing.MacroPreview;
import dev.ticketing.MacroResult;
import dev.ticketing.MacroService;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketView;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.policy.Role;
import dev.ticketing.support.Desk;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Macros through the facade: definitions, variables, preview, all-or-nothing application. */
class MacrosTest {

  private final Desk desk = new Desk();
  private final MacroService macros = desk.ticketing.macros();

  @AfterEach
  void close() {
    desk.close();
  }

  private TicketView ticketOfJohnAssignedToSarah() {
    TicketView t =
        desk.service.createTicket(JOHN, CreateTicket.of("VPN down", "Since this morning", "acme"));
    return desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
  }

  private Macro solved() {
    return macros.define(
        ADMIN,
        MacroDefinition.named("Solved")
            .reply("Hello {{requester.name}}, {{ agent.name }} fixed \"{{ticket.title}}\".")
            .status(Status.RESOLVED)
            .addTags(List.of("Fixed"))
            .build());
  }

  @Test
  void applyingWritesTheRenderedReplyAndEveryChangeWithAnEntryNamingTheMacro() {
    TicketView t = ticketOfJohnAssignedToSarah();
    Macro m = solved();

    MacroResult r = macros.apply(SARAH, m.id(), t.id());

    CommentView reply = r.comment();
    assertThat(reply).isNotNull();
    assertThat(reply.content()).isEqualTo("Hello John Doe, Sarah Support fixed \"VPN down\".");
    assertThat(reply.internal()).isFalse();
    assertThat(r.ticket().status()).isEqualTo(Status.RESOLVED);
    assertThat(r.ticket().tags()).containsExactly("fixed");
    List<AuditEntry> history = desk.service.history(ADMIN, t.id());
    AuditEntry last = history.get(history.size() - 1);
    assertThat(last.action()).isEqualTo(AuditAction.MACRO_APPLIED);
    assertThat(last.changes()).anySatisfy(c -> assertThat(c.newValue()).isEqualTo("Solved"));
    assertThat(history)
        .extracting(AuditEntry::action)
        .contains(
            AuditAction.TICKET_COMMENT_ADDED,
            AuditAction.TICKET_RESOLVED,
            AuditAction.TAGS_CHANGED);
  }

  @Test
  void previewShowsTheSameWithoutWriting() {
    TicketView t = ticketOfJohnAssignedToSarah();
    Macro m = solved();
    int entries = desk.service.history(ADMIN, t.id()).size();

    MacroPreview p = macros.preview(SARAH, m.id(), t.id());

    assertThat(p.body()).isEqualTo("Hello John Doe, Sarah Support fixed \"VPN down\".");
    assertThat(p.changes())
        .extracting(c -> c.field() + "=" + c.newValue())
        .containsExactly("status=RESOLVED", "tags=fixed");
    assertThat(desk.service.history(ADMIN, t.id())).hasSize(entries);
    assertThat(desk.service.ticket(ADMIN, t.id()).comments()).isEmpty();
  }

  @Test
  void anUnknownVariableIsRefusedAtDefinitionNamingIt() {
    assertThatThrownBy(
            () ->
                macros.define(
                    ADMIN, MacroDefinition.named("Bad").reply("Hi {{requester.nmae}}").build()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
              assertThat(e.violations()).extracting(Violation::field).containsExactly("body");
              assertThat(e.violations().get(0).message()).contains("{{requester.nmae}}");
            });
    assertThat(macros.macros(ADMIN)).isEmpty();
  }

  @Test
  void aMacroThatCannotFinishWritesNothing() {
    TicketView t = ticketOfJohnAssignedToSarah();
    // Agents may not change priority by default: the reply before it must not stay.
    Macro m =
        macros.define(
            ADMIN,
            MacroDefinition.named("Escalate")
                .internalNote("Escalating {{ticket.number}}")
                .priority(Priority.URGENT)
                .build());
    int entries = desk.service.history(ADMIN, t.id()).size();

    assertThatThrownBy(() -> macros.apply(SARAH, m.id(), t.id()))
        .isInstanceOf(AccessDeniedException.class);

    assertThat(desk.service.ticket(ADMIN, t.id()).comments()).isEmpty();
    assertThat(desk.service.history(ADMIN, t.id())).hasSize(entries);
    assertThat(desk.service.ticket(ADMIN, t.id()).ticket().priority())
        .isNotEqualTo(Priority.URGENT);
  }

  @Test
  void anImpossibleTransitionRollsBackTheReply() {
    TicketView t = ticketOfJohnAssignedToSarah();
    Macro m =
        macros.define(
            ADMIN,
            MacroDefinition.named("Reopen").reply("Reopening").status(Status.REOPENED).build());

    assertThatThrownBy(() -> macros.apply(ADMIN, m.id(), t.id()))
        .isInstanceOf(InvalidTransitionException.class);
    assertThat(desk.service.ticket(ADMIN, t.id()).comments()).isEmpty();
  }

  @Test
  void rolesDecideWhoMayApplyAndCustomersNeverSeeMacros() {
    TicketView t = ticketOfJohnAssignedToSarah();
    Macro adminsOnly =
        macros.define(
            ADMIN,
            MacroDefinition.named("Refund").reply("Refunded").roles(Set.of(Role.ADMIN)).build());

    assertThatThrownBy(() -> macros.apply(SARAH, adminsOnly.id(), t.id()))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(macros.macros(SARAH)).isEmpty();
    assertThat(macros.macros(ADMIN)).extracting(Macro::name).containsExactly("Refund");
    assertThatThrownBy(() -> macros.macros(JOHN)).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> macros.preview(JOHN, adminsOnly.id(), t.id()))
        .isInstanceOf(AccessDeniedException.class);
    // An agent applies only on the tickets assigned to them.
    Macro forAgents = macros.define(ADMIN, MacroDefinition.named("Thanks").reply("Thanks").build());
    assertThatThrownBy(() -> macros.apply(MIKE, forAgents.id(), t.id()))
        .isInstanceOf(dev.ticketing.NotFoundException.class);
    assertThatThrownBy(
            () ->
                macros.define(
                    ADMIN,
                    MacroDefinition.named("Self").reply("x").roles(Set.of(Role.CUSTOMER)).build()))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> macros.define(SARAH, MacroDefinition.named("Mine").reply("x").build()))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void anUpdateNamesTheVersionItReadAndAStaleOneIsRefused() {
    Macro m = solved();
    Macro v2 =
        macros.update(
            ADMIN, m.id(), 1, MacroDefinition.named("Solved!").reply("Done {{ticket.id}}").build());
    assertThat(v2.version()).isEqualTo(2);

    assertThatThrownBy(
            () -> macros.update(ADMIN, m.id(), 1, MacroDefinition.named("Late").reply("x").build()))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> macros.delete(ADMIN, m.id(), 1)).isInstanceOf(ConflictException.class);
    assertThat(macros.macro(ADMIN, m.id()).name()).isEqualTo("Solved!");
    macros.delete(ADMIN, m.id(), 2);
    assertThat(macros.macros(ADMIN)).isEmpty();
  }

  @Test
  void namesAreUniqueCaseInsensitively() {
    solved();
    assertThatThrownBy(
            () -> macros.define(ADMIN, MacroDefinition.named("SOLVED").reply("x").build()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.fields()).containsExactly("name"));
  }

  @Test
  void assigningToTheApplierAndAnInternalNote() {
    TicketView t = desk.service.createTicket(JOHN, CreateTicket.of("Printer", "Jammed", "acme"));
    Macro take =
        macros.define(
            ADMIN,
            MacroDefinition.named("Take it")
                .internalNote("{{agent.name}} takes {{ticket.title}} ({{ticket.priority}})")
                .assignToApplier(true)
                .build());

    MacroResult r = macros.apply(ADMIN, take.id(), t.id());

    assertThat(r.ticket().assignedTo()).isNotNull();
    assertThat(r.ticket().assignedTo().id()).isEqualTo("admin");
    assertThat(r.comment().internal()).isTrue();
    assertThat(desk.service.ticket(JOHN, t.id()).comments()).isEmpty();
  }
}
