package dev.ticketing.internal;

import dev.ticketing.AttachmentView;
import dev.ticketing.CommentView;
import dev.ticketing.MergedConversation;
import dev.ticketing.TicketDetails;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.LinkStore;
import dev.ticketing.spi.MergeRecord;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A ticket's conversation read as the union of its own and those of the tickets merged into it,
 * level by level. Secrecy is decided per merged ticket: one the actor cannot see adds nothing (nor
 * do those merged into it), and its internal notes and their files are read only when the actor may
 * read the internal notes of both it and the ticket asked for.
 */
final class MergedConversations {

  /** The most tickets one conversation gathers: a bound on a pathological merge tree. */
  static final int MAX_TICKETS = 1000;

  private final TicketStore store;
  private final LinkStore links;
  private final Access access;
  private final ViewAssembler views;

  MergedConversations(TicketStore store, LinkStore links, Access access, ViewAssembler views) {
    this.store = store;
    this.links = links;
    this.access = access;
    this.views = views;
  }

  MergedConversation read(Actor actor, String ticketId) {
    InputValidator.checkId("ticketId", ticketId);
    TicketRecord t = access.visible(actor, ticketId, Operation.VIEW_TICKET);
    boolean notes = access.readsInternalNotes(actor, t);
    List<TicketRecord> shown = new ArrayList<>();
    Map<String, List<CommentRecord>> comments = new LinkedHashMap<>();
    Map<String, List<AttachmentRecord>> attachments = new LinkedHashMap<>();
    shown.add(t);
    comments.put(t.id(), store.comments(t.id(), notes));
    attachments.put(t.id(), store.attachments(t.id(), notes));
    Set<String> seen = new HashSet<>(List.of(t.id()));
    List<String> level = List.of(t.id());
    while (!level.isEmpty() && shown.size() < MAX_TICKETS) {
      List<String> sources = new ArrayList<>();
      for (List<MergeRecord> merges : links.mergesInto(level).values()) {
        for (MergeRecord m : merges) {
          if (seen.add(m.sourceTicketId())) {
            sources.add(m.sourceTicketId());
          }
        }
      }
      Map<String, TicketRecord> found = sources.isEmpty() ? Map.of() : store.findTickets(sources);
      List<String> next = new ArrayList<>();
      for (String id : sources) {
        TicketRecord s = found.get(id);
        if (s == null || s.deleted() || !access.sees(actor, s) || shown.size() >= MAX_TICKETS) {
          continue;
        }
        boolean sourceNotes = notes && access.readsInternalNotes(actor, s);
        shown.add(s);
        comments.put(id, store.comments(id, sourceNotes));
        attachments.put(id, store.attachments(id, sourceNotes));
        next.add(id);
      }
      level = next;
    }
    Map<String, TicketDetails> details = views.details(actor, shown, comments, attachments);
    List<CommentView> allComments = new ArrayList<>();
    List<AttachmentView> allAttachments = new ArrayList<>();
    for (TicketDetails d : details.values()) {
      allComments.addAll(d.comments());
      allAttachments.addAll(d.attachments());
    }
    allComments.sort(Comparator.comparing(CommentView::createdAt).thenComparing(CommentView::id));
    allAttachments.sort(
        Comparator.comparing(AttachmentView::createdAt).thenComparing(AttachmentView::id));
    return new MergedConversation(t.id(), allComments, allAttachments);
  }
}
