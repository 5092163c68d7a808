package dev.ticketing.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.CustomFieldService;
import dev.ticketing.FieldSpec;
import dev.ticketing.FieldType;
import dev.ticketing.FieldVisibility;
import dev.ticketing.SetFieldValues;
import dev.ticketing.TicketingException;
import dev.ticketing.adversarial.Fixture.Target;
import dev.ticketing.adversarial.ServiceMethods.Decision;
import dev.ticketing.adversarial.ServiceMethods.Expect;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.spi.TicketRecord;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deny by default for the custom fields facade, on the real stores: every public method of {@link
 * CustomFieldService} is listed here with the operation that guards it, and called by every role on
 * every ticket it may not act on; each call ends as the matrix says and writes nothing.
 */
class FieldsDenyByDefaultIT {

  @FunctionalInterface
  interface Call {
    Object call(CustomFieldService fields, Actor actor, Target target);
  }

  record FieldProbe(String signature, Operation operation, Decision decision, Call call) {}

  private static Decision ticketless(Operation op) {
    return (p, a, tk) -> p.permits(a, op) ? Expect.ALLOWED : Expect.ACCESS_DENIED;
  }

  static final List<FieldProbe> PROBES =
      List.of(
          new FieldProbe(
              "define(Actor,FieldSpec)",
              Operation.MANAGE_FIELDS,
              ticketless(Operation.MANAGE_FIELDS),
              (f, a, t) -> f.define(a, FieldSpec.of("probe", "Probe", FieldType.TEXT))),
          new FieldProbe(
              "change(Actor,FieldSpec,int)",
              Operation.MANAGE_FIELDS,
              ticketless(Operation.MANAGE_FIELDS),
              (f, a, t) ->
                  f.change(a, FieldSpec.of("plan", "Plan", FieldType.CHOICE).withChoices("x"), 1)),
          new FieldProbe(
              "retire(Actor,String,int)",
              Operation.MANAGE_FIELDS,
              ticketless(Operation.MANAGE_FIELDS),
              (f, a, t) -> f.retire(a, "plan", 1)),
          new FieldProbe(
              "versions(Actor,String)",
              Operation.MANAGE_FIELDS,
              ticketless(Operation.MANAGE_FIELDS),
              (f, a, t) -> f.versions(a, "plan")),
          new FieldProbe(
              "setValues(Actor,SetFieldValues)",
              Operation.SET_FIELDS,
              ServiceMethods.onTicket(Operation.SET_FIELDS),
              (f, a, t) -> f.setValues(a, SetFieldValues.set(t.ticketId(), "plan", "pro"))));

  /** Methods answered to everyone, each with only what the actor may see. */
  static final Map<String, String> SCOPED =
      Map.of(
          "definitions(Actor,String)",
          "the definitions the actor may see: customers only active fields shown to customers"
              + " (StaffOnlyFieldSecrecyProperties)");

  @Test
  void everyPublicMethodOfTheFacadeIsListedWithAPolicyDecision() {
    Set<String> declared = new TreeSet<>();
    for (Method m : CustomFieldService.class.getMethods()) {
      if (!Modifier.isStatic(m.getModifiers())) {
        declared.add(ServiceMethods.signature(m));
        assertThat(m.getParameterTypes()).as("%s names its actor first", m).startsWith(Actor.class);
      }
    }
    Set<String> listed = new TreeSet<>(SCOPED.keySet());
    PROBES.forEach(p -> listed.add(p.signature()));
    assertThat(listed).isEqualTo(declared);
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void everyRoleIsRefusedWhatTheMatrixDoesNotGrantItAndNothingIsWritten(Db db) {
    try (Desk desk = new Desk(db)) {
      Fixture fixture = Fixture.populate(desk);
      CustomFieldService fields = desk.ticketing.fields();
      fields.define(
          Desk.ADMIN,
          FieldSpec.of("plan", "Plan", FieldType.CHOICE)
              .withChoices("free", "pro")
              .withVisibility(FieldVisibility.CUSTOMERS));
      PermissionPolicy policy = MatrixPolicy.standard();
      Set<String> exercised = new LinkedHashSet<>();
      for (Actor actor : Desk.EVERYONE) {
        for (Target target : fixture.all()) {
          TicketRecord tk = fixture.record(desk, target);
          Map<String, List<List<Object>>> before = desk.db.fingerprint();
          for (FieldProbe p : PROBES) {
            Expect expect = p.decision().expect(policy, actor, tk);
            if (expect == Expect.ALLOWED) {
              continue;
            }
            String what = actor.id() + " -> " + p.signature() + " on " + target.name();
            Throwable thrown = null;
            try {
              p.call().call(fields, actor, target);
            } catch (Throwable e) {
              thrown = e;
            }
            assertThat(thrown).as(what).isInstanceOf(TicketingException.class);
            assertThat(((TicketingException) thrown).code().name())
                .as("%s: %s", what, thrown.getMessage())
                .isEqualTo(expect.name());
            exercised.add(p.signature());
          }
          assertThat(desk.db.fingerprint())
              .as("the database after %s", actor.id())
              .isEqualTo(before);
          assertThat(fields.versions(Desk.ADMIN, "plan")).hasSize(1);
        }
      }
      assertThat(exercised).hasSize(PROBES.size());
    }
  }
}
