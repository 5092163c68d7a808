package dev.ticketing.automation;

import dev.ticketing.CreateTicket;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.SamplePeople;
import java.time.Instant;

/** An in-memory installation with automation on, on a frozen clock. */
final class AutomationFixture implements AutoCloseable {

  final MutableClock clock = MutableClock.frozen(Instant.parse("2026-03-02T09:00:00Z"));
  final Ticketing ticketing;

  AutomationFixture() {
    this(AutomationSettings.defaults());
  }

  AutomationFixture(AutomationSettings settings) {
    ticketing =
        Ticketing.builder()
            .directory(SamplePeople.directory())
            .clock(clock)
            .automations(settings)
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build();
  }

  TicketView ticket(String title) {
    return ticketing
        .service()
        .createTicket(SamplePeople.JOHN, new CreateTicket(title, "details", null, null, null));
  }

  @Override
  public void close() {
    ticketing.close();
  }
}
