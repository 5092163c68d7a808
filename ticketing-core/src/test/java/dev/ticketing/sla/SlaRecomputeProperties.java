package dev.ticketing.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.Category;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.CustomFieldService;
import dev.ticketing.DirectoryFailures;
import dev.ticketing.FieldSpec;
import dev.ticketing.FieldType;
import dev.ticketing.FieldVisibility;
import dev.ticketing.Priority;
import dev.ticketing.SetFieldValues;
import dev.ticketing.Status;
import dev.ticketing.TicketingException;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UpdateTicket;
import dev.ticketing.internal.DefaultTicketService;
import dev.ticketing.internal.EngineParts;
import dev.ticketing.internal.SlaWiring;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemorySlaStore;
import dev.ticketing.memory.InMemorySubjectCatalog;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.SlaRecord;
import dev.ticketing.support.Desk;
import dev.ticketing.support.QuietLogs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The clocks the engine keeps change by change (the stored state, updated incrementally in each
 * change's unit of work) always equal a replay of the ticket's whole audit log, over random
 * operation sequences on random calendars and policies: creations, public replies by both sides,
 * internal notes, status moves (invalid ones refused), reclassifications, assignments, soft
 * deletes and restores, custom field values given at creation, set and cleared (on policies
 * conditioned on them), with time moving on between them by minutes to days.
 */
class SlaRecomputeProperties {

  static {
    QuietLogs.install();
  }

  /** One step: who does what to which ticket, after how many minutes. */
  record Step(int kind, int ticket, int minutes, int parameter) {}

  @Property(tries = 60)
  void storedClocksEqualAReplayOfTheAuditLog(
      @ForAll("calendars") String calendar,
      @ForAll("policies") String policy,
      @ForAll("steps") List<Step> steps) {
    SettableClock clock = new SettableClock(Instant.parse("2026-03-27T15:07:00Z"));
    InMemoryTicketStore store = new InMemoryTicketStore();
    InMemorySlaStore clocks = new InMemorySlaStore();
    SlaConfiguration config = GoldenCatalog.configuration(calendar, policy);
    TicketingOptions options = TicketingOptions.defaults();
    DefaultTicketService service =
        SlaWiring.ticketService(
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
            config);
    CustomFieldService fields = service.customFields();
    fields.define(
        Desk.ADMIN,
        FieldSpec.of("plan", "Plan", FieldType.CHOICE)
            .withChoices(PLANS)
            .withVisibility(FieldVisibility.CUSTOMERS));
    fields.define(Desk.ADMIN, FieldSpec.of("seats", "Seats", FieldType.NUMBER));
    List<String> tickets = new ArrayList<>();
    for (Step s : steps) {
      clock.advance(Duration.ofMinutes(s.minutes()));
      try {
        run(service, tickets, s);
      } catch (TicketingException refused) {
        // an invalid move or a closed ticket: refused, nothing written
      }
    }
    SlaTimeline timeline = new SlaTimeline(config);
    Map<String, List<SlaRecord>> stored = clocks.clocks(tickets);
    for (String id : tickets) {
      List<SlaClock> replayed = timeline.replay(SlaEvents.of(store.history(id))).clocks();
      List<SlaClock> kept =
          stored.getOrDefault(id, List.of()).stream().map(SlaRecord::clock).toList();
      assertThat(kept).as("clocks of %s", id).isEqualTo(replayed);
    }
  }

  private static final String[] PLANS = {"free", "enterprise", "premium"};

  private static void run(DefaultTicketService service, List<String> tickets, Step s) {
    if (s.kind() == 0 || tickets.isEmpty()) {
      Priority p = Priority.values()[s.parameter() % 4];
      Category c = s.parameter() % 5 == 0 ? Category.BILLING : Category.GENERAL;
      CreateTicket create =
          new CreateTicket("Ticket " + tickets.size(), "Help", p, c, "acme", null);
      if (s.parameter() % 2 == 0) {
        create = create.withFields(Map.of("plan", PLANS[s.parameter() % 3]));
      }
      tickets.add(service.createTicket(Desk.JOHN, create).id());
      return;
    }
    String id = tickets.get(s.ticket() % tickets.size());
    Actor staff = Desk.ADMIN;
    switch (s.kind()) {
      case 1 -> service.addComment(staff, new AddComment(id, "On it", false));
      case 2 -> service.addComment(Desk.JOHN, new AddComment(id, "Any news?", false));
      case 3 -> service.addComment(staff, new AddComment(id, "Internal", true));
      case 4 ->
          service.changeStatus(
              staff, new ChangeStatus(id, Status.values()[s.parameter() % Status.values().length]));
      case 5 ->
          service.updateTicket(
              staff,
              new UpdateTicket(
                  id,
                  null,
                  null,
                  Priority.values()[s.parameter() % 4],
                  s.parameter() % 3 == 0 ? Category.BILLING : null));
      case 6 -> service.assignTicket(staff, new AssignTicket(id, "sarah"));
      case 7 -> service.deleteTicket(Desk.ROOT, id, null);
      case 8 -> service.restoreTicket(Desk.ROOT, id, null);
      case 10 ->
          service
              .customFields()
              .setValues(staff, SetFieldValues.set(id, "plan", PLANS[s.parameter() % 3]));
      case 11 ->
          service
              .customFields()
              .setValues(
                  staff, SetFieldValues.clear(id, s.parameter() % 2 == 0 ? "plan" : "seats"));
      case 12 ->
          service
              .customFields()
              .setValues(staff, SetFieldValues.set(id, "seats", (long) (s.parameter() % 200)));
      default -> service.changeStatus(staff, new ChangeStatus(id, Status.WAITING_FOR_CUSTOMER));
    }
  }

  @Provide
  Arbitrary<String> calendars() {
    return Arbitraries.of(
        "berlin-office", "berlin-split", "berlin-night", "ny-office", "ny-weekend", "24x7");
  }

  @Provide
  Arbitrary<String> policies() {
    return Arbitraries.of("resume-warn30", "restart", "resume-warn30+plan", "restart+plan");
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Integer> minutes =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 59)),
            net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(60, 900)),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(900, 4400)));
    return Combinators.combine(
            Arbitraries.integers().between(0, 12),
            Arbitraries.integers().between(0, 4),
            minutes,
            Arbitraries.integers().between(0, 1000))
        .as(Step::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(40);
  }

  /** A clock the property moves; reads do not move it. */
  static final class SettableClock extends Clock {
    private final AtomicReference<Instant> now;

    SettableClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d).truncatedTo(ChronoUnit.MICROS));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
