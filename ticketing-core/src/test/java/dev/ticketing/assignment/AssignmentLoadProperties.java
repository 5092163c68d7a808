package dev.ticketing.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AssignTicket;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingException;
import dev.ticketing.policy.Actor;
import dev.ticketing.support.Desk;
import dev.ticketing.testsupport.MutableClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Over random sequences of assignments (manual and by each strategy), reassignments, status
 * changes, soft deletes, restores, purges and availability changes, every agent's kept load equals
 * the open tickets assigned to them after every step, reconciliation finds nothing to correct, and
 * an automatic assignment never takes an agent past capacity.
 */
class AssignmentLoadProperties {

  private static final List<String> AGENTS = List.of("sarah", "mike");
  private static final List<String> STRATEGIES =
      List.of(
          AssignmentStrategy.ROUND_ROBIN,
          AssignmentStrategy.LEAST_LOADED,
          AssignmentStrategy.SKILLS);
  private static final Status[] TARGETS = {
    Status.IN_PROGRESS,
    Status.WAITING_FOR_CUSTOMER,
    Status.RESOLVED,
    Status.CLOSED,
    Status.REOPENED,
    Status.CANCELLED
  };

  @Property(tries = 60)
  void keptLoadsAlwaysEqualTheTicketsAndAutoAssignmentsStayWithinCapacity(
      @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 999) Integer> steps) {
    try (Ticketing t =
        Ticketing.builder()
            .directory(Desk.DIRECTORY)
            .clock(MutableClock.ticking("2026-05-04T10:00:00Z"))
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build()) {
      AssignmentService a = t.assignment();
      a.saveAgent(Desk.ADMIN, AgentSettings.of("sarah", 2, "category:general"));
      a.saveAgent(Desk.ADMIN, AgentSettings.of("mike", 3, "category:general"));
      List<String> tickets = new ArrayList<>();
      for (int step : steps) {
        String ticket = tickets.isEmpty() ? null : tickets.get(step % tickets.size());
        String agent = AGENTS.get(step % 2);
        try {
          switch (step / 100) {
            case 0, 1 ->
                tickets.add(
                    t.service()
                        .createTicket(
                            Desk.ADMIN,
                            new CreateTicket(
                                "T", "D", null, null, "acme", null, "john", null, null))
                        .id());
            case 2, 3 -> {
              if (ticket != null) {
                AssignmentOutcome o =
                    a.autoAssign(Desk.ADMIN, AutoAssign.of(ticket, STRATEGIES.get(step % 3)));
                if (o.assigned()) {
                  AgentState s = a.agent(Desk.ADMIN, o.agentId()).orElseThrow();
                  assertThat(s.load()).isLessThanOrEqualTo(s.profile().capacity());
                  assertThat(s.profile().availability()).isEqualTo(Availability.AVAILABLE);
                }
              }
            }
            case 4 -> {
              if (ticket != null) {
                String to = step % 3 == 0 ? null : step % 3 == 1 ? agent : "admin";
                t.service().assignTicket(Desk.ADMIN, new AssignTicket(ticket, to, null));
              }
            }
            case 5, 6 -> {
              if (ticket != null) {
                t.service()
                    .changeStatus(Desk.ADMIN, new ChangeStatus(ticket, TARGETS[step % 6], null));
              }
            }
            case 7 -> {
              if (ticket != null) {
                t.service().deleteTicket(Desk.ADMIN, ticket, null);
              }
            }
            case 8 -> {
              if (ticket != null) {
                if (step % 2 == 0) {
                  t.service().restoreTicket(Desk.ROOT, ticket, null);
                } else {
                  t.service().purgeTicket(Desk.ROOT, ticket, null);
                  tickets.remove(ticket);
                }
              }
            }
            default ->
                a.setAvailability(
                    Actor.agent(agent),
                    agent,
                    step % 4 < 2 ? Availability.AWAY : Availability.AVAILABLE);
          }
        } catch (TicketingException refusedByTheStateMachine) {
          // an invalid transition, restoring a ticket that is not deleted: nothing changed
        }
        Map<String, Integer> actual = new HashMap<>();
        for (TicketView v :
            t.service().tickets(Desk.ROOT, TicketFilter.builder().includeDeleted(true).build())) {
          if (v.assignedTo() != null && v.status().isActive() && v.deletedAt() == null) {
            actual.merge(v.assignedTo().id(), 1, Integer::sum);
          }
        }
        for (AgentState s : a.agents(Desk.ADMIN)) {
          assertThat(s.load())
              .as("load of %s", s.agentId())
              .isEqualTo(actual.getOrDefault(s.agentId(), 0));
        }
      }
      assertThat(a.reconcile(Desk.ADMIN)).isEmpty();
    }
  }
}
