package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.FieldChange;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.TicketRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Audit entries round-trip and come back oldest first, per ticket; entries of the same instant in
 * the order they were appended.
 */
public abstract class AuditContract extends StoreContractFixture {

  @Test
  void historyRoundTripsEveryFieldOldestFirst() {
    TicketRecord t = ticket(acme, alice, T0);
    AuditEntry created =
        new AuditEntry(
            newId(),
            t.id(),
            AuditAction.CREATED,
            alice,
            Role.CUSTOMER,
            T0,
            List.of(
                new FieldChange("title", null, t.title()),
                new FieldChange("status", null, "OPEN")));
    AuditEntry assigned =
        new AuditEntry(
            newId(),
            t.id(),
            AuditAction.TICKET_ASSIGNED,
            admin,
            Role.ADMIN,
            T0.plusSeconds(60).plusNanos(7_000),
            List.of(
                new FieldChange("assignedTo", null, ann),
                new FieldChange("status", "OPEN", "IN_PROGRESS")));
    AuditEntry unassigned =
        new AuditEntry(
            newId(),
            t.id(),
            AuditAction.TICKET_UNASSIGNED,
            admin,
            Role.SUPER_ADMIN,
            T0.plusSeconds(120),
            List.of(new FieldChange("assignedTo", ann, null)));
    tx(
        () -> {
          store().insertTicket(t);
          store().appendAudit(created);
          store().appendAudit(assigned);
        });
    tx(() -> store().appendAudit(unassigned));

    assertThat(normalizedHistory(store().history(t.id())))
        .containsExactly(created, assigned, unassigned);
  }

  @Test
  void entriesOfTheSameInstantComeBackInAppendOrder() {
    // A frozen clock, or one fast request after another, gives several entries one timestamp. Their
    // ids must not decide the order: these are appended in the reverse of their ids' order, across
    // units of work and within one.
    TicketRecord t = ticket(acme, alice, T0);
    AuditEntry first = sameInstant("zz-" + newId(), t.id(), AuditAction.CREATED);
    AuditEntry second = sameInstant("mm-" + newId(), t.id(), AuditAction.TICKET_ASSIGNED);
    AuditEntry third = sameInstant("bb-" + newId(), t.id(), AuditAction.STATUS_CHANGED);
    AuditEntry fourth = sameInstant("aa-" + newId(), t.id(), AuditAction.TICKET_COMMENT_ADDED);
    tx(
        () -> {
          store().insertTicket(t);
          store().appendAudit(first);
          store().appendAudit(second);
        });
    tx(() -> store().appendAudit(third));
    tx(() -> store().appendAudit(fourth));

    assertThat(normalizedHistory(store().history(t.id())))
        .containsExactly(first, second, third, fourth);
  }

  private AuditEntry sameInstant(String id, String ticketId, AuditAction action) {
    return new AuditEntry(
        id,
        ticketId,
        action,
        admin,
        Role.ADMIN,
        T0.plusSeconds(30),
        List.of(new FieldChange("status", "OPEN", action.name())));
  }

  @Test
  void entryWithoutChangesRoundTrips() {
    TicketRecord t = ticket(acme, alice, T0);
    AuditEntry deleted =
        new AuditEntry(
            newId(),
            t.id(),
            AuditAction.DELETED,
            alice,
            Role.CUSTOMER,
            T0.plusSeconds(5),
            List.of());
    tx(
        () -> {
          store().insertTicket(t);
          store().appendAudit(deleted);
        });

    List<AuditEntry> history = store().history(t.id());

    assertThat(normalizedHistory(history)).containsExactly(deleted);
    assertThat(history.get(0).changes()).isEmpty();
  }

  @Test
  void changeValuesKeepTheirOrderTextAndNulls() {
    TicketRecord t = ticket(acme, alice, T0);
    String longText = repeat("Ünïcødé 🎫 ", 10_000).substring(0, 10_000);
    AuditEntry updated =
        new AuditEntry(
            newId(),
            t.id(),
            AuditAction.UPDATED,
            alice,
            Role.CUSTOMER,
            T0.plusSeconds(5),
            List.of(
                new FieldChange("title", "Old title", "New title"),
                new FieldChange("description", longText, longText.substring(0, 9_994) + "edited"),
                new FieldChange("category", null, null),
                new FieldChange("priority", "LOW", "URGENT"),
                new FieldChange("comment", null, newId())));
    tx(
        () -> {
          store().insertTicket(t);
          store().appendAudit(updated);
        });

    assertThat(normalizedHistory(store().history(t.id()))).containsExactly(updated);
  }

  @Test
  void everyActionAndRoleRoundTrips() {
    TicketRecord t = ticket(acme, alice, T0);
    List<AuditEntry> entries = new ArrayList<>();
    Role[] roles = Role.values();
    for (AuditAction action : AuditAction.values()) {
      entries.add(
          new AuditEntry(
              newId(),
              t.id(),
              action,
              admin,
              roles[entries.size() % roles.length],
              T0.plusSeconds(entries.size() + 1),
              List.of(new FieldChange("status", "OPEN", action.name()))));
    }
    tx(
        () -> {
          store().insertTicket(t);
          entries.forEach(store()::appendAudit);
        });

    assertThat(normalizedHistory(store().history(t.id()))).containsExactlyElementsOf(entries);
  }

  @Test
  void historyIsPerTicket() {
    TicketRecord a = ticket(acme, alice, T0);
    TicketRecord b = ticket(globex, carol, T0);
    AuditEntry ofA = audit(a.id(), AuditAction.CREATED, T0);
    AuditEntry ofB = audit(b.id(), AuditAction.CREATED, T0);
    AuditEntry ofB2 = audit(b.id(), AuditAction.TICKET_RESOLVED, T0.plusSeconds(1));
    tx(
        () -> {
          insertAll(a, b);
          store().appendAudit(ofB2);
          store().appendAudit(ofA);
          store().appendAudit(ofB);
        });

    assertThat(normalizedHistory(store().history(a.id()))).containsExactly(ofA);
    assertThat(normalizedHistory(store().history(b.id()))).containsExactly(ofB, ofB2);
    assertThat(store().history(newId())).isEmpty();
  }
}
