package dev.ticketing.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AttachmentView;
import dev.ticketing.ChangeParticipants;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CommentView;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.ExternalNote;
import dev.ticketing.PageRequest;
import dev.ticketing.RequestUpload;
import dev.ticketing.Status;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketPage;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingException;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UploadUrl;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.Reach;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.support.Desk;
import dev.ticketing.support.QuietLogs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.jspecify.annotations.Nullable;

/**
 * The secrecy of internal notes (docs/reference.md): whatever happens on a desk, a customer never
 * receives an internal note or anything derived from it — not its text, not its id, not its files,
 * not in counts, not in lastCommentAt, not in a notification, not as a search hit. That holds for
 * the tickets customers requested, those raised on their behalf, and those they are copied on (a
 * CC), however CCs and followers come and go.
 */
class InternalNoteSecrecyProperties {

  static {
    QuietLogs.install();
  }

  static final List<Actor> PEOPLE =
      List.of(Desk.JOHN, Desk.ALICE, Desk.JANE, Desk.SARAH, Desk.MIKE, Desk.ADMIN, Desk.ROOT);
  static final List<Actor> CUSTOMERS = List.of(Desk.JOHN, Desk.ALICE, Desk.JANE);
  static final Set<String> CUSTOMER_IDS = Set.of("john", "alice", "jane");

  // ------------------------------------------------------------------ actions

  /** One thing someone does; {@code actor} indexes {@link #PEOPLE}, {@code ticket} the tickets created so far. */
  sealed interface Action
      permits Create,
          Assign,
          Reply,
          Note,
          Move,
          AttachToNote,
          AttachPublic,
          Delete,
          Restore,
          Search,
          BulkResolve,
          External,
          Copy,
          Follow,
          CreateFor {}

  record Create(int actor, boolean acme) implements Action {}

  record Assign(int actor, int ticket, @Nullable String assignee) implements Action {}

  record Reply(int actor, int ticket) implements Action {}

  record Note(int actor, int ticket, String marker) implements Action {}

  record Move(int actor, int ticket, Status target) implements Action {}

  /** Upload a file and link it to an internal note (index into the notes written so far). */
  record AttachToNote(int actor, int note) implements Action {}

  /** Upload a file onto the ticket itself or onto its latest public comment. */
  record AttachPublic(int actor, int ticket, boolean onComment) implements Action {}

  record Delete(int actor, int ticket) implements Action {}

  record Restore(int ticket) implements Action {}

  /** Search for the marker of an internal note (index into the notes written so far). */
  record Search(int actor, int note) implements Action {}

  record BulkResolve(int actor, List<Integer> tickets) implements Action {}

  /**
   * A note the host inserted elsewhere (the Comdeall support module), public or internal, dated a
   * little before or after now.
   */
  record External(int actor, int ticket, boolean internal, String marker, int offsetMinutes)
      implements Action {}

  /** Copy a customer on a ticket (a CC), or take them off it. */
  record Copy(int actor, int ticket, String customer, boolean remove) implements Action {}

  /** A staff member (or, refused, anyone) follows a ticket. */
  record Follow(int actor, int ticket, String follower) implements Action {}

  /** Staff raise a ticket on behalf of a customer, copying another. */
  record CreateFor(int actor, String requester, String cc) implements Action {}

  static Arbitrary<Integer> actor() {
    return Arbitraries.integers().between(0, PEOPLE.size() - 1);
  }

  /** Mostly someone who may write notes (admin, root, the agents), sometimes anyone. */
  @SuppressWarnings("unchecked")
  static Arbitrary<Integer> mostlyStaff() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(5, 6)), Tuple.of(2, Arbitraries.of(3, 4)), Tuple.of(2, actor()));
  }

  static Arbitrary<Integer> index() {
    return Arbitraries.integers().between(0, 9);
  }

  /** Distinctive text no other input contains (upper-case letters after a fixed prefix). */
  static Arbitrary<String> marker() {
    return Arbitraries.strings().withCharRange('A', 'Z').ofLength(10).map(s -> "SECRETNOTE" + s);
  }

  @Provide
  Arbitrary<List<Action>> chains() {
    @SuppressWarnings("unchecked")
    Arbitrary<Action> action =
        Arbitraries.frequencyOf(
            Tuple.of(2, Combinators.combine(actor(), Arbitraries.of(true, false)).as(Create::new)),
            Tuple.of(
                3,
                Combinators.combine(
                        actor(), index(), Arbitraries.of("sarah", "mike").injectNull(0.2))
                    .as(Assign::new)),
            Tuple.of(3, Combinators.combine(actor(), index()).as(Reply::new)),
            Tuple.of(8, Combinators.combine(mostlyStaff(), index(), marker()).as(Note::new)),
            Tuple.of(
                3,
                Combinators.combine(actor(), index(), Arbitraries.of(Status.class)).as(Move::new)),
            Tuple.of(3, Combinators.combine(mostlyStaff(), index()).as(AttachToNote::new)),
            Tuple.of(
                2,
                Combinators.combine(actor(), index(), Arbitraries.of(true, false))
                    .as(AttachPublic::new)),
            Tuple.of(1, Combinators.combine(actor(), index()).as(Delete::new)),
            Tuple.of(1, index().map(Restore::new)),
            Tuple.of(2, Combinators.combine(actor(), index()).as(Search::new)),
            Tuple.of(
                1,
                Combinators.combine(actor(), index().list().ofMinSize(1).ofMaxSize(4))
                    .as(BulkResolve::new)),
            Tuple.of(
                2,
                Combinators.combine(
                        actor(),
                        index(),
                        Arbitraries.of(true, false),
                        marker(),
                        Arbitraries.integers().between(-120, 120))
                    .as(External::new)),
            Tuple.of(
                4,
                Combinators.combine(
                        actor(),
                        index(),
                        Arbitraries.of("john", "alice", "jane"),
                        Arbitraries.of(false, false, true))
                    .as(Copy::new)),
            Tuple.of(
                2,
                Combinators.combine(actor(), index(), Arbitraries.of("sarah", "mike", "alice"))
                    .as(Follow::new)),
            Tuple.of(
                2,
                Combinators.combine(
                        actor(),
                        Arbitraries.of("john", "alice", "jane"),
                        Arbitraries.of("john", "alice", "jane"))
                    .as(CreateFor::new)));
    return action
        .list()
        .ofMinSize(3)
        .ofMaxSize(30)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  // ------------------------------------------------------------------ what the test remembers

  record InternalNote(String id, String ticketId, String marker) {}

  /** The world as the actions left it, from the calls' own inputs and results. */
  static final class World {
    final List<String> tickets = new ArrayList<>();
    final List<InternalNote> notes = new ArrayList<>();

    /** Strings no customer output may contain: note ids and markers, internal files' ids, keys, names. */
    final Set<String> secrets = new LinkedHashSet<>();

    /** Creation times of the public comments of each ticket. */
    final Map<String, List<Instant>> publicComments = new HashMap<>();

    /** The latest public comment of each ticket. */
    final Map<String, String> lastPublicComment = new HashMap<>();

    /** Files on a ticket or on its public comments. */
    final Map<String, Integer> publicFiles = new HashMap<>();

    int internalFiles;
    int externalIds;

    @Nullable String ticket(int index) {
      return tickets.isEmpty() ? null : tickets.get(index % tickets.size());
    }
  }

  // ------------------------------------------------------------------ the property

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void customers_never_receive_anything_of_an_internal_note(
      @ForAll("chains") List<Action> actions, @ForAll boolean companyWide) {
    TicketingOptions options = TicketingOptions.defaults();
    MatrixPolicy policy =
        companyWide
            ? MatrixPolicy.standard().toBuilder().customerVisibility(Reach.COMPANY).build()
            : MatrixPolicy.standard();
    try (Desk desk = new Desk(policy, options)) {
      World w = new World();
      // Two tickets to start with, one of them worked by Sarah, so that notes have somewhere to go.
      w.tickets.add(
          desk.service
              .createTicket(Desk.JOHN, CreateTicket.of("Upload fails", "Error S3", "acme"))
              .id());
      w.tickets.add(
          desk.service
              .createTicket(Desk.JANE, CreateTicket.of("Invoice wrong", "Twice", "globex"))
              .id());
      desk.service.assignTicket(Desk.ADMIN, new AssignTicket(w.tickets.get(0), "sarah"));

      for (Action action : actions) {
        desk.clock.advance(Duration.ofSeconds(7));
        try {
          apply(desk, w, action);
        } catch (TicketingException refused) {
          // Refusals are part of the game: what matters is what customers can read afterwards.
        }
      }
      Statistics.label("internal notes written")
          .collect(w.notes.size() == 0 ? "0" : w.notes.size() < 3 ? "1-2" : "3+");
      Statistics.label("internal files").collect(w.internalFiles > 0);
      Statistics.label("a customer copied on a ticket")
          .collect(
              w.tickets.stream()
                  .anyMatch(
                      id ->
                          desk.store.findTicket(id).map(t -> !t.ccIds().isEmpty()).orElse(false)));

      List<Notification> delivered = desk.deliver();
      for (Actor customer : CUSTOMERS) {
        checkEverythingTheCustomerCanRead(desk, w, customer, delivered);
      }
      checkStaffDoSeeTheNotes(desk, w);
    }
  }

  private static void apply(Desk desk, World w, Action action) {
    var s = desk.service;
    if (action instanceof Create a) {
      Actor actor = PEOPLE.get(a.actor());
      String company =
          actor.companyId() != null ? actor.companyId() : (a.acme() ? "acme" : "globex");
      w.tickets.add(
          s.createTicket(
                  actor, CreateTicket.of("Ticket " + w.tickets.size(), "Please help", company))
              .id());
    } else if (action instanceof Assign a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        s.assignTicket(PEOPLE.get(a.actor()), new AssignTicket(id, a.assignee()));
      }
    } else if (action instanceof Reply a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        CommentView c =
            s.addComment(PEOPLE.get(a.actor()), new AddComment(id, "Public reply " + id, false));
        recordPublic(w, id, c);
      }
    } else if (action instanceof Note a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        w.secrets.add(a.marker()); // even a refused note must never show up
        CommentView c =
            s.addComment(
                PEOPLE.get(a.actor()),
                new AddComment(id, "Internal: " + a.marker() + " do not tell", true));
        w.notes.add(new InternalNote(c.id(), id, a.marker()));
        w.secrets.add(c.id());
      }
    } else if (action instanceof Move a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        s.changeStatus(PEOPLE.get(a.actor()), new ChangeStatus(id, a.target()));
      }
    } else if (action instanceof Copy a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        s.changeParticipants(
            PEOPLE.get(a.actor()),
            a.remove()
                ? ChangeParticipants.uncc(id, a.customer())
                : ChangeParticipants.cc(id, a.customer()));
      }
    } else if (action instanceof Follow a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        s.changeParticipants(PEOPLE.get(a.actor()), ChangeParticipants.follow(id, a.follower()));
      }
    } else if (action instanceof CreateFor a) {
      String company = a.requester().equals("jane") ? "globex" : "acme";
      w.tickets.add(
          s.createTicket(
                  PEOPLE.get(a.actor()),
                  CreateTicket.of("For " + a.requester(), "On their behalf", company)
                      .onBehalfOf(a.requester())
                      .withCcs(a.cc().equals(a.requester()) ? null : List.of(a.cc())))
              .id());
    } else if (action instanceof AttachToNote a) {
      if (!w.notes.isEmpty()) {
        InternalNote note = w.notes.get(a.note() % w.notes.size());
        Actor actor = PEOPLE.get(a.actor());
        String fileName = note.marker() + "-evidence.txt";
        w.secrets.add(fileName);
        byte[] body = ("log of " + note.marker()).getBytes(StandardCharsets.UTF_8);
        UploadUrl url =
            s.requestUpload(
                actor, new RequestUpload(note.ticketId(), fileName, "text/plain", body.length));
        w.secrets.add(url.key());
        // The key's random segment appears in every URL made for the object, however encoded.
        w.secrets.add(url.key().split("/")[3]);
        desk.blobs.upload(url.uploadUrl(), "text/plain", body);
        AttachmentView a1 =
            s.confirmAttachment(
                actor, new ConfirmAttachment(note.ticketId(), url.key(), note.id()));
        w.secrets.add(a1.id());
        w.secrets.add(a1.fileUrl());
        w.internalFiles++;
      }
    } else if (action instanceof AttachPublic a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        Actor actor = PEOPLE.get(a.actor());
        String commentId = a.onComment() ? w.lastPublicComment.get(id) : null;
        byte[] body = "screenshot".getBytes(StandardCharsets.UTF_8);
        UploadUrl url =
            s.requestUpload(
                actor, new RequestUpload(id, "screenshot.png", "image/png", body.length));
        desk.blobs.upload(url.uploadUrl(), "image/png", body);
        s.confirmAttachment(actor, new ConfirmAttachment(id, url.key(), commentId));
        w.publicFiles.merge(id, 1, Integer::sum);
      }
    } else if (action instanceof Delete a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        s.deleteTicket(PEOPLE.get(a.actor()), id);
      }
    } else if (action instanceof Restore a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        s.restoreTicket(Desk.ROOT, id);
      }
    } else if (action instanceof Search a) {
      if (!w.notes.isEmpty()) {
        Actor actor = PEOPLE.get(a.actor());
        String marker = w.notes.get(a.note() % w.notes.size()).marker();
        TicketPage page =
            s.ticketsPaginated(
                actor,
                PageRequest.first(100).withTotalCount(),
                TicketFilter.builder().searchTerm(marker).build());
        if (actor.role() == Role.CUSTOMER) {
          assertThat(page.edges())
              .as("%s searching for an internal note's text", actor.id())
              .isEmpty();
          assertThat(page.totalCount()).isZero();
        }
      }
    } else if (action instanceof BulkResolve a) {
      if (!w.tickets.isEmpty()) {
        List<String> ids = a.tickets().stream().map(w::ticket).toList();
        s.resolveTickets(PEOPLE.get(a.actor()), ids);
      }
    } else if (action instanceof External a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        Instant at = desk.clock.instant().plus(Duration.ofMinutes(a.offsetMinutes()));
        String externalId = "ext-" + (w.externalIds++);
        if (a.internal()) {
          w.secrets.add(a.marker());
        }
        String text = a.internal() ? "Internal: " + a.marker() : "Note from the office";
        CommentView c =
            s.recordExternalNote(
                PEOPLE.get(a.actor()), new ExternalNote(externalId, id, text, at, a.internal()));
        if (a.internal()) {
          w.notes.add(new InternalNote(c.id(), id, a.marker()));
          w.secrets.add(c.id());
        } else {
          recordPublic(w, id, c);
        }
      }
    } else {
      throw new AssertionError("unknown action " + action);
    }
  }

  private static void recordPublic(World w, String ticketId, CommentView c) {
    w.publicComments.computeIfAbsent(ticketId, k -> new ArrayList<>()).add(c.createdAt());
    w.lastPublicComment.put(ticketId, c.id());
  }

  // ------------------------------------------------------------------ what customers can read

  private static void checkEverythingTheCustomerCanRead(
      Desk desk, World w, Actor customer, List<Notification> delivered) {
    var s = desk.service;
    List<Object> outputs = new ArrayList<>();
    List<TicketView> views = new ArrayList<>();

    for (String id : w.tickets) {
      TicketDetails d;
      try {
        d = s.ticket(customer, id);
      } catch (TicketingException notVisible) {
        continue;
      }
      outputs.add(d);
      views.add(d.ticket());
      assertThat(d.comments())
          .as("%s reading %s", customer.id(), id)
          .noneMatch(CommentView::internal);
      assertThat(d.comments()).hasSize(w.publicComments.getOrDefault(id, List.of()).size());
      assertThat(d.attachments()).hasSize(w.publicFiles.getOrDefault(id, 0));
      for (CommentView c : d.comments()) {
        assertThat(d.attachments()).containsAll(c.attachments());
      }
    }
    List<TicketView> mine = s.myTickets(customer);
    outputs.add(mine);
    views.addAll(mine);
    for (String company : List.of("acme", "globex")) {
      try {
        List<TicketView> byCompany = s.ticketsByCompany(customer, company);
        outputs.add(byCompany);
        views.addAll(byCompany);
      } catch (TicketingException refused) {
        // another company's list may be refused; nothing read
      }
    }
    List<TicketView> paged = allPages(desk, customer, TicketFilter.none());
    outputs.add(paged);
    views.addAll(paged);
    for (InternalNote note : w.notes) {
      TicketPage hits =
          s.ticketsPaginated(
              customer,
              PageRequest.first(100).withTotalCount(),
              TicketFilter.builder().searchTerm(note.marker()).build());
      assertThat(hits.edges())
          .as("%s searching for internal text %s", customer.id(), note.marker())
          .isEmpty();
      assertThat(hits.totalCount()).isZero();
      outputs.add(hits);
    }
    for (Notification n : delivered) {
      if (n.recipientId().equals(customer.id())) {
        outputs.add(n);
      }
    }

    for (Object output : outputs) {
      String text = String.valueOf(output);
      for (String secret : w.secrets) {
        assertThat(text).as("something %s can read", customer.id()).doesNotContain(secret);
      }
    }
    for (TicketView v : views) {
      List<Instant> times = w.publicComments.getOrDefault(v.id(), List.of());
      assertThat(v.count().comments())
          .as("%s: comment count of %s", customer.id(), v.id())
          .isEqualTo((long) times.size());
      assertThat(v.count().attachments())
          .as("%s: file count of %s", customer.id(), v.id())
          .isEqualTo((long) w.publicFiles.getOrDefault(v.id(), 0));
      Instant last = times.stream().max(Comparator.naturalOrder()).orElse(null);
      assertThat(v.lastCommentAt())
          .as("%s: lastCommentAt of %s", customer.id(), v.id())
          .isEqualTo(last);
    }
  }

  private static List<TicketView> allPages(Desk desk, Actor actor, TicketFilter filter) {
    List<TicketView> out = new ArrayList<>();
    PageRequest page = PageRequest.first(3);
    for (int i = 0; i < 100; i++) {
      TicketPage p = desk.service.ticketsPaginated(actor, page, filter);
      out.addAll(p.nodes());
      if (!p.pageInfo().hasNextPage()) {
        return out;
      }
      page = page.after(p.pageInfo().endCursor());
    }
    throw new AssertionError("more than 100 pages");
  }

  /** The other side, so that the property cannot pass by losing the notes: staff who may read them do. */
  private static void checkStaffDoSeeTheNotes(Desk desk, World w) {
    for (InternalNote note : w.notes) {
      Optional<TicketRecord> t = desk.store.findTicket(note.ticketId());
      if (t.isEmpty() || t.get().deleted()) {
        continue;
      }
      TicketDetails d = desk.service.ticket(Desk.ADMIN, note.ticketId());
      assertThat(d.comments()).extracting(CommentView::id).contains(note.id());
      assertThat(String.valueOf(d)).contains(note.marker());
    }
  }
}
