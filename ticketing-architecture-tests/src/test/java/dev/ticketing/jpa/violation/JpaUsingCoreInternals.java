package dev.ticketing.jpa.violation;

import dev.ticketing.internal.DefaultTicketService;

/** Deliberately breaks the rules: a store reaching into core's internal package. */
public final class JpaUsingCoreInternals {
  public String describe(DefaultTicketService service) {
    return service.toString();
  }
}
