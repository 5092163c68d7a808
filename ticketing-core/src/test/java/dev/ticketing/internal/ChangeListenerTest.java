package dev.ticketing.internal;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.JOHN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AddComment;
import dev.ticketing.AuditAction;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.DirectoryFailures;
import dev.ticketing.FieldChange;
import dev.ticketing.Status;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingOptions;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemorySubjectCatalog;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.support.Desk;
import dev.ticketing.testsupport.MutableClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seam later capabilities hook into: every change, with the ticket before and after, in its unit of work. */
class ChangeListenerTest {

  private final MutableClock clock = MutableClock.ticking("2025-10-07T10:30:00Z");
  private final InMemoryTicketStore store = new InMemoryTicketStore();

  private DefaultTicketService serviceTellingOf(List<ChangeListener> listeners) {
    TicketingOptions options = TicketingOptions.defaults();
    return new DefaultTicketService(
        new EngineParts(
            store,
            new InMemoryBlobStore(clock),
            Desk.DIRECTORY,
            InMemorySubjectCatalog.ofCategories(options.categories()),
            MatrixPolicy.standard(),
            options,
            clock,
            IdGenerator.timeOrdered(clock),
            () -> {},
            new DirectoryFailures()),
        listeners,
        Enclosure.NONE);
  }

  @Test
  void listenersAreToldOfEveryChangeAsItsAuditEntryTellsIt() {
    List<ChangeListener.Change> told = new ArrayList<>();
    DefaultTicketService service = serviceTellingOf(List.of(told::add));

    TicketView created = service.createTicket(JOHN, CreateTicket.of("Printer", "On fire", "acme"));
    service.changeStatus(ADMIN, new ChangeStatus(created.id(), Status.RESOLVED));
    // A customer's reply on a resolved ticket reopens it: two changes, the reply and the move it
    // set off.
    service.addComment(JOHN, new AddComment(created.id(), "still broken", false));

    assertThat(told)
        .extracting(ChangeListener.Change::action)
        .containsExactly(
            AuditAction.CREATED,
            AuditAction.forStatus(Status.RESOLVED),
            AuditAction.TICKET_COMMENT_ADDED,
            AuditAction.forStatus(Status.REOPENED));
    assertThat(told.get(0).before()).isNull();
    assertThat(told.get(0).after().id()).isEqualTo(created.id());
    ChangeListener.Change resolved = told.get(1);
    assertThat(resolved.before().status()).isEqualTo(Status.OPEN);
    assertThat(resolved.after().status()).isEqualTo(Status.RESOLVED);
    assertThat(resolved.after().resolvedAt()).isEqualTo(resolved.at());
    assertThat(resolved.actor()).isEqualTo(ADMIN);
    assertThat(resolved.changes()).containsExactly(new FieldChange("status", "OPEN", "RESOLVED"));
    ChangeListener.Change reopened = told.get(3);
    assertThat(reopened.actor()).isEqualTo(JOHN);
    assertThat(reopened.after().status()).isEqualTo(Status.REOPENED);
    assertThat(reopened.after().resolvedAt()).isNull();
    // What listeners hear is what the history says.
    assertThat(service.history(ADMIN, created.id()))
        .extracting(e -> e.action())
        .containsExactlyElementsOf(told.stream().map(ChangeListener.Change::action).toList());
  }

  @Test
  void aListenerThatFailsFailsTheCommandAndLeavesNothing() {
    IllegalStateException refusal = new IllegalStateException("listener refused");
    DefaultTicketService service =
        serviceTellingOf(
            List.of(
                change -> {
                  throw refusal;
                }));

    assertThatThrownBy(
            () -> service.createTicket(JOHN, CreateTicket.of("Printer", "On fire", "acme")))
        .isSameAs(refusal);
    assertThat(service.myTickets(JOHN)).isEmpty();
  }
}
