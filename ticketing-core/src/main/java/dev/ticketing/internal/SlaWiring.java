package dev.ticketing.internal;

import dev.ticketing.SlaService;
import dev.ticketing.escalation.SlaScheduler;
import dev.ticketing.memory.InMemorySlaStore;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.sla.SlaConfiguration;
import dev.ticketing.sla.SlaTimeline;
import dev.ticketing.spi.SlaStore;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Plugs SLA clocks into the service: every change moves the ticket's clocks in the SLA store, in
 * the change's unit of work (the SLA store's unit of work opened around the ticket store's), under
 * the configured policies.
 */
public final class SlaWiring {

  private SlaWiring() {}

  /** What a {@link dev.ticketing.Ticketing} needs: the extension, the scheduler, the reads. */
  public record Parts(Extension extension, SlaScheduler scheduler, SlaService reads) {}

  /**
   * The clocks' extension when {@code sla} is given ({@link Extension#NONE} otherwise), the
   * scheduler and the reads, over {@code slaStore} or, beside an in-memory ticket store, a new
   * in-memory one.
   *
   * @throws IllegalStateException for policies on a database ticket store without an SLA store
   */
  public static Parts assemble(
      EngineParts parts,
      @Nullable SlaConfiguration sla,
      @Nullable SlaStore slaStore,
      SlaScheduler.Settings schedule) {
    SlaStore clocks = slaStore;
    if (clocks == null) {
      if (sla != null
          && !(CountingTicketStore.unwrap(parts.store()) instanceof InMemoryTicketStore)) {
        throw new IllegalStateException(
            "SLA policies on a database store need an SLA store on the same database: slaStore(..)");
      }
      clocks = new InMemorySlaStore();
    }
    return new Parts(
        sla == null ? Extension.NONE : extension(clocks, sla),
        new SlaScheduler(
            parts.store(), clocks, parts.clock(), parts.ids(), schedule, parts.afterCommit()),
        new DefaultSlaService(
            parts.store(),
            clocks,
            sla != null ? sla : SlaConfiguration.none(),
            parts.policy(),
            parts.clock()));
  }

  /** Clocks kept in {@code slaStore} under {@code sla}'s policies. */
  public static Extension extension(SlaStore slaStore, SlaConfiguration sla) {
    return new Extension(
        List.of(new SlaClockKeeper(slaStore, new SlaTimeline(sla))),
        new Enclosure() {
          @Override
          public <T> T around(Supplier<T> work) {
            return slaStore.inTransaction(work);
          }
        });
  }

  /** A service over {@code parts} that keeps clocks in {@code slaStore}. */
  public static DefaultTicketService ticketService(
      EngineParts parts, SlaStore slaStore, SlaConfiguration sla) {
    return Extension.service(parts, List.of(extension(slaStore, sla)));
  }
}
