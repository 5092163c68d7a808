package dev.ticketing.internal;

import static dev.ticketing.internal.ChangeLog.change;

import dev.ticketing.AuditAction;
import dev.ticketing.ChangeTags;
import dev.ticketing.TagRules;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.spi.Activity;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Tags: normalising and checking them as {@link TagRules} says, and changing a ticket's tags in its
 * own audited change. The engine decides what a tag is; stores keep the text they are given.
 */
final class TagEdits {

  private final TicketStore store;
  private final TagRules rules;
  private final Access access;
  private final ChangeLog changes;

  TagEdits(TicketStore store, TagRules rules, Access access, ChangeLog changes) {
    this.store = store;
    this.rules = rules;
    this.access = access;
    this.changes = changes;
  }

  /** A tag change, checked before its unit of work: normalised tags to add and to remove. */
  record Change(String ticketId, List<String> add, List<String> remove) {}

  Change check(ChangeTags input) {
    List<Violation> problems = new ArrayList<>();
    List<String> add = normalised("add", input.add(), true, problems);
    List<String> remove = normalised("remove", input.remove(), false, problems);
    List<String> given = input.remove() == null ? List.of() : input.remove();
    for (int i = 0; i < given.size(); i++) {
      String tag = given.get(i);
      if (tag != null && add.contains(TagRules.normalise(tag))) {
        problems.add(new Violation("remove[" + i + "]", "is also being added"));
      }
    }
    InputValidator.throwIfAny(problems);
    return new Change(Objects.requireNonNull(input.ticketId()), add, remove);
  }

  /**
   * Normalised tags of one input field, each once, in the order given; a violation for each bad one,
   * named with its index. Tags to add must pass every rule; tags to remove or filter by need only
   * be well-formed, so that a tag that left the vocabulary can still be removed.
   */
  List<String> normalised(
      String field, @Nullable List<String> given, boolean adding, List<Violation> problems) {
    if (given == null) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < given.size(); i++) {
      String raw = given.get(i);
      String tag = raw == null ? "" : TagRules.normalise(raw);
      String problem =
          adding ? rules.problemAdding(tag) : TagRules.problemWith(tag, rules.maxLength());
      if (problem != null) {
        problems.add(new Violation(field + "[" + i + "]", problem));
      } else {
        out.add(tag);
      }
    }
    if (adding && out.size() > rules.maxPerTicket()) {
      problems.add(
          new Violation(field, "must hold at most " + rules.maxPerTicket() + " tags per ticket"));
    }
    return List.copyOf(out);
  }

  /** The tags of a filter, checked: at most {@link TagRules#maxPerFilter()}, each well-formed. */
  void checkFilter(String field, List<String> tags, List<Violation> problems) {
    if (tags.size() > rules.maxPerFilter()) {
      problems.add(new Violation(field, "must hold at most " + rules.maxPerFilter() + " tags"));
    }
    normalised(field, tags, false, problems);
  }

  TicketSnapshot apply(Actor actor, Change c) {
    TicketRecord t = access.permittedToChange(actor, c.ticketId(), Operation.TAG_TICKET);
    TreeSet<String> after = new TreeSet<>(t.tags());
    after.removeAll(c.remove());
    after.addAll(c.add());
    if (after.size() > rules.maxPerTicket()) {
      throw ValidationException.of(
          "add",
          "would leave the ticket with "
              + after.size()
              + " tags; it may carry at most "
              + rules.maxPerTicket());
    }
    if (after.equals(new TreeSet<>(t.tags()))) {
      return snapshot(t); // nothing to change: no new version, no audit entry
    }
    Instant now = changes.now();
    TicketRecord stored = store.updateTicket(t.edit().tags(after).updatedAt(now).build());
    changes.record(
        t,
        stored,
        AuditAction.TAGS_CHANGED,
        actor,
        now,
        List.of(change("tags", String.join(" ", t.tags()), String.join(" ", stored.tags()))));
    return snapshot(stored);
  }

  private TicketSnapshot snapshot(TicketRecord t) {
    return new TicketSnapshot(
        t, store.activity(List.of(t.id())).getOrDefault(t.id(), Activity.NONE));
  }
}
