package dev.ticketing.service;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Desk.SARAH;
import static dev.ticketing.support.Refusals.invalid;
import static dev.ticketing.support.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.ValidationException;
import dev.ticketing.policy.Actor;
import dev.ticketing.support.Desk;
import dev.ticketing.support.StoreSnapshot;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A ticket belongs to a company the host's directory knows. */
class CreateTicketCompanyTest {

  private final Desk desk = new Desk();

  @AfterEach
  void close() {
    desk.close();
  }

  @Test
  void staffCannotCreateATicketForAnUnknownCompany() {
    StoreSnapshot before = StoreSnapshot.of(desk.store, List.of());

    ValidationException e =
        invalid(
            () -> desk.service.createTicket(ADMIN, CreateTicket.of("t", "d", "initech")),
            "companyId");
    assertThat(e.getMessage()).contains("companyId");
    invalid(
        () -> desk.service.createTicket(Desk.ROOT, CreateTicket.of("t", "d", "no-such-company")),
        "companyId");

    assertThat(StoreSnapshot.of(desk.store, List.of())).as("nothing written").isEqualTo(before);
    assertThat(desk.deliver()).as("nobody notified").isEmpty();
    // Control: a known company.
    assertThat(desk.service.createTicket(ADMIN, CreateTicket.of("t", "d", "globex")).company().id())
        .isEqualTo("globex");
  }

  @Test
  void aCustomerOfAnUnknownCompanyCannotCreateTickets() {
    Actor stranger = Actor.customer("john", "initech");
    invalid(
        () -> desk.service.createTicket(stranger, CreateTicket.of("t", "d", null)), "companyId");
    invalid(
        () -> desk.service.createTicket(stranger, CreateTicket.of("t", "d", "initech")),
        "companyId");
    assertThat(desk.store.ticketCount()).isZero();
  }

  @Test
  void refusalComesBeforeTheDirectoryIsAsked() {
    // Whether a company exists is the directory's business: refused callers do not learn it.
    refused(
        ErrorCode.ACCESS_DENIED,
        () -> desk.service.createTicket(JOHN, CreateTicket.of("t", "d", "initech")));
    refused(
        ErrorCode.ACCESS_DENIED,
        () -> desk.service.createTicket(JOHN, CreateTicket.of("t", "d", "globex")));
    refused(
        ErrorCode.ACCESS_DENIED,
        () -> desk.service.createTicket(SARAH, CreateTicket.of("t", "d", "initech")));
    assertThat(desk.store.ticketCount()).isZero();
  }
}
