package dev.ticketing.internal;

import static dev.ticketing.internal.ChangeLog.change;

import dev.ticketing.AuditAction;
import dev.ticketing.ChangeParticipants;
import dev.ticketing.FieldChange;
import dev.ticketing.TicketingOptions;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.spi.Activity;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Followers and CCs of a ticket: who may be added (the directory decides who is staff and who is a
 * customer of the ticket's company), and the audited change itself. The permission is checked
 * before the directory is asked, so that a refused caller learns nothing of who exists.
 */
final class ParticipantEdits {

  private final TicketStore store;
  private final TicketingOptions options;
  private final Access access;
  private final People people;
  private final ChangeLog changes;
  private final NotificationRouter router;

  ParticipantEdits(
      TicketStore store,
      TicketingOptions options,
      Access access,
      People people,
      ChangeLog changes,
      NotificationRouter router) {
    this.store = store;
    this.options = options;
    this.access = access;
    this.people = people;
    this.changes = changes;
    this.router = router;
  }

  /** A participant change, checked before its unit of work. */
  record Change(
      String ticketId,
      List<String> addFollowers,
      List<String> removeFollowers,
      List<String> addCcs,
      List<String> removeCcs) {

    boolean followers() {
      return !addFollowers.isEmpty() || !removeFollowers.isEmpty();
    }

    boolean ccs() {
      return !addCcs.isEmpty() || !removeCcs.isEmpty();
    }
  }

  Change check(Actor actor, ChangeParticipants input) {
    List<Violation> problems = new ArrayList<>();
    Change c =
        new Change(
            Objects.requireNonNull(input.ticketId()),
            People.ids("addFollowers", input.addFollowers(), problems),
            People.ids("removeFollowers", input.removeFollowers(), problems),
            People.ids("addCcs", input.addCcs(), problems),
            People.ids("removeCcs", input.removeCcs(), problems));
    both("removeFollowers", c.removeFollowers(), c.addFollowers(), problems);
    both("removeCcs", c.removeCcs(), c.addCcs(), problems);
    InputValidator.throwIfAny(problems);
    // Before the unit of work: read, not held (apply reads it again, for the change).
    TicketRecord t =
        permitted(actor, c, access.visible(actor, c.ticketId(), Operation.VIEW_TICKET));
    people.requireStaff("addFollowers", c.addFollowers(), problems);
    people.requireCustomers("addCcs", c.addCcs(), t.companyId(), problems);
    InputValidator.throwIfAny(problems);
    return c;
  }

  TicketSnapshot apply(Actor actor, Change c) {
    TicketRecord t =
        permitted(actor, c, access.visibleToChange(actor, c.ticketId(), Operation.VIEW_TICKET));
    TreeSet<String> followers = changed(t.followerIds(), c.addFollowers(), c.removeFollowers());
    TreeSet<String> ccs = changed(t.ccIds(), c.addCcs(), c.removeCcs());
    limit("addFollowers", followers.size(), options.maxFollowers(), "followers");
    limit("addCcs", ccs.size(), options.maxCcs(), "CCs");
    List<FieldChange> fields = new ArrayList<>();
    if (!followers.equals(new TreeSet<>(t.followerIds()))) {
      fields.add(change("followers", joined(t.followerIds()), joined(followers)));
    }
    if (!ccs.equals(new TreeSet<>(t.ccIds()))) {
      fields.add(change("ccs", joined(t.ccIds()), joined(ccs)));
    }
    if (fields.isEmpty()) {
      return snapshot(t);
    }
    Instant now = changes.now();
    TicketRecord stored =
        store.updateTicket(t.edit().followerIds(followers).ccIds(ccs).updatedAt(now).build());
    changes.record(t, stored, AuditAction.PARTICIPANTS_CHANGED, actor, now, fields);
    List<String> copied = ccs.stream().filter(id -> !t.ccIds().contains(id)).toList();
    changes.enqueue(router.ccsAdded(stored, copied, actor, now));
    return snapshot(stored);
  }

  /** {@code t}, once the actor may manage what the change touches on it. */
  private TicketRecord permitted(Actor actor, Change c, TicketRecord t) {
    if (c.followers()) {
      access.require(actor, Operation.MANAGE_FOLLOWERS, t);
    }
    if (c.ccs()) {
      access.require(actor, Operation.MANAGE_CCS, t);
    }
    return t;
  }

  private static void both(
      String field, List<String> removed, List<String> added, List<Violation> problems) {
    for (int i = 0; i < removed.size(); i++) {
      if (added.contains(removed.get(i))) {
        problems.add(new Violation(field + "[" + i + "]", "is also being added"));
      }
    }
  }

  private static TreeSet<String> changed(
      List<String> current, List<String> add, List<String> remove) {
    TreeSet<String> out = new TreeSet<>(current);
    out.removeAll(remove);
    out.addAll(add);
    return out;
  }

  private static void limit(String field, int size, int max, String what) {
    if (size > max) {
      throw ValidationException.of(
          field, "would leave the ticket with " + size + " " + what + "; at most " + max);
    }
  }

  private static @Nullable String joined(java.util.Collection<String> ids) {
    return ids.isEmpty() ? null : String.join(" ", ids);
  }

  private TicketSnapshot snapshot(TicketRecord t) {
    return new TicketSnapshot(
        t, store.activity(List.of(t.id())).getOrDefault(t.id(), Activity.NONE));
  }
}
