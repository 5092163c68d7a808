package dev.ticketing.internal;

import dev.ticketing.DirectoryFailures;
import dev.ticketing.SlaService;
import dev.ticketing.TicketingOptions;
import dev.ticketing.escalation.SlaScheduler;
import dev.ticketing.memory.InMemorySlaStore;
import dev.ticketing.memory.InMemoryTicketStore;
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
import org.jspecify.annotations.Nullable;

/**
 * Builds a ticket service that keeps SLA clocks: every change moves the ticket's clocks in the SLA
 * store, in the change's unit of work (the SLA store's unit of work opened around the ticket
 * store's), under the configured policies.
 */
public final class SlaWiring {

  private SlaWiring() {}

  /** What a {@link dev.ticketing.Ticketing} needs: the service, the scheduler, the reads. */
  public record Parts(DefaultTicketService service, SlaScheduler scheduler, SlaService reads) {}

  /**
   * The service with clocks when {@code sla} is given (plain otherwise), the scheduler and the
   * reads, over {@code slaStore} or, beside an in-memory ticket store, a new in-memory one.
   *
   * @throws IllegalStateException for policies on a database ticket store without an SLA store
   */
  public static Parts assemble(
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
      @Nullable SlaConfiguration sla,
      @Nullable SlaStore slaStore,
      SlaScheduler.Settings schedule) {
    SlaStore clocks = slaStore;
    if (clocks == null) {
      if (sla != null && !(store instanceof InMemoryTicketStore)) {
        throw new IllegalStateException(
            "SLA policies on a database store need an SLA store on the same database: slaStore(..)");
      }
      clocks = new InMemorySlaStore();
    }
    DefaultTicketService service =
        sla == null
            ? new DefaultTicketService(
                store,
                blobs,
                directory,
                subjects,
                policy,
                options,
                clock,
                ids,
                afterCommit,
                failures)
            : ticketService(
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
                clocks,
                sla);
    return new Parts(
        service,
        new SlaScheduler(store, clocks, clock, ids, schedule, afterCommit),
        new DefaultSlaService(
            store, clocks, sla != null ? sla : SlaConfiguration.none(), policy, clock));
  }

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
