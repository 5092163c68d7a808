package dev.ticketing.service;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.JANE;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Desk.MIKE;
import static dev.ticketing.support.Desk.ROOT;
import static dev.ticketing.support.Desk.SARAH;
import static dev.ticketing.support.Refusals.invalid;
import static dev.ticketing.support.Refusals.refused;
import static dev.ticketing.support.StatusPaths.ticketIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AssignTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketStats;
import dev.ticketing.TicketView;
import dev.ticketing.support.Desk;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ticketStats over a known fixture. */
class StatsTest {

  private final Desk desk = new Desk();

  // acme: one ticket per status, plus one soft-deleted; globex: two active, plus one soft-deleted.
  private final TicketView a1 =
      ticketIn(desk, JOHN, "acme", Status.OPEN, Priority.URGENT); // unassigned
  private final TicketView a2 =
      ticketIn(desk, JOHN, "acme", Status.IN_PROGRESS, Priority.HIGH); // sarah
  private final TicketView a3 =
      ticketIn(desk, JOHN, "acme", Status.WAITING_FOR_CUSTOMER, Priority.URGENT); // sarah
  private final TicketView a4 =
      ticketIn(desk, JOHN, "acme", Status.RESOLVED, Priority.URGENT); // not active
  private final TicketView a5 =
      ticketIn(desk, JOHN, "acme", Status.CLOSED, Priority.HIGH); // not active
  private final TicketView a6 =
      ticketIn(desk, JOHN, "acme", Status.CANCELLED, Priority.HIGH); // not active
  private final TicketView a7 =
      ticketIn(desk, JOHN, "acme", Status.REOPENED, Priority.HIGH); // unassigned
  private final TicketView a8 =
      ticketIn(desk, JOHN, "acme", Status.OPEN, Priority.URGENT); // deleted below
  private final TicketView g1 =
      ticketIn(desk, JANE, "globex", Status.OPEN, Priority.HIGH); // unassigned
  private final TicketView g2 = ticketIn(desk, JANE, "globex", Status.OPEN, Priority.URGENT);
  private final TicketView g3 =
      ticketIn(desk, JANE, "globex", Status.IN_PROGRESS, Priority.LOW); // deleted below

  {
    desk.service.assignTicket(ADMIN, new AssignTicket(g2.id(), "mike"));
    desk.service.deleteTicket(JOHN, a8.id());
    desk.service.deleteTicket(ADMIN, g3.id());
  }

  @AfterEach
  void close() {
    desk.close();
  }

  private static void assertConsistent(TicketStats s) {
    long sum = Arrays.stream(Status.values()).mapToLong(s::count).sum();
    assertThat(sum).as("status counts sum to total").isEqualTo(s.total());
  }

  @Test
  @DisplayName("per company: one of each status; urgent/high/unassigned over active tickets only")
  void perCompany() {
    TicketStats acme = desk.service.ticketStats(ADMIN, "acme");

    assertThat(acme).isEqualTo(new TicketStats(7, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2));
    assertConsistent(acme);
    assertThat(acme.urgent()).as("a1, a3 (a4 is resolved, a8 deleted)").isEqualTo(2);
    assertThat(acme.high()).as("a2, a7 (a5 closed, a6 cancelled)").isEqualTo(2);
    assertThat(acme.unassigned()).as("a1, a7").isEqualTo(2);

    TicketStats globex = desk.service.ticketStats(ADMIN, "globex");
    assertThat(globex).isEqualTo(new TicketStats(2, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1));
    assertConsistent(globex);
  }

  @Test
  @DisplayName("over all companies: the sum of the companies; super admins see the same")
  void overall() {
    TicketStats all = desk.service.ticketStats(ADMIN, null);

    assertThat(all).isEqualTo(new TicketStats(9, 2, 2, 1, 1, 1, 1, 1, 3, 3, 3));
    assertConsistent(all);
    assertThat(desk.service.ticketStats(ROOT, null)).isEqualTo(all);
    assertThat(desk.service.ticketStats(ADMIN, "nobody")).isEqualTo(TicketStats.EMPTY);
  }

  @Test
  @DisplayName("soft-deleted tickets are not counted (not even as cancelled) until restored")
  void deletedTicketsAreNotCounted() {
    TicketStats before = desk.service.ticketStats(ADMIN, "acme");
    assertThat(before.cancelled()).as("only a6; a8 was deleted and is CANCELLED now").isEqualTo(1);

    desk.service.restoreTicket(ROOT, a8.id());
    TicketStats restored = desk.service.ticketStats(ADMIN, "acme");
    assertThat(restored).isEqualTo(new TicketStats(8, 2, 1, 1, 1, 1, 1, 1, 3, 2, 3));

    desk.service.deleteTicket(ADMIN, a2.id());
    assertThat(desk.service.ticketStats(ADMIN, "acme"))
        .isEqualTo(new TicketStats(7, 2, 0, 1, 1, 1, 1, 1, 3, 1, 3));
  }

  @Test
  @DisplayName("statistics follow status and assignment changes")
  void followsChanges() {
    desk.service.assignTicket(
        ADMIN, new AssignTicket(a1.id(), "sarah")); // OPEN -> IN_PROGRESS, assigned

    TicketStats acme = desk.service.ticketStats(ADMIN, "acme");
    assertThat(acme.open()).isZero();
    assertThat(acme.inProgress()).isEqualTo(2);
    assertThat(acme.unassigned()).isEqualTo(1);
    assertThat(acme.urgent()).isEqualTo(2);
    assertConsistent(acme);
  }

  @Test
  @DisplayName("refused for customers and agents (ACCESS_DENIED), whatever the company asked for")
  void refusedForCustomersAndAgents() {
    refused(ErrorCode.ACCESS_DENIED, () -> desk.service.ticketStats(JOHN, null));
    refused(ErrorCode.ACCESS_DENIED, () -> desk.service.ticketStats(JOHN, "acme"));
    refused(ErrorCode.ACCESS_DENIED, () -> desk.service.ticketStats(JANE, "globex"));
    refused(ErrorCode.ACCESS_DENIED, () -> desk.service.ticketStats(SARAH, null));
    refused(ErrorCode.ACCESS_DENIED, () -> desk.service.ticketStats(MIKE, "globex"));
  }

  @Test
  void malformedCompanyIdIsAValidationError() {
    invalid(() -> desk.service.ticketStats(ADMIN, "no such company!"), "companyId");
  }
}
