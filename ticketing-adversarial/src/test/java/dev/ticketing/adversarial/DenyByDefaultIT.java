package dev.ticketing.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.MacroService;
import dev.ticketing.RatingService;
import dev.ticketing.ResolveOutcome;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketLinks;
import dev.ticketing.TicketPage;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingException;
import dev.ticketing.adversarial.Fixture.Target;
import dev.ticketing.adversarial.ServiceMethods.Expect;
import dev.ticketing.adversarial.ServiceMethods.Probe;
import dev.ticketing.jpa.JpaAssignmentStore;
import dev.ticketing.jpa.JpaLinkStore;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.spi.TicketRecord;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deny by default, on the real stores: every public method of {@link TicketService} is listed in
 * {@link ServiceMethods} with the operation the policy checks it against, and every one of them is
 * called by every role on every ticket it may not act on — John's, Alice's and Jane's tickets of
 * two tenants, an admin's, a soft-deleted one. Each call ends as the matrix says (not found for
 * what the actor may not see, access denied for what it sees but may not do), writes nothing (the
 * whole database compared value by value) and issues no URL. A policy that grants nothing makes
 * every method refuse.
 */
class DenyByDefaultIT {

  @Test
  void everyPublicMethodOfTheServiceIsInTheTableWithAPolicyDecision() {
    Set<String> declared = new TreeSet<>();
    List<Method> methods = new ArrayList<>();
    for (Method m : TicketService.class.getMethods()) {
      if (!Modifier.isStatic(m.getModifiers())) {
        declared.add(ServiceMethods.signature(m));
        methods.add(m);
      }
    }
    // The facades beside the service (Ticketing.assignment()) have rows too.
    ServiceMethods.FACADES.forEach(
        (prefix, facade) -> {
          for (Method m : facade.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers())) {
              declared.add(prefix + ServiceMethods.signature(m));
            }
          }
        });
    assertThat(new TreeSet<>(ServiceMethods.TABLE.keySet()))
        .as(
            "a method of TicketService without a row in ServiceMethods: say which operation guards it, and the"
                + " sweep below will call it with refused actors")
        .isEqualTo(declared);
    ServiceMethods.TABLE.forEach(
        (signature, probes) -> {
          if (probes.isEmpty()) {
            assertThat(ServiceMethods.UNGUARDED)
                .as("%s has no probe, so it must be declared unguarded", signature)
                .containsKey(signature);
          }
        });
    // An unguarded method takes no actor: it cannot read anything of anyone.
    for (Method m : methods) {
      if (ServiceMethods.UNGUARDED.containsKey(ServiceMethods.signature(m))) {
        assertThat(m.getParameterTypes()).doesNotContain(Actor.class);
      } else {
        assertThat(m.getParameterTypes()).as("%s names its actor first", m).startsWith(Actor.class);
      }
    }
    Set<String> linkMethods = new TreeSet<>();
    for (Method m : TicketLinks.class.getMethods()) {
      if (!Modifier.isStatic(m.getModifiers())) {
        linkMethods.add(LinkMethods.signature(m));
        assertThat(m.getParameterTypes()).as("%s names its actor first", m).startsWith(Actor.class);
      }
    }
    assertThat(new TreeSet<>(LinkMethods.TABLE.keySet()))
        .as("a method of TicketLinks without a row in LinkMethods")
        .isEqualTo(linkMethods);
    Set<Operation> covered = EnumSet.noneOf(Operation.class);
    ServiceMethods.probes().forEach(p -> covered.add(p.operation()));
    FieldsDenyByDefaultIT.PROBES.forEach(p -> covered.add(p.operation())); // the fields facade
    LinkMethods.probes().forEach(p -> covered.add(p.operation()));
    FacadeMethods.probes().forEach(p -> covered.add(p.operation()));
    ServiceMethods.AUTOMATION_TABLE.values().forEach(p -> covered.add(p.operation()));
    assertThat(covered)
        .as("every operation of the policy guards some call")
        .containsExactlyInAnyOrder(Operation.values());
  }

  @Test
  void everyPublicMethodOfTheFacadesIsInTheTableWithAPolicyDecision() {
    Set<String> declared = new TreeSet<>();
    for (Class<?> facade :
        List.of(MacroService.class, RatingService.class, dev.ticketing.TicketCounters.class)) {
      for (Method m : facade.getMethods()) {
        if (!Modifier.isStatic(m.getModifiers())) {
          declared.add(FacadeMethods.signature(facade, m));
          if (!FacadeMethods.UNGUARDED.containsKey(FacadeMethods.signature(facade, m))) {
            assertThat(m.getParameterTypes())
                .as("%s names its actor first", m)
                .startsWith(Actor.class);
          }
        }
      }
    }
    assertThat(new TreeSet<>(FacadeMethods.TABLE.keySet())).isEqualTo(declared);
    FacadeMethods.TABLE.forEach(
        (signature, probes) -> {
          if (probes.isEmpty()) {
            assertThat(FacadeMethods.UNGUARDED).containsKey(signature);
          }
        });
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void theFacadesRefuseWhatTheMatrixDoesNotGrantAndWriteNothing(Db db) {
    try (Desk desk = new Desk(db)) {
      Fixture fixture = Fixture.populate(desk);
      FacadeMethods.defineProbeMacro(desk.ticketing);
      PermissionPolicy policy = MatrixPolicy.standard();
      Set<String> exercised = new LinkedHashSet<>();
      for (Actor actor : Desk.EVERYONE) {
        for (Target target : fixture.all()) {
          TicketRecord tk = fixture.record(desk, target);
          Map<String, List<List<Object>>> before = desk.db.fingerprint();
          for (FacadeMethods.Probe p : FacadeMethods.probes()) {
            Expect expect = p.decision().expect(policy, actor, tk);
            if (expect == Expect.ALLOWED) {
              continue;
            }
            String what =
                actor.role()
                    + " "
                    + actor.id()
                    + " -> "
                    + p.method()
                    + " "
                    + p.name()
                    + " on "
                    + target.name();
            Object result = null;
            Throwable thrown = null;
            try {
              result = p.invocation().call(desk.ticketing, actor, target);
            } catch (Throwable e) {
              thrown = e;
            }
            check(what, expect, result, thrown, policy, actor, fixture, desk);
            exercised.add(p.method() + " " + p.name());
          }
          assertThat(desk.db.fingerprint())
              .as("the database after %s on %s", actor.id(), target.name())
              .isEqualTo(before);
        }
      }
      assertThat(exercised)
          .as("every facade probe was refused to someone")
          .containsExactlyInAnyOrderElementsOf(
              FacadeMethods.probes().stream().map(p -> p.method() + " " + p.name()).toList());
      // A forged link rates nothing.
      Map<String, List<List<Object>>> before = desk.db.fingerprint();
      assertThatThrownBy(
              () -> desk.ticketing.ratings().rateWithToken("r1.forged.token.1.x", 5, null))
          .isInstanceOfSatisfying(
              TicketingException.class, e -> assertThat(e.code().name()).isEqualTo("VALIDATION"));
      assertThat(desk.db.fingerprint()).isEqualTo(before);
    }
  }

  @Test
  void everyMethodOfTheAutomationFacadeIsInItsTableAndRefusedToWhomTheMatrixDoesNotGrantIt() {
    Set<String> declared = new TreeSet<>();
    for (Method m : dev.ticketing.automation.AutomationService.class.getMethods()) {
      if (!Modifier.isStatic(m.getModifiers())) {
        declared.add(ServiceMethods.signature(m));
        assertThat(m.getParameterTypes()).as("%s names its actor first", m).startsWith(Actor.class);
      }
    }
    assertThat(new TreeSet<>(ServiceMethods.AUTOMATION_TABLE.keySet())).isEqualTo(declared);
    MatrixPolicy policy = MatrixPolicy.standard();
    try (Ticketing t =
        Ticketing.builder()
            .directory(dev.ticketing.testsupport.SamplePeople.directory())
            .automations(dev.ticketing.automation.AutomationSettings.defaults())
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build()) {
      int refusals = 0;
      for (Actor actor : dev.ticketing.testsupport.SamplePeople.EVERYONE) {
        if (policy.permits(actor, Operation.MANAGE_AUTOMATIONS)) {
          continue;
        }
        for (ServiceMethods.AdminProbe p : ServiceMethods.AUTOMATION_TABLE.values()) {
          assertThatThrownBy(() -> p.invocation().apply(t.automations(), actor))
              .as("%s by %s", p.method(), actor)
              .isInstanceOf(dev.ticketing.AccessDeniedException.class);
          refusals++;
        }
      }
      assertThat(refusals).isPositive();
      assertThat(t.automations().rules(dev.ticketing.testsupport.SamplePeople.ADMIN))
          .as("nothing written")
          .isEmpty();
    }
  }

  @Test
  void thereIsNoActorWithoutARole() {
    assertThatThrownBy(() -> new Actor("nobody", null, null))
        .isInstanceOfSatisfying(
            dev.ticketing.ValidationException.class,
            e -> assertThat(e.fields()).containsExactly("actor.role"));
    assertThatThrownBy(() -> new Actor(" ", dev.ticketing.policy.Role.ADMIN, null))
        .isInstanceOfSatisfying(
            dev.ticketing.ValidationException.class,
            e -> assertThat(e.fields()).containsExactly("actor.id"));
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void everyRoleIsRefusedWhatTheMatrixDoesNotGrantItAndNothingIsWritten(Db db) {
    try (Desk desk = new Desk(db)) {
      Fixture fixture = Fixture.populate(desk);
      Set<String> exercised =
          sweep(desk, desk.service, desk.ticketing.links(), MatrixPolicy.standard(), fixture);
      assertThat(exercised)
          .as("every probe was refused to someone")
          .containsExactlyInAnyOrderElementsOf(allProbeNames());
    }
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void aPolicyThatGrantsNothingRefusesEveryMethodToEveryoneAndWritesNothing(Db db) {
    try (Desk desk = new Desk(db)) {
      Fixture fixture = Fixture.populate(desk);
      PermissionPolicy nothing = MatrixPolicy.builder().build();
      try (Ticketing denying =
          Ticketing.builder()
              .store(desk.store)
              .linkStore(JpaLinkStore.beside(desk.store))
              .blobStore(desk.blobs)
              .directory(Desk.DIRECTORY)
              .policy(nothing)
              .clock(desk.clock)
              .assignmentStore(new JpaAssignmentStore(desk.store.transactions()))
              .backgroundDispatch(false)
              .build()) {
        ServiceMethods.register(denying);
        for (Actor actor : Desk.EVERYONE) {
          for (Target t : fixture.all()) {
            TicketRecord tk = fixture.record(desk, t);
            for (Probe p : ServiceMethods.probes()) {
              assertThat(p.decision().expect(nothing, actor, tk))
                  .as("%s for %s", name(p), actor.id())
                  .isNotEqualTo(Expect.ALLOWED);
            }
          }
        }
        Set<String> exercised = sweep(desk, denying.service(), denying.links(), nothing, fixture);
        assertThat(exercised).hasSize(allProbeNames().size());
        // Every list is empty: nothing is visible.
        for (Actor actor : Desk.EVERYONE) {
          assertThat(denying.service().myTickets(actor)).isEmpty();
          assertThat(denying.service().myAssignedTickets(actor)).isEmpty();
        }
      }
    }
  }

  /** Calls every refused probe for every actor on every target; returns the probes exercised. */
  private static List<String> allProbeNames() {
    List<String> names = new ArrayList<>();
    ServiceMethods.probes().forEach(p -> names.add(name(p)));
    LinkMethods.probes().forEach(p -> names.add(p.method() + " " + p.name()));
    return names;
  }

  private static Set<String> sweep(
      Desk desk,
      TicketService service,
      TicketLinks links,
      PermissionPolicy policy,
      Fixture fixture) {
    Set<String> exercised = new LinkedHashSet<>();
    for (Actor actor : Desk.EVERYONE) {
      for (Target target : fixture.all()) {
        TicketRecord tk = fixture.record(desk, target);
        Map<String, List<List<Object>>> before = desk.db.fingerprint();
        List<String> calls = new ArrayList<>();
        for (Probe p : ServiceMethods.probes()) {
          Expect expect = p.decision().expect(policy, actor, tk);
          if (expect == Expect.ALLOWED) {
            continue;
          }
          String what = actor.role() + " " + actor.id() + " -> " + name(p) + " on " + target.name();
          calls.add(what);
          Object result = null;
          Throwable thrown = null;
          try {
            result = p.invocation().call(service, actor, target);
          } catch (Throwable e) {
            thrown = e;
          }
          check(what, expect, result, thrown, policy, actor, fixture, desk);
          assertThat(desk.blobs.takeIssued()).as("URLs issued to %s", what).isEmpty();
          assertThat(desk.blobs.takeTouched()).as("objects touched for %s", what).isEmpty();
          exercised.add(name(p));
        }
        for (LinkMethods.Probe p : LinkMethods.probes()) {
          Expect expect = p.decision().expect(policy, actor, tk);
          if (expect == Expect.ALLOWED) {
            continue;
          }
          String what =
              actor.role()
                  + " "
                  + actor.id()
                  + " -> "
                  + p.method()
                  + " "
                  + p.name()
                  + " on "
                  + target.name();
          calls.add(what);
          Object result = null;
          Throwable thrown = null;
          try {
            result = p.invocation().call(links, actor, target);
          } catch (Throwable e) {
            thrown = e;
          }
          check(what, expect, result, thrown, policy, actor, fixture, desk);
          exercised.add(p.method() + " " + p.name());
        }
        assertThat(desk.db.fingerprint()).as("the database after %s", calls).isEqualTo(before);
      }
    }
    return exercised;
  }

  private static void check(
      String what,
      Expect expect,
      Object result,
      Throwable thrown,
      PermissionPolicy policy,
      Actor actor,
      Fixture fixture,
      Desk desk) {
    switch (expect) {
      case NOT_FOUND, ACCESS_DENIED -> {
        assertThat(thrown).as(what).isInstanceOf(TicketingException.class);
        assertThat(((TicketingException) thrown).code().name())
            .as("%s: %s", what, thrown.getMessage())
            .isEqualTo(expect.name());
      }
      case OUTCOME_NOT_FOUND, OUTCOME_NOT_ALLOWED -> {
        assertThat(thrown).as(what).isNull();
        assertThat(List.copyOf(((Map<?, ?>) result).values()))
            .as(what)
            .isEqualTo(
                List.of(ResolveOutcome.valueOf(expect.name().substring("OUTCOME_".length()))));
      }
      case SCOPED -> {
        assertThat(thrown).as(what).isNull();
        List<TicketView> views =
            result instanceof TicketPage page
                ? page.nodes()
                : result instanceof Map<?, ?> details
                    ? details.values().stream().map(d -> ((TicketDetails) d).ticket()).toList()
                    : castViews(result);
        for (TicketView v : views) {
          TicketRecord t = desk.store.findTicket(v.id()).orElseThrow();
          assertThat(!t.deleted() && policy.permits(actor, Operation.VIEW_TICKET, t))
              .as("%s lists %s, which it may not see", what, v.id())
              .isTrue();
        }
        if (result instanceof TicketPage page) {
          assertThat(page.totalCount()).as(what).isIn(null, (long) views.size());
        }
      }
      case ALLOWED -> throw new AssertionError("not a refusal: " + what);
      default -> throw new AssertionError(expect);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<TicketView> castViews(Object result) {
    return (List<TicketView>) result;
  }

  static String name(Probe p) {
    return p.method() + " " + p.name();
  }
}
