package dev.ticketing.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AddComment;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.DirectoryFailures;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.StoreUnavailableException;
import dev.ticketing.TicketService;
import dev.ticketing.TicketingOptions;
import dev.ticketing.internal.EngineParts;
import dev.ticketing.internal.SlaWiring;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemorySlaStore;
import dev.ticketing.memory.InMemorySubjectCatalog;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.SlaRecord;
import dev.ticketing.support.Desk;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine keeps clocks in the unit of work of each change, and rolls them back with it. */
class SlaEngineTest {

  private final SlaRecomputeProperties.SettableClock clock =
      new SlaRecomputeProperties.SettableClock(Instant.parse("2026-05-04T10:00:00Z"));
  private final InMemoryTicketStore store = new InMemoryTicketStore();
  private final InMemorySlaStore clocks = new InMemorySlaStore();
  private final TicketService service = service();

  private TicketService service() {
    TicketingOptions options = TicketingOptions.defaults();
    return SlaWiring.ticketService(
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
        clocks,
        GoldenCatalog.configuration("24x7", "resume-warn30"));
  }

  @Test
  void aNewTicketGetsRunningFirstResponseAndResolutionClocks() {
    String id = create(Priority.HIGH);

    List<SlaClock> kept = kept(id);
    assertThat(kept)
        .extracting(SlaClock::target, SlaClock::state, SlaClock::dueAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                SlaTarget.FIRST_RESPONSE, ClockState.ACTIVE, Instant.parse("2026-05-04T11:00:00Z")),
            org.assertj.core.groups.Tuple.tuple(
                SlaTarget.RESOLUTION, ClockState.ACTIVE, Instant.parse("2026-05-04T18:00:00Z")));
  }

  @Test
  void aStaffReplyFulfilsTheFirstResponseAndWaitingPausesTheRest() {
    String id = create(Priority.HIGH);
    clock.advance(Duration.ofMinutes(20));
    service.addComment(Desk.ADMIN, new AddComment(id, "Looking", false));
    service.changeStatus(Desk.ADMIN, new ChangeStatus(id, Status.IN_PROGRESS));
    service.changeStatus(Desk.ADMIN, new ChangeStatus(id, Status.WAITING_FOR_CUSTOMER));
    clock.advance(Duration.ofHours(5));
    service.addComment(Desk.JOHN, new AddComment(id, "Here you go", false));

    // The customer's reply resumed work (automation) and owes them a next response.
    assertThat(kept(id))
        .extracting(SlaClock::target, SlaClock::state, SlaClock::elapsed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                SlaTarget.FIRST_RESPONSE, ClockState.FULFILLED, Duration.ofMinutes(20)),
            org.assertj.core.groups.Tuple.tuple(
                SlaTarget.NEXT_RESPONSE, ClockState.ACTIVE, Duration.ZERO),
            org.assertj.core.groups.Tuple.tuple(
                SlaTarget.RESOLUTION, ClockState.ACTIVE, Duration.ofMinutes(20)));
    assertThat(kept(id).get(2).dueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(460)));
  }

  @Test
  void aChangeThatFailsLeavesTheClocksAsTheyWere() {
    String id = create(Priority.URGENT);
    List<SlaRecord> before = clocks.all();
    clock.advance(Duration.ofMinutes(3));
    // The reply's clocks are written before the outbox write that fails.
    store.failNextWrite("enqueue");

    assertThatThrownBy(() -> service.addComment(Desk.ADMIN, new AddComment(id, "Hi", false)))
        .isInstanceOf(StoreUnavailableException.class);

    assertThat(clocks.all()).isEqualTo(before);
    assertThat(kept(id)).extracting(SlaClock::state).containsOnly(ClockState.ACTIVE);
  }

  private String create(Priority p) {
    return service
        .createTicket(
            Desk.JOHN, new CreateTicket("Printer", "It is on fire", p, null, "acme", null))
        .id();
  }

  private List<SlaClock> kept(String id) {
    return clocks.clocks(List.of(id)).getOrDefault(id, List.of()).stream()
        .map(SlaRecord::clock)
        .toList();
  }
}
