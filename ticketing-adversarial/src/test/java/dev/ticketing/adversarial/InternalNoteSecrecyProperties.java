package dev.ticketing.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AttachmentView;
import dev.ticketing.AuditEntry;
import dev.ticketing.ChangeParticipants;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CommentView;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.ExternalNote;
import dev.ticketing.Macro;
import dev.ticketing.MacroDefinition;
import dev.ticketing.MacroResult;
import dev.ticketing.MacroService;
import dev.ticketing.MergedConversation;
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
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.jspecify.annotations.Nullable;

/**
 * The secrecy of internal notes on PostgreSQL, with files on S3Proxy and mail through GreenMail:
 * whatever a desk of customers, agents and admins does, a customer never receives an internal note
 * or anything derived from it. Random action chains (the core runs the same property in memory;
 * here every read comes from the database and every file URL from the S3 signer), then everything a
 * customer can receive is scanned for the notes' ids, text, files and keys: what each of the
 * customer's own calls returned along the way, ticket details, every list and page, search hits and
 * counts, {@code lastCommentAt}, attachment URLs, the history (refused), the notifications
 * delivered to them and the mails their address received (from the plain e-mail notifier, or the
 * e-mail channel's threaded one). Customers are requesters, customers staff raised tickets for,
 * and CCs copied on and taken off tickets while followers come and go. Staff merge tickets into
 * others (and undo it) and link them: the merged conversation and the links a customer reads hold
 * no internal note and nothing of a ticket the customer cannot see.
 */
class InternalNoteSecrecyProperties {

  static final List<Actor> PEOPLE =
      List.of(Desk.JOHN, Desk.ALICE, Desk.JANE, Desk.SARAH, Desk.MIKE, Desk.ADMIN, Desk.ROOT);
  static final List<Actor> CUSTOMERS = List.of(Desk.JOHN, Desk.ALICE, Desk.JANE);
  static final Map<String, String> EMAILS =
      Map.of(
          "john",
          "john@acme.example",
          "alice",
          "alice@acme.example",
          "jane",
          "jane@globex.example");

  private static Mail mail;

  @BeforeContainer
  static void startMail() {
    mail = Mail.start();
  }

  @AfterContainer
  static void stopMail() {
    mail.close();
  }

  // ------------------------------------------------------------------ actions

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
          RepeatExternal,
          History,
          Peek,
          Copy,
          Follow,
          CreateFor,
          Merge,
          Unmerge,
          Link,
          MacroNote {}

  record Create(int actor, boolean acme) implements Action {}

  record Assign(int actor, int ticket, @Nullable String assignee) implements Action {}

  record Reply(int actor, int ticket) implements Action {}

  record Note(int actor, int ticket, String marker) implements Action {}

  record Move(int actor, int ticket, Status target) implements Action {}

  record AttachToNote(int actor, int note) implements Action {}

  record AttachPublic(int actor, int ticket, boolean onComment) implements Action {}

  record Delete(int actor, int ticket) implements Action {}

  record Restore(int ticket) implements Action {}

  record Search(int actor, int note) implements Action {}

  record BulkResolve(int actor, List<Integer> tickets) implements Action {}

  record External(int actor, int ticket, boolean internal, String marker, int offsetMinutes)
      implements Action {}

  /** The host's webhook fires again for a note recorded before (index into them), on the same ticket. */
  record RepeatExternal(int actor, int external, boolean internal) implements Action {}

  record History(int actor, int ticket) implements Action {}

  /** Someone reads a ticket, its list and a page in the middle of things. */
  record Peek(int actor, int ticket) implements Action {}

  /** Copy a customer on a ticket (a CC), or take them off it. */
  record Copy(int actor, int ticket, String customer, boolean remove) implements Action {}

  /** A staff member (or, refused, anyone) follows a ticket. */
  record Follow(int actor, int ticket, String follower) implements Action {}

  /** Staff raise a ticket on behalf of a customer, copying another. */
  record CreateFor(int actor, String requester, String cc) implements Action {}

  /** Merge one ticket into another (staff; refused for customers, across companies, ...). */
  record Merge(int actor, int source, int target) implements Action {}

  /** Undo the merge of a ticket. */
  record Unmerge(int actor, int ticket) implements Action {}

  /** Link two tickets. */
  record Link(int actor, int ticket, int other) implements Action {}

  /**
   * An admin defines a macro writing an internal note (with the requester's name in it); someone
   * previews it on a ticket, then applies it (customers are refused both).
   */
  record MacroNote(int actor, int ticket, String marker) implements Action {}

  static Arbitrary<Integer> actor() {
    return Arbitraries.integers().between(0, PEOPLE.size() - 1);
  }

  @SuppressWarnings("unchecked")
  static Arbitrary<Integer> mostlyStaff() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(5, 6)), Tuple.of(2, Arbitraries.of(3, 4)), Tuple.of(2, actor()));
  }

  static Arbitrary<Integer> index() {
    return Arbitraries.integers().between(0, 9);
  }

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
            Tuple.of(7, Combinators.combine(mostlyStaff(), index(), marker()).as(Note::new)),
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
                        mostlyStaff(),
                        index(),
                        Arbitraries.of(true, false),
                        marker(),
                        Arbitraries.integers().between(-120, 0))
                    .as(External::new)),
            Tuple.of(
                2,
                Combinators.combine(actor(), index(), Arbitraries.of(true, false))
                    .as(RepeatExternal::new)),
            Tuple.of(1, Combinators.combine(actor(), index()).as(History::new)),
            Tuple.of(2, Combinators.combine(actor(), index()).as(Peek::new)),
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
                    .as(CreateFor::new)),
            Tuple.of(3, Combinators.combine(mostlyStaff(), index(), index()).as(Merge::new)),
            Tuple.of(1, Combinators.combine(mostlyStaff(), index()).as(Unmerge::new)),
            Tuple.of(1, Combinators.combine(mostlyStaff(), index(), index()).as(Link::new)),
            Tuple.of(3, Combinators.combine(actor(), index(), marker()).as(MacroNote::new)));
    return action
        .list()
        .ofMinSize(3)
        .ofMaxSize(20)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  // ------------------------------------------------------------------ what the test remembers

  record InternalNote(String id, String ticketId, String marker) {}

  record Recorded(String externalId, String ticketId) {}

  static final class World {
    final List<String> tickets = new ArrayList<>();
    final List<InternalNote> notes = new ArrayList<>();
    final List<Recorded> externals = new ArrayList<>();

    /** Strings no customer output may contain: note ids and markers, internal files' ids, keys, names, URLs. */
    final Set<String> secrets = new LinkedHashSet<>();

    final Map<String, List<Instant>> publicComments = new HashMap<>();
    final Map<String, String> lastPublicComment = new HashMap<>();
    final Map<String, Integer> publicFiles = new HashMap<>();

    /** Everything each customer's own calls returned, to scan at the end. */
    final Map<String, List<Object>> received = new HashMap<>();

    int internalFiles;
    int externalIds;

    @Nullable String ticket(int index) {
      return tickets.isEmpty() ? null : tickets.get(index % tickets.size());
    }

    /** The result of a call made by {@code actor}: kept when a customer made it. */
    <T> T seen(Actor actor, Supplier<T> call) {
      T result = call.get();
      if (!actor.isStaff()) {
        received.computeIfAbsent(actor.id(), k -> new ArrayList<>()).add(result);
      }
      return result;
    }
  }

  // ------------------------------------------------------------------ the property

  @Property(tries = 50, edgeCases = EdgeCasesMode.NONE)
  void customers_never_receive_anything_of_an_internal_note_on_postgresql(
      @ForAll("chains") List<Action> actions,
      @ForAll boolean companyWide,
      @ForAll boolean threadedMail) {
    MatrixPolicy policy =
        companyWide
            ? MatrixPolicy.standard().toBuilder().customerVisibility(Reach.COMPANY).build()
            : MatrixPolicy.standard();
    mail.purge();
    try (Desk desk =
        new Desk(
            Db.POSTGRESQL,
            policy,
            TicketingOptions.defaults(),
            threadedMail ? mail.threadedNotifier(Desk.DIRECTORY) : mail.notifier(Desk.DIRECTORY))) {
      World w = new World();
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
          .collect(w.notes.isEmpty() ? "0" : w.notes.size() < 3 ? "1-2" : "3+");
      Statistics.label("internal files").collect(w.internalFiles > 0);

      List<Notification> delivered = desk.deliver();
      List<Mail.Received> mails = mail.received();
      assertThat(mails)
          .as("one mail per notification to someone with an address")
          .hasSameSizeAs(delivered);
      for (Actor customer : CUSTOMERS) {
        checkEverythingTheCustomerCanRead(desk, w, customer, delivered, mails);
      }
      checkStaffDoSeeTheNotes(desk, w);
    }
  }

  /**
   * The host's webhook is idempotent on the note id: a repeat returns the note recorded before. A
   * customer who may comment on the ticket, naming the id of an internal note recorded there, must
   * not get that note back.
   */
  @Example
  void a_repeated_host_note_id_never_hands_a_customer_an_internal_note() {
    try (Desk desk = new Desk(Db.POSTGRESQL)) {
      String id =
          desk.service
              .createTicket(Desk.JOHN, CreateTicket.of("Upload fails", "Error S3", "acme"))
              .id();
      desk.service.recordExternalNote(
          Desk.ADMIN, new ExternalNote("hasura-7", id, "SECRETNOTEWEBHOOK staff only", null, true));
      var before = Db.POSTGRESQL.fingerprint();
      try {
        CommentView got =
            desk.service.recordExternalNote(
                Desk.JOHN, new ExternalNote("hasura-7", id, "Hello", null, false));
        assertThat(String.valueOf(got)).doesNotContain("SECRETNOTEWEBHOOK");
        assertThat(got.internal()).isFalse();
      } catch (TicketingException refused) {
        assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(refused.getMessage()).doesNotContain("SECRETNOTEWEBHOOK");
      }
      assertThat(Db.POSTGRESQL.fingerprint()).isEqualTo(before);
      // Staff who may read the note get it back, as before.
      assertThat(
              desk.service
                  .recordExternalNote(
                      Desk.ADMIN, new ExternalNote("hasura-7", id, "again", null, true))
                  .content())
          .isEqualTo("SECRETNOTEWEBHOOK staff only");
    }
  }

  private static void apply(Desk desk, World w, Action action) {
    var s = desk.service;
    if (action instanceof Create a) {
      Actor actor = PEOPLE.get(a.actor());
      String company =
          actor.companyId() != null ? actor.companyId() : (a.acme() ? "acme" : "globex");
      w.tickets.add(
          w.seen(
                  actor,
                  () ->
                      s.createTicket(
                          actor,
                          CreateTicket.of("Ticket " + w.tickets.size(), "Please help", company)))
              .id());
    } else if (action instanceof Assign a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        Actor actor = PEOPLE.get(a.actor());
        w.seen(actor, () -> s.assignTicket(actor, new AssignTicket(id, a.assignee())));
      }
    } else if (action instanceof Reply a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        Actor actor = PEOPLE.get(a.actor());
        CommentView c =
            w.seen(
                actor, () -> s.addComment(actor, new AddComment(id, "Public reply " + id, false)));
        recordPublic(w, id, c);
      }
    } else if (action instanceof Note a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        Actor actor = PEOPLE.get(a.actor());
        w.secrets.add(a.marker()); // even a refused note must never show up
        CommentView c =
            w.seen(
                actor,
                () ->
                    s.addComment(
                        actor,
                        new AddComment(id, "Internal: " + a.marker() + " do not tell", true)));
        w.notes.add(new InternalNote(c.id(), id, a.marker()));
        w.secrets.add(c.id());
      }
    } else if (action instanceof Move a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        Actor actor = PEOPLE.get(a.actor());
        w.seen(actor, () -> s.changeStatus(actor, new ChangeStatus(id, a.target())));
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
    } else if (action instanceof MacroNote a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        Actor actor = PEOPLE.get(a.actor());
        w.secrets.add(a.marker()); // the macro's text, and the note it writes, are staff-only
        MacroService macros = desk.ticketing.macros();
        Macro m =
            macros.define(
                Desk.ADMIN,
                // Named apart from the note: the audit log names the macro, never the note's text.
                MacroDefinition.named("Note macro " + java.util.UUID.randomUUID())
                    .internalNote("Internal: " + a.marker() + " about {{requester.name}}")
                    .build());
        w.seen(actor, () -> macros.preview(actor, m.id(), id));
        MacroResult r = w.seen(actor, () -> macros.apply(actor, m.id(), id));
        CommentView c = java.util.Objects.requireNonNull(r.comment());
        w.notes.add(new InternalNote(c.id(), id, a.marker()));
        w.secrets.add(c.id());
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
        // A customer names a file of its own (it cannot know the note); staff name it after the
        // note.
        String fileName = (actor.isStaff() ? note.marker() : "my") + "-evidence.txt";
        byte[] body = ("log of " + fileName).getBytes(StandardCharsets.UTF_8);
        UploadUrl url =
            w.seen(
                actor,
                () ->
                    s.requestUpload(
                        actor,
                        new RequestUpload(note.ticketId(), fileName, "text/plain", body.length)));
        if (actor.isStaff()) {
          w.secrets.add(fileName);
          w.secrets.add(url.key());
          w.secrets.add(
              url.key().split("/")[3]); // the key's random segment is in every URL of the object
        }
        S3.upload(url, body);
        AttachmentView file =
            w.seen(
                actor,
                () ->
                    s.confirmAttachment(
                        actor, new ConfirmAttachment(note.ticketId(), url.key(), note.id())));
        w.secrets.add(file.id());
        w.secrets.add(file.fileUrl());
        w.internalFiles++;
      }
    } else if (action instanceof AttachPublic a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        Actor actor = PEOPLE.get(a.actor());
        String commentId = a.onComment() ? w.lastPublicComment.get(id) : null;
        byte[] body = "screenshot".getBytes(StandardCharsets.UTF_8);
        UploadUrl url =
            w.seen(
                actor,
                () ->
                    s.requestUpload(
                        actor, new RequestUpload(id, "screenshot.png", "image/png", body.length)));
        S3.upload(url, body);
        w.seen(
            actor,
            () -> s.confirmAttachment(actor, new ConfirmAttachment(id, url.key(), commentId)));
        w.publicFiles.merge(id, 1, Integer::sum);
      }
    } else if (action instanceof Delete a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        Actor actor = PEOPLE.get(a.actor());
        w.seen(actor, () -> s.deleteTicket(actor, id));
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
            w.seen(
                actor,
                () ->
                    s.ticketsPaginated(
                        actor,
                        PageRequest.first(100).withTotalCount(),
                        TicketFilter.builder().searchTerm(marker).build()));
        if (actor.role() == Role.CUSTOMER) {
          assertThat(page.edges())
              .as("%s searching for an internal note's text", actor.id())
              .isEmpty();
          assertThat(page.totalCount()).isZero();
        }
      }
    } else if (action instanceof BulkResolve a) {
      if (!w.tickets.isEmpty()) {
        Actor actor = PEOPLE.get(a.actor());
        List<String> ids = a.tickets().stream().map(w::ticket).toList();
        w.seen(actor, () -> s.resolveTickets(actor, ids));
      }
    } else if (action instanceof External a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        Actor actor = PEOPLE.get(a.actor());
        Instant at = desk.clock.instant().plus(Duration.ofMinutes(a.offsetMinutes()));
        String externalId = "ext-" + (w.externalIds++);
        if (a.internal()) {
          w.secrets.add(a.marker());
        }
        String text = a.internal() ? "Internal: " + a.marker() : "Note from the office";
        CommentView c =
            w.seen(
                actor,
                () ->
                    s.recordExternalNote(
                        actor, new ExternalNote(externalId, id, text, at, a.internal())));
        w.externals.add(new Recorded(externalId, id));
        if (a.internal()) {
          w.notes.add(new InternalNote(c.id(), id, a.marker()));
          w.secrets.add(c.id());
        } else {
          recordPublic(w, id, c);
        }
      }
    } else if (action instanceof RepeatExternal a) {
      if (!w.externals.isEmpty()) {
        Actor actor = PEOPLE.get(a.actor());
        Recorded r = w.externals.get(a.external() % w.externals.size());
        // Whatever the caller claims about it, a repeat records nothing new and returns no note it
        // may not read.
        w.seen(
            actor,
            () ->
                s.recordExternalNote(
                    actor,
                    new ExternalNote(r.externalId(), r.ticketId(), "Again", null, a.internal())));
      }
    } else if (action instanceof History a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        Actor actor = PEOPLE.get(a.actor());
        if (actor.isStaff()) {
          s.history(actor, id);
        } else {
          try {
            w.seen(actor, () -> s.history(actor, id));
            throw new AssertionError(actor.id() + " read the history of " + id);
          } catch (TicketingException refused) {
            assertThat(refused.code()).isIn(ErrorCode.ACCESS_DENIED, ErrorCode.NOT_FOUND);
          }
        }
      }
    } else if (action instanceof Peek a) {
      String id = w.ticket(a.ticket());
      Actor actor = PEOPLE.get(a.actor());
      w.seen(actor, () -> s.myTickets(actor));
      w.seen(
          actor,
          () ->
              s.ticketsPaginated(
                  actor, PageRequest.first(5).withTotalCount(), TicketFilter.none()));
      if (id != null) {
        w.seen(actor, () -> s.ticket(actor, id));
      }
    } else if (action instanceof Merge a) {
      String source = w.ticket(a.source());
      String target = w.ticket(a.target());
      if (source != null && target != null) {
        Actor actor = PEOPLE.get(a.actor());
        w.seen(
            actor,
            () ->
                desk.ticketing.links().merge(actor, dev.ticketing.MergeTickets.of(source, target)));
      }
    } else if (action instanceof Unmerge a) {
      String id = w.ticket(a.ticket());
      if (id != null) {
        Actor actor = PEOPLE.get(a.actor());
        w.seen(actor, () -> desk.ticketing.links().unmerge(actor, id));
      }
    } else if (action instanceof Link a) {
      String id = w.ticket(a.ticket());
      String other = w.ticket(a.other());
      if (id != null && other != null) {
        Actor actor = PEOPLE.get(a.actor());
        w.seen(
            actor,
            () ->
                desk.ticketing
                    .links()
                    .link(
                        actor,
                        dev.ticketing.LinkTickets.of(id, dev.ticketing.LinkKind.RELATED, other)));
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
      Desk desk, World w, Actor customer, List<Notification> delivered, List<Mail.Received> mails) {
    var s = desk.service;
    List<Object> outputs = new ArrayList<>(w.received.getOrDefault(customer.id(), List.of()));
    List<TicketView> views = new ArrayList<>();

    for (String id : w.tickets) {
      TicketDetails d;
      try {
        d = s.ticket(customer, id);
      } catch (TicketingException notVisible) {
        assertThat(notVisible.code()).isEqualTo(ErrorCode.NOT_FOUND);
        continue;
      }
      outputs.add(d);
      views.add(d.ticket());
      assertThat(d.comments())
          .as("%s reading %s", customer.id(), id)
          .noneMatch(CommentView::internal);
      assertThat(d.comments()).hasSize(w.publicComments.getOrDefault(id, List.of()).size());
      assertThat(d.attachments()).hasSize(w.publicFiles.getOrDefault(id, 0));
      for (AttachmentView a : d.attachments()) {
        assertThat(a.fileUrl())
            .as("a download URL is pre-signed, never public")
            .contains("X-Amz-Signature=");
      }
      // Merged tickets: the conversation of a ticket with those merged into it, and its links,
      // never hold an internal note or anything of a ticket the customer cannot see.
      MergedConversation conversation = desk.ticketing.links().conversation(customer, id);
      outputs.add(conversation);
      outputs.add(desk.ticketing.links().relations(customer, id));
      assertThat(conversation.comments())
          .as("%s reading the merged conversation of %s", customer.id(), id)
          .noneMatch(CommentView::internal);
      for (CommentView c : conversation.comments()) {
        assertThat(seesTicket(desk, customer, c.ticketId()))
            .as("%s reads a comment of %s through %s", customer.id(), c.ticketId(), id)
            .isTrue();
      }
      try {
        s.history(customer, id);
        throw new AssertionError(customer.id() + " read the history of " + id);
      } catch (TicketingException refused) {
        assertThat(refused.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
      }
    }
    List<TicketView> mine = s.myTickets(customer);
    outputs.add(mine);
    views.addAll(mine);
    for (String company : List.of("acme", "globex")) {
      List<TicketView> byCompany = s.ticketsByCompany(customer, company);
      outputs.add(byCompany);
      views.addAll(byCompany);
    }
    List<TicketView> paged = allPages(desk, customer);
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
    for (Mail.Received m : mails) {
      if (m.to().equals(EMAILS.get(customer.id()))) {
        outputs.add(m);
      }
    }

    for (Object output : outputs) {
      String text = String.valueOf(output);
      for (String secret : w.secrets) {
        assertThat(text).as("something %s received", customer.id()).doesNotContain(secret);
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

  private static boolean seesTicket(Desk desk, Actor customer, String ticketId) {
    try {
      desk.service.ticket(customer, ticketId);
      return true;
    } catch (TicketingException notVisible) {
      return false;
    }
  }

  private static List<TicketView> allPages(Desk desk, Actor actor) {
    List<TicketView> out = new ArrayList<>();
    PageRequest page = PageRequest.first(3).withTotalCount();
    for (int i = 0; i < 100; i++) {
      TicketPage p = desk.service.ticketsPaginated(actor, page, TicketFilter.none());
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
      List<AuditEntry> history = desk.service.history(Desk.ADMIN, note.ticketId());
      assertThat(String.valueOf(history))
          .as("the audit log names the note, never its text")
          .contains(note.id())
          .doesNotContain(note.marker());
    }
  }
}
