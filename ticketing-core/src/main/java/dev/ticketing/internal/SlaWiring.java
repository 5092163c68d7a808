package dev.ticketing.internal;

import dev.ticketing.DirectoryFailures;
import dev.ticketing.TicketingOptions;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.sla.SlaConfiguration;
import dev.ticketing.sla.SlaTimeline;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.SlaStore;
import dev.ticketing.spi.SubjectCatalog;
import dev.ticketing.spi.TicketStore;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds a ticket service that keeps SLA clocks: every change moves the ticket's clocks in the SLA
 * store, in the change's unit of work (the SLA store's unit of work opened around the ticket
 * store's), under the configured policies.
 */
public final class SlaWiring {

  private SlaWiring() {}

  /** The service of {@link DefaultTicketService}'s full constructor, with clocks. */
  public static DefaultTicketService ticketService(
      TicketStore store,
      BlobStore blobs,
      Directory directory,
      SubjectCatalog subjects,
      PermissionPolicy policy,
      TicketingOptions options,
      Clock clock,
      IdGenerator ids,
      Runnable afterCommit,
      DirectoryFailures failures,
      SlaStore slaStore,
      SlaConfiguration sla) {
    return new DefaultTicketService(
        store,
        blobs,
        directory,
        subjects,
        policy,
        options,
        clock,
        ids,
        afterCommit,
        failures,
        List.of(new SlaClockKeeper(slaStore, new SlaTimeline(sla))),
        new Enclosure() {
          @Override
          public <T> T around(Supplier<T> work) {
            return slaStore.inTransaction(work);
          }
        });
  }
}
