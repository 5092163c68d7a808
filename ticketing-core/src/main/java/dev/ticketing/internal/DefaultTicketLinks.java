package dev.ticketing.internal;

import dev.ticketing.LinkSettings;
import dev.ticketing.LinkTickets;
import dev.ticketing.LinkView;
import dev.ticketing.MergeTickets;
import dev.ticketing.MergeView;
import dev.ticketing.MergedConversation;
import dev.ticketing.TicketLinks;
import dev.ticketing.TicketRelations;
import dev.ticketing.TicketView;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.spi.LinkRecord;
import dev.ticketing.spi.LinkStore;
import dev.ticketing.spi.MergeRecord;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind {@link TicketLinks}: validates the input, then in one unit of work (the link
 * store's around the ticket store's, inside every other capability's) checks and writes through
 * {@link LinkWriter} and {@link MergeWriter}, retried when a concurrent change of either ticket
 * wins the race. Reads go through {@link MergedConversations} and the relations here.
 */
final class DefaultTicketLinks implements TicketLinks {

  private final TicketStore store;
  private final LinkStore links;
  private final Access access;
  private final UnitOfWork unit;
  private final ViewAssembler views;
  private final LinkSettings settings;
  private final LinkWriter linker;
  private final MergeWriter merger;
  private final MergedConversations conversations;
  private final InputValidator validator = new InputValidator();

  DefaultTicketLinks(
      EngineParts parts,
      LinkStore links,
      LinkSettings settings,
      List<ChangeListener> listeners,
      Enclosure enclosure,
      Runnable settle) {
    this.store = parts.store();
    this.links = links;
    this.settings = settings;
    this.access = new Access(store, parts.policy());
    ChangeLog changes = new ChangeLog(store, parts.ids(), parts.clock(), listeners);
    IdempotencyKeys keys =
        new IdempotencyKeys(store, parts.clock(), parts.options().idempotencyKeyRetention());
    this.unit = new UnitOfWork(store, keys, parts.afterCommit(), enclosure, settle);
    this.views =
        new ViewAssembler(
            parts.directory(),
            parts.subjects(),
            parts.blobs(),
            parts.policy(),
            parts.options(),
            parts.failures(),
            new FieldRules(parts.fieldDefinitions()));
    this.linker = new LinkWriter(store, links, access, changes, settings);
    this.merger =
        new MergeWriter(
            store,
            links,
            access,
            changes,
            settings,
            new MergeNotices(parts.options(), parts.ids()));
    this.conversations = new MergedConversations(store, links, access, views);
  }

  @Override
  public LinkView link(Actor actor, LinkTickets input) {
    validator.check("input", input);
    LinkRecord l = UnitOfWork.retryOnConflict(() -> unit.write(() -> linker.link(actor, input)));
    return view(l);
  }

  @Override
  public boolean unlink(Actor actor, LinkTickets input) {
    validator.check("input", input);
    return UnitOfWork.retryOnConflict(() -> unit.write(() -> linker.unlink(actor, input)));
  }

  @Override
  public MergeView merge(Actor actor, MergeTickets input) {
    validator.check("input", input);
    MergeRecord m = UnitOfWork.retryOnConflict(() -> unit.write(() -> merger.merge(actor, input)));
    return MergeView.of(m, settings.unmergeWindow());
  }

  @Override
  public TicketView unmerge(Actor actor, String sourceTicketId) {
    InputValidator.checkId("sourceTicketId", sourceTicketId);
    TicketSnapshot s =
        UnitOfWork.retryOnConflict(
            () ->
                unit.write(
                    () -> {
                      TicketRecord t = merger.unmerge(actor, sourceTicketId);
                      return new TicketSnapshot(
                          t,
                          store
                              .activity(List.of(t.id()))
                              .getOrDefault(t.id(), dev.ticketing.spi.Activity.NONE));
                    }));
    return views.ticket(actor, s.ticket(), s.activity());
  }

  @Override
  public MergedConversation conversation(Actor actor, String ticketId) {
    return conversations.read(actor, ticketId);
  }

  @Override
  public TicketRelations relations(Actor actor, String ticketId) {
    InputValidator.checkId("ticketId", ticketId);
    TicketRecord t = access.visible(actor, ticketId, Operation.VIEW_TICKET);
    List<LinkRecord> linked = links.links(t.id());
    @Nullable MergeRecord into = links.mergeOf(t.id()).orElse(null);
    List<MergeRecord> merged = links.mergesInto(List.of(t.id())).getOrDefault(t.id(), List.of());
    Set<String> others = new LinkedHashSet<>();
    linked.forEach(
        l -> others.add(l.fromTicketId().equals(t.id()) ? l.toTicketId() : l.fromTicketId()));
    if (into != null) {
      others.add(into.targetTicketId());
    }
    merged.forEach(m -> others.add(m.sourceTicketId()));
    Map<String, TicketRecord> found = others.isEmpty() ? Map.of() : store.findTickets(others);
    // Only what the actor may see at the other end: never a hint of a ticket hidden from them.
    List<LinkView> shownLinks = new ArrayList<>();
    for (LinkRecord l : linked) {
      String other = l.fromTicketId().equals(t.id()) ? l.toTicketId() : l.fromTicketId();
      if (seen(actor, found.get(other))) {
        shownLinks.add(view(l));
      }
    }
    MergeView shownInto =
        into != null && seen(actor, found.get(into.targetTicketId()))
            ? MergeView.of(into, settings.unmergeWindow())
            : null;
    List<MergeView> shownMerged = new ArrayList<>();
    for (MergeRecord m : merged) {
      if (seen(actor, found.get(m.sourceTicketId()))) {
        shownMerged.add(MergeView.of(m, settings.unmergeWindow()));
      }
    }
    return new TicketRelations(t.id(), shownLinks, shownInto, shownMerged);
  }

  private boolean seen(Actor actor, @Nullable TicketRecord other) {
    return other != null && !other.deleted() && access.sees(actor, other);
  }

  private static LinkView view(LinkRecord l) {
    return new LinkView(l.fromTicketId(), l.kind(), l.toTicketId(), l.createdBy(), l.createdAt());
  }
}
