package dev.ticketing.adversarial;

import static dev.ticketing.policy.Operation.LINK_TICKETS;
import static dev.ticketing.policy.Operation.MERGE_TICKETS;
import static dev.ticketing.policy.Operation.VIEW_TICKET;

import dev.ticketing.LinkKind;
import dev.ticketing.LinkTickets;
import dev.ticketing.MergeTickets;
import dev.ticketing.TicketLinks;
import dev.ticketing.adversarial.Fixture.Target;
import dev.ticketing.adversarial.ServiceMethods.Decision;
import dev.ticketing.adversarial.ServiceMethods.Expect;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every public method of {@link TicketLinks}, like {@link ServiceMethods} for the ticket service:
 * the operation that guards it and a way to call it on a target. A write names the target twice
 * (linking or merging it with itself): the target alone decides a refusal, before the other ticket
 * is looked at, and an allowed probe is never called by the refusal sweep.
 */
final class LinkMethods {

  /** How a probe calls the facade. */
  @FunctionalInterface
  interface Invocation {
    Object call(TicketLinks links, Actor actor, Target target);
  }

  record Probe(
      String method, String name, Operation operation, Decision decision, Invocation invocation) {}

  static final Map<String, List<Probe>> TABLE = table();

  private LinkMethods() {}

  static List<Probe> probes() {
    return TABLE.values().stream().flatMap(List::stream).toList();
  }

  static String signature(Method m) {
    return ServiceMethods.signature(m);
  }

  /** Staff only, whatever the policy grants a customer; the policy decides for staff. */
  static Decision staffOnTicket(Operation op) {
    return (p, a, tk) -> {
      Expect visible = ServiceMethods.onTicket(VIEW_TICKET).expect(p, a, tk);
      if (visible != Expect.ALLOWED) {
        return visible;
      }
      return a.isStaff() && p.permits(a, op, tk) ? Expect.ALLOWED : Expect.ACCESS_DENIED;
    };
  }

  private static Map<String, List<Probe>> table() {
    Map<String, List<Probe>> t = new LinkedHashMap<>();
    t.put(
        "link(Actor,LinkTickets)",
        List.of(
            new Probe(
                "link(Actor,LinkTickets)",
                "related",
                LINK_TICKETS,
                staffOnTicket(LINK_TICKETS),
                (l, a, tg) ->
                    l.link(a, LinkTickets.of(tg.ticketId(), LinkKind.RELATED, tg.ticketId())))));
    t.put(
        "unlink(Actor,LinkTickets)",
        List.of(
            new Probe(
                "unlink(Actor,LinkTickets)",
                "related",
                LINK_TICKETS,
                staffOnTicket(LINK_TICKETS),
                (l, a, tg) ->
                    l.unlink(a, LinkTickets.of(tg.ticketId(), LinkKind.RELATED, tg.ticketId())))));
    t.put(
        "merge(Actor,MergeTickets)",
        List.of(
            new Probe(
                "merge(Actor,MergeTickets)",
                "as the source",
                MERGE_TICKETS,
                staffOnTicket(MERGE_TICKETS),
                (l, a, tg) -> l.merge(a, MergeTickets.of(tg.ticketId(), tg.ticketId())))));
    t.put(
        "unmerge(Actor,String)",
        List.of(
            new Probe(
                "unmerge(Actor,String)",
                "the source",
                MERGE_TICKETS,
                staffOnTicket(MERGE_TICKETS),
                (l, a, tg) -> l.unmerge(a, tg.ticketId()))));
    t.put(
        "relations(Actor,String)",
        List.of(
            new Probe(
                "relations(Actor,String)",
                "of the ticket",
                VIEW_TICKET,
                ServiceMethods.onTicket(VIEW_TICKET),
                (l, a, tg) -> l.relations(a, tg.ticketId()))));
    t.put(
        "conversation(Actor,String)",
        List.of(
            new Probe(
                "conversation(Actor,String)",
                "of the ticket",
                VIEW_TICKET,
                ServiceMethods.onTicket(VIEW_TICKET),
                (l, a, tg) -> l.conversation(a, tg.ticketId()))));
    return t;
  }
}
