package dev.ticketing.internal;

import dev.ticketing.AssignTicket;
import dev.ticketing.TicketView;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.spi.TicketRecord;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An assignment whose assignee is picked inside its own unit of work, so that what the pick locks
 * (an agent's record) is held until the assignment commits: the ticket is read and checked for the
 * caller's operation and {@link Operation#ASSIGN_TICKET}; a ticket with an assignee is left as it
 * is and the chooser not asked; a null pick changes nothing; otherwise the ticket is assigned as
 * {@link TicketEdits#assign} does it. Repeated after losing a race for the ticket, when the
 * winner's assignee is the answer.
 */
final class ChosenAssignment {

  private final UnitOfWork unit;
  private final Access access;
  private final TicketEdits edits;
  private final ViewAssembler views;

  ChosenAssignment(UnitOfWork unit, Access access, TicketEdits edits, ViewAssembler views) {
    this.unit = unit;
    this.access = access;
    this.edits = edits;
    this.views = views;
  }

  /**
   * What an assignment by pick did: the ticket as the actor sees it, its assignee, and whether this
   * call assigned it.
   *
   * @since 0.2.0
   */
  public record Chosen(TicketView ticket, @Nullable String assigneeId, boolean assignedNow) {}

  Chosen assign(
      Actor actor,
      String ticketId,
      Operation operation,
      Function<TicketRecord, @Nullable String> chooser) {
    InputValidator.checkId("ticketId", ticketId);
    return UnitOfWork.retryOnConflict(
        () -> {
          boolean[] assignedNow = {false};
          TicketSnapshot written =
              unit.write(
                  () -> {
                    TicketRecord t = access.permittedToChange(actor, ticketId, operation);
                    access.require(actor, Operation.ASSIGN_TICKET, t);
                    if (t.assigneeId() != null) {
                      return edits.snapshot(t);
                    }
                    String pick = chooser.apply(t);
                    if (pick == null) {
                      return edits.snapshot(t);
                    }
                    assignedNow[0] = true;
                    return edits.assign(actor, new AssignTicket(t.id(), pick));
                  });
          return new Chosen(
              views.ticket(actor, written.ticket(), written.activity()),
              written.ticket().assigneeId(),
              assignedNow[0]);
        });
  }
}
