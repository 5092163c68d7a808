package dev.ticketing.support;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.SARAH;

import dev.ticketing.AssignTicket;
import dev.ticketing.Category;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketView;
import dev.ticketing.policy.Actor;

/** Brings a fresh ticket to any status along legal paths, acting as the people of the {@link Desk}. */
public final class StatusPaths {
  private StatusPaths() {}

  /** A new ticket of {@code owner} moved to {@code target}; assigned to Sarah where the path needs it. */
  public static TicketView ticketIn(
      Desk desk, Actor owner, String companyId, Status target, Priority priority) {
    TicketView t =
        desk.service.createTicket(
            owner,
            new CreateTicket(
                "Ticket heading for " + target,
                "Details of the " + target + " ticket",
                priority,
                Category.TECHNICAL,
                companyId));
    return moveTo(desk, t, target);
  }

  /** Moves an OPEN ticket to {@code target}. */
  public static TicketView moveTo(Desk desk, TicketView open, Status target) {
    String id = open.id();
    return switch (target) {
      case OPEN -> open;
      case IN_PROGRESS -> desk.service.assignTicket(ADMIN, new AssignTicket(id, "sarah"));
      case WAITING_FOR_CUSTOMER -> {
        desk.service.assignTicket(ADMIN, new AssignTicket(id, "sarah"));
        yield desk.service.changeStatus(SARAH, new ChangeStatus(id, Status.WAITING_FOR_CUSTOMER));
      }
      case RESOLVED -> desk.service.changeStatus(ADMIN, new ChangeStatus(id, Status.RESOLVED));
      case CLOSED -> {
        desk.service.changeStatus(ADMIN, new ChangeStatus(id, Status.RESOLVED));
        yield desk.service.changeStatus(ADMIN, new ChangeStatus(id, Status.CLOSED));
      }
      case REOPENED -> {
        desk.service.changeStatus(ADMIN, new ChangeStatus(id, Status.RESOLVED));
        yield desk.service.changeStatus(ADMIN, new ChangeStatus(id, Status.REOPENED));
      }
      case CANCELLED -> desk.service.changeStatus(ADMIN, new ChangeStatus(id, Status.CANCELLED));
    };
  }
}
