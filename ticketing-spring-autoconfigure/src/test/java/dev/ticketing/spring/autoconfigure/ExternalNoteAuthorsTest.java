package dev.ticketing.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ticketing.CommentView;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.ExternalNote;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingException;
import dev.ticketing.ValidationException;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.Directory;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Notes recorded from the host's own system are credited to the author the event names when the
 * directory knows them as staff, are refused with a code otherwise, and fall back to a configured
 * staff member only where the host opted in and the event names nobody.
 */
class ExternalNoteAuthorsTest {

  static final Actor PARENT = Actor.customer("parent-1", "comdeall");

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(TicketingAutoConfiguration.class))
          .withUserConfiguration(People.class);

  @Configuration(proxyBeanMethods = false)
  static class People {
    @Bean
    Directory directory() {
      return InMemoryDirectory.builder()
          .company("comdeall", "Comdeall", "support@comdeall.test")
          .user("admin-1", "Ada", "Admin", "ada@comdeall.test", Role.ADMIN)
          .user("agent-1", "Al", "Agent", "al@comdeall.test", Role.AGENT)
          .user("parent-1", "Pat", "Parent", "pat@comdeall.test", Role.CUSTOMER)
          .build();
    }
  }

  record Desk(TicketService tickets, ExternalNoteAuthors authors, TicketView ticket) {
    CommentView note(String authorId) {
      return tickets.recordExternalNote(authors.authorOf(authorId), note());
    }

    ExternalNote note() {
      return new ExternalNote(
          UUID.randomUUID().toString(), ticket.id(), "We are looking into it", null, false);
    }

    int notes() {
      return tickets.ticket(Actor.admin("admin-1"), ticket.id()).comments().size();
    }
  }

  static Desk desk(AssertableApplicationContext context) {
    assertThat(context).hasNotFailed();
    TicketService tickets = context.getBean(TicketService.class);
    TicketView ticket =
        tickets.createTicket(
            PARENT, CreateTicket.of("Session missing", "From my calendar", "comdeall"));
    return new Desk(tickets, context.getBean(ExternalNoteAuthors.class), ticket);
  }

  static TicketingException refusal(Runnable call) {
    return catchThrowableOfType(TicketingException.class, call::run);
  }

  @Test
  void theNamedStaffAuthorIsCredited() {
    runner.run(
        context -> {
          Desk desk = desk(context);
          CommentView note = desk.note("admin-1");
          assertThat(note.user().id()).isEqualTo("admin-1");
          assertThat(note.user().firstName()).isEqualTo("Ada");
        });
  }

  @Test
  void customersUnknownUsersAndMalformedIdsAreRefusedWithCodesAndNothingIsRecorded() {
    runner.run(
        context -> {
          Desk desk = desk(context);
          assertThat(refusal(() -> desk.note("parent-1")).code())
              .isEqualTo(ErrorCode.ACCESS_DENIED);
          assertThat(refusal(() -> desk.note("nobody-9")).code())
              .isEqualTo(ErrorCode.ACCESS_DENIED);
          TicketingException malformed = refusal(() -> desk.note("admin 1; drop"));
          assertThat(((ValidationException) malformed).fields())
              .containsExactly(ExternalNoteAuthors.FIELD);
          TicketingException missing = refusal(() -> desk.note(null));
          assertThat(((ValidationException) missing).fields()).containsExactly("authorId");
          assertThat(((ValidationException) refusal(() -> desk.note(" "))).fields())
              .containsExactly("authorId");
          assertThat(desk.notes()).isZero();
        });
  }

  @Test
  void theServiceStillDecidesWhetherThatStaffMemberMayAddANoteThere() {
    // An agent may comment on the tickets assigned to them only: this one is not.
    runner.run(
        context -> {
          Desk desk = desk(context);
          assertThat(refusal(() -> desk.note("agent-1")).code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(desk.notes()).isZero();
        });
  }

  @Test
  void theFallbackServesOnlyEventsThatNameNobody() {
    runner
        .withPropertyValues("ticketing.external-notes.fallback-author-id=admin-1")
        .run(
            context -> {
              Desk desk = desk(context);
              assertThat(desk.authors().fallback()).isEqualTo(Actor.admin("admin-1"));
              assertThat(desk.note(null).user().id()).isEqualTo("admin-1");
              // An author the directory does not know is refused, never credited to the fallback
              // instead.
              assertThat(refusal(() -> desk.note("nobody-9")).code())
                  .isEqualTo(ErrorCode.ACCESS_DENIED);
              assertThat(desk.notes()).isEqualTo(1);
            });
  }

  @Test
  void theFallbackMustBeAWellFormedStaffMember() {
    runner
        .withPropertyValues(
            "ticketing.external-notes.fallback-author-id=parent-1",
            "ticketing.external-notes.fallback-author-role=CUSTOMER")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining(
                      "ticketing.external-notes.fallback-author-role must be a staff role");
            });
    runner
        .withPropertyValues("ticketing.external-notes.fallback-author-id=admin one")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .hasStackTraceContaining(
                      "ticketing.external-notes.fallback-author-id is not a well-formed user id");
            });
  }
}
