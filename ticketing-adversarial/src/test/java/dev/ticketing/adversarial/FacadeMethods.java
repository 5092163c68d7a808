package dev.ticketing.adversarial;

import static dev.ticketing.policy.Operation.APPLY_MACRO;
import static dev.ticketing.policy.Operation.MANAGE_MACROS;
import static dev.ticketing.policy.Operation.RATE_TICKET;
import static dev.ticketing.policy.Operation.VIEW_STATISTICS;
import static dev.ticketing.policy.Operation.VIEW_TICKET;

import dev.ticketing.Macro;
import dev.ticketing.MacroDefinition;
import dev.ticketing.MacroService;
import dev.ticketing.RatingGrouping;
import dev.ticketing.RatingService;
import dev.ticketing.Ticketing;
import dev.ticketing.adversarial.Fixture.Target;
import dev.ticketing.adversarial.ServiceMethods.Decision;
import dev.ticketing.adversarial.ServiceMethods.Expect;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every public method of the facades beside the ticket service ({@link MacroService}, {@link
 * RatingService}, {@link dev.ticketing.TicketCounters}), with the policy decision it is checked against and a way to call it, like
 * {@link ServiceMethods} for the service. A method of a facade without a row here fails {@code
 * DenyByDefaultIT}.
 */
final class FacadeMethods {

  /** The macro every probe names: a public reply, applied by agents, admins and super admins. */
  static final String PROBE_MACRO = "Probe macro";

  @FunctionalInterface
  interface Invocation {
    Object call(Ticketing ticketing, Actor actor, Target target);
  }

  record Probe(
      String method, String name, Operation operation, Decision decision, Invocation invocation) {}

  /** "Facade.method(Types)" to its probes. */
  static final Map<String, List<Probe>> TABLE = table();

  /** Methods that take no actor, with why no policy guards them. */
  static final Map<String, String> UNGUARDED =
      Map.of(
          "RatingService.rateWithToken(String,int,String)",
          "the signed token stands for the requester; a forged or expired one is a VALIDATION error",
          "TicketCounters.enabled()",
          "says only whether counters are kept: a setting, no data",
          "TicketCounters.fold()",
          "a job: compacts counter rows, changes no sum and returns only how many rows went");

  private FacadeMethods() {}

  static List<Probe> probes() {
    return TABLE.values().stream().flatMap(List::stream).toList();
  }

  /** Defines the macro the probes name (as an admin), before the sweep. */
  static Macro defineProbeMacro(Ticketing ticketing) {
    return ticketing
        .macros()
        .define(
            Desk.ADMIN, MacroDefinition.named(PROBE_MACRO).reply("Probe {{ticket.id}}").build());
  }

  private static String macroId(Ticketing t) {
    return t.macros().macros(Desk.ROOT).stream()
        .filter(m -> m.name().equals(PROBE_MACRO))
        .findFirst()
        .orElseThrow()
        .id();
  }

  private static Map<String, List<Probe>> table() {
    Map<String, List<Probe>> t = new LinkedHashMap<>();
    Decision manage =
        (p, a, tk) ->
            a.isStaff() && p.permits(a, MANAGE_MACROS) ? Expect.ALLOWED : Expect.ACCESS_DENIED;
    put(
        t,
        "MacroService.define(Actor,MacroDefinition)",
        probe(
            "a macro",
            MANAGE_MACROS,
            manage,
            (tk, a, tg) ->
                tk.macros().define(a, MacroDefinition.named("By " + a.id()).reply("x").build())));
    put(
        t,
        "MacroService.update(Actor,String,long,MacroDefinition)",
        probe(
            "the probe macro",
            MANAGE_MACROS,
            manage,
            (tk, a, tg) ->
                tk.macros()
                    .update(
                        a, macroId(tk), 1, MacroDefinition.named("Renamed").reply("y").build())));
    put(
        t,
        "MacroService.delete(Actor,String,long)",
        probe(
            "the probe macro",
            MANAGE_MACROS,
            manage,
            (tk, a, tg) -> {
              tk.macros().delete(a, macroId(tk), 1);
              return null;
            }));
    put(
        t,
        "MacroService.macro(Actor,String)",
        probe(
            "the probe macro",
            APPLY_MACRO,
            (p, a, tk) -> a.isStaff() ? Expect.ALLOWED : Expect.NOT_FOUND,
            (tk, a, tg) -> tk.macros().macro(a, macroId(tk))));
    put(
        t,
        "MacroService.macros(Actor)",
        probe(
            "every macro",
            APPLY_MACRO,
            (p, a, tk) -> a.isStaff() ? Expect.ALLOWED : Expect.ACCESS_DENIED,
            (tk, a, tg) -> tk.macros().macros(a)));
    Decision apply =
        (p, a, tk) ->
            a.isStaff()
                ? ServiceMethods.onTicket(APPLY_MACRO).expect(p, a, tk)
                : Expect.ACCESS_DENIED;
    put(
        t,
        "MacroService.preview(Actor,String,String)",
        probe(
            "on the target",
            APPLY_MACRO,
            apply,
            (tk, a, tg) -> tk.macros().preview(a, macroId(tk), tg.ticketId())));
    put(
        t,
        "MacroService.apply(Actor,String,String)",
        probe(
            "on the target",
            APPLY_MACRO,
            apply,
            (tk, a, tg) -> tk.macros().apply(a, macroId(tk), tg.ticketId())));
    put(
        t,
        "RatingService.rate(Actor,String,int,String)",
        probe(
            "the target",
            RATE_TICKET,
            (p, a, tk) -> {
              Expect visible = ServiceMethods.onTicket(VIEW_TICKET).expect(p, a, tk);
              if (visible != Expect.ALLOWED) {
                return visible;
              }
              return a.id().equals(tk.requesterId()) && p.permits(a, RATE_TICKET, tk)
                  ? Expect.ALLOWED
                  : Expect.ACCESS_DENIED;
            },
            (tk, a, tg) -> tk.ratings().rate(a, tg.ticketId(), 5, "probe")));
    Decision readRating =
        (p, a, tk) -> {
          Expect visible = ServiceMethods.onTicket(VIEW_TICKET).expect(p, a, tk);
          if (visible != Expect.ALLOWED) {
            return visible;
          }
          return a.isStaff() || a.id().equals(tk.requesterId()) ? Expect.ALLOWED : Expect.NOT_FOUND;
        };
    put(
        t,
        "RatingService.rating(Actor,String)",
        probe(
            "of the target",
            VIEW_TICKET,
            readRating,
            (tk, a, tg) -> tk.ratings().rating(a, tg.ticketId())));
    put(
        t,
        "RatingService.linkToken(Actor,String)",
        probe(
            "of the target",
            VIEW_TICKET,
            readRating,
            (tk, a, tg) -> tk.ratings().linkToken(a, tg.ticketId())));
    put(
        t,
        "RatingService.summaries(Actor,RatingGrouping,Instant,Instant,String)",
        probe(
            "by agent",
            VIEW_STATISTICS,
            (p, a, tk) -> p.permits(a, VIEW_STATISTICS) ? Expect.ALLOWED : Expect.ACCESS_DENIED,
            (tk, a, tg) ->
                tk.ratings()
                    .summaries(
                        a,
                        RatingGrouping.AGENT,
                        Instant.EPOCH,
                        Instant.parse("2100-01-01T00:00:00Z"),
                        null)));
    t.put("RatingService.rateWithToken(String,int,String)", List.of());
    put(
        t,
        "TicketCounters.reconcile(Actor,String,boolean)",
        probe(
            "the ticket counters",
            Operation.RECONCILE_COUNTERS,
            (p, a, tk) ->
                a.isStaff() && p.permits(a, Operation.RECONCILE_COUNTERS)
                    ? Expect.ALLOWED
                    : Expect.ACCESS_DENIED,
            (tk, a, tg) -> tk.counters().reconcile(a, null, false)));
    put(t, "TicketCounters.enabled()");
    put(t, "TicketCounters.fold()");
    return t;
  }

  static String signature(Class<?> facade, java.lang.reflect.Method m) {
    return facade.getSimpleName() + "." + ServiceMethods.signature(m);
  }

  private static void put(Map<String, List<Probe>> table, String signature, Probe... probes) {
    table.put(
        signature,
        Arrays.stream(probes)
            .map(p -> new Probe(signature, p.name(), p.operation(), p.decision(), p.invocation()))
            .toList());
  }

  private static Probe probe(String name, Operation op, Decision decision, Invocation invocation) {
    return new Probe("", name, op, decision, invocation);
  }
}
