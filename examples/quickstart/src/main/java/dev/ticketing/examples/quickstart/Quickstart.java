package dev.ticketing.examples.quickstart;

import dev.ticketing.AccessDeniedException;
import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AttachmentView;
import dev.ticketing.Category;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CommentView;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.ExternalNote;
import dev.ticketing.Priority;
import dev.ticketing.RequestUpload;
import dev.ticketing.ResolveOutcome;
import dev.ticketing.Status;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketService;
import dev.ticketing.TicketStats;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.UploadUrl;
import dev.ticketing.UserView;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.UserInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Ticketing SDK in one plain Java program: it embeds the engine with its in-memory store and
 * blob store, then walks through the support workflows of the two products the SDK was designed
 * from (see docs/compatibility.md). The GraphQL ticket module: a customer opens a ticket, an admin
 * assigns it, an agent replies and writes an internal note, the ticket is resolved and closed, and a
 * file is attached. The Comdeall support module: a note arriving from an external system
 * (delivered twice, recorded once) and a bulk resolve.
 *
 * <p>Every step prints what happened and checks it; a failed check throws, so the program exits
 * non-zero and CI can run it as a smoke test of the whole engine.
 */
public final class Quickstart {

  public static void main(String[] args) {
    Directory people =
        InMemoryDirectory.builder()
            .company("acme", "Acme Corp", "billing@acme.com")
            .user(
                new UserInfo(
                    "john", "John", "Doe", "john@acme.com", Role.CUSTOMER, "CALENDAR_MEMBER"))
            .user(
                new UserInfo("sarah", "Sarah", "Support", "sarah@support.com", Role.AGENT, "SALES"))
            .user(new UserInfo("admin", "Admin", "", "admin@support.com", Role.ADMIN, "ADMIN"))
            .admin("admin")
            .build();
    PrintingNotifier notifier = new PrintingNotifier();

    try (Ticketing ticketing =
        Ticketing.builder()
            .directory(people)
            .notifier(notifier)
            .backgroundDispatch(
                false) // we deliver with dispatcher().drain(), so output comes in a fixed order
            .build()) {
      new Quickstart(ticketing, notifier).run();
    }
  }

  // The host authenticates its users and maps its roles onto the SDK's: every call names its actor.
  private final Actor john = Actor.customer("john", "acme");
  private final Actor sarah = Actor.agent("sarah");
  private final Actor admin = Actor.admin("admin");

  private final Ticketing ticketing;
  private final TicketService tickets;
  private final PrintingNotifier notifier;

  private Quickstart(Ticketing ticketing, PrintingNotifier notifier) {
    this.ticketing = ticketing;
    this.tickets = ticketing.service();
    this.notifier = notifier;
  }

  private void run() {
    TicketView ticket = customerCreatesTicket();
    ticket = adminAssignsAndAgentResponds(ticket);
    ticket = resolveAndClose(ticket);
    TicketView withFile = attachFile();
    TicketView noted = externalNoteRecordedOnce();
    bulkResolve(withFile, noted, ticket);
    statistics();
    System.out.println();
    System.out.println("All checks passed.");
  }

  // ---- GraphQL ticket module, workflow 1

  private TicketView customerCreatesTicket() {
    step("Workflow 1: John (customer) creates a ticket");
    TicketView ticket =
        tickets.createTicket(
            john,
            new CreateTicket(
                "Unable to upload event images",
                "Getting an error when trying to upload images to our event. Error code: S3_UPLOAD_FAILED",
                Priority.HIGH,
                Category.TECHNICAL,
                "acme"));
    print(ticket);
    check(ticket.status() == Status.OPEN, "a new ticket is OPEN");
    check(
        "Acme Corp".equals(ticket.company().name()), "the company comes from the host's directory");
    check(notified(deliver(), "admin"), "the admins are notified of the new ticket");
    return ticket;
  }

  // ---- GraphQL ticket module, workflow 2

  private TicketView adminAssignsAndAgentResponds(TicketView ticket) {
    step("Workflow 2: the admin assigns the ticket to Sarah (agent)");
    ticket = tickets.assignTicket(admin, new AssignTicket(ticket.id(), "sarah"));
    print(ticket);
    check(
        ticket.status() == Status.IN_PROGRESS, "assigning an OPEN ticket moves it to IN_PROGRESS");
    check(
        ticket.assignedTo() != null && "Sarah".equals(ticket.assignedTo().firstName()),
        "Sarah is the assignee");
    check(notified(deliver(), "sarah"), "Sarah is notified of the assignment");

    step("Workflow 2: Sarah replies publicly");
    CommentView reply =
        tickets.addComment(
            sarah,
            new AddComment(
                ticket.id(),
                "I've checked the S3 bucket permissions and they look correct. Can you try again?",
                false));
    print(reply);
    check(notified(deliver(), "john"), "John is notified of the reply");

    step("Workflow 2: Sarah adds an internal note");
    CommentView note =
        tickets.addComment(
            sarah,
            new AddComment(
                ticket.id(), "Customer has exceeded storage quota. Need to upgrade plan.", true));
    print(note);
    check(!notified(deliver(), "john"), "John is not notified of an internal note");

    step("Workflow 2: John's view of the ticket hides the internal note");
    TicketDetails johnsView = tickets.ticket(john, ticket.id());
    TicketDetails sarahsView = tickets.ticket(sarah, ticket.id());
    System.out.printf(
        "  John sees %d comment(s), _count.comments = %d%n",
        johnsView.comments().size(), johnsView.ticket().count().comments());
    System.out.printf(
        "  Sarah sees %d comment(s), _count.comments = %d%n",
        sarahsView.comments().size(), sarahsView.ticket().count().comments());
    check(ids(johnsView.comments()).equals(List.of(reply.id())), "John sees only the public reply");
    check(johnsView.ticket().count().comments() == 1, "John's _count.comments leaves the note out");
    check(
        Objects.equals(johnsView.ticket().lastCommentAt(), reply.createdAt()),
        "John's lastCommentAt is the reply's time, not the note's");
    check(
        ids(sarahsView.comments()).equals(List.of(reply.id(), note.id())),
        "Sarah sees the reply and the note");
    return johnsView.ticket();
  }

  // ---- GraphQL ticket module, workflow 3

  private TicketView resolveAndClose(TicketView ticket) {
    step("Workflow 3: Sarah resolves the ticket");
    ticket = tickets.changeStatus(sarah, new ChangeStatus(ticket.id(), Status.RESOLVED));
    print(ticket);
    check(ticket.resolvedAt() != null, "resolvedAt is set");
    check(notified(deliver(), "john"), "John is notified of the resolution");

    step("Workflow 3: the admin closes it");
    ticket = tickets.changeStatus(admin, new ChangeStatus(ticket.id(), Status.CLOSED));
    print(ticket);
    check(ticket.closedAt() != null, "closedAt is set");
    check(notified(deliver(), "john"), "John is notified of the closing");
    return ticket;
  }

  // ---- GraphQL ticket module, workflow 4

  private TicketView attachFile() {
    step("Workflow 4: John attaches a screenshot to a new ticket");
    // The first ticket is closed, and closed tickets take no more files or comments: a new one.
    TicketView ticket =
        tickets.createTicket(
            john,
            CreateTicket.of(
                "Event images still fail to upload",
                "A screenshot of the error is attached.",
                "acme"));
    deliver();
    byte[] screenshot =
        "\u0089PNG pretend these are the pixels of error-screenshot.png"
            .getBytes(StandardCharsets.ISO_8859_1);

    UploadUrl upload =
        tickets.requestUpload(
            john,
            new RequestUpload(ticket.id(), "error-screenshot.png", "image/png", screenshot.length));
    System.out.printf(
        "  upload URL issued for key %s, valid %d s%n", upload.key(), upload.expiresIn());

    // A real client PUTs the bytes to upload.uploadUrl() itself; the in-memory store plays S3 here.
    InMemoryBlobStore blobs = (InMemoryBlobStore) ticketing.blobStore();
    blobs.upload(upload.uploadUrl(), "image/png", screenshot);

    AttachmentView file =
        tickets.confirmAttachment(john, new ConfirmAttachment(ticket.id(), upload.key(), null));
    System.out.printf(
        "  attachment %s: %s, %d bytes, %s%n",
        file.id(), file.fileName(), file.fileSize(), file.contentType());
    byte[] downloaded = blobs.download(file.fileUrl());
    check(
        Arrays.equals(downloaded, screenshot),
        "the file downloaded through fileUrl has the uploaded bytes");

    TicketView reread = tickets.ticket(john, ticket.id()).ticket();
    check(reread.count().attachments() == 1, "_count.attachments is 1");
    return reread;
  }

  // ---- Comdeall support module

  private TicketView externalNoteRecordedOnce() {
    step("Notes from the host's system: a note delivered twice is recorded once");
    TicketView ticket =
        tickets.createTicket(
            john,
            new CreateTicket(
                "Cannot change my password",
                "The reset link in the email has expired.",
                Priority.MEDIUM,
                Category.ACCOUNT,
                "acme"));
    deliver();
    // The Comdeall platform inserts notes in its own database and forwards the insert event (at
    // least once).
    ExternalNote event =
        new ExternalNote(
            "hasura-note-42",
            ticket.id(),
            "We have reset your password; please check your inbox.",
            null,
            false);

    CommentView first = tickets.recordExternalNote(admin, event);
    print(first);
    check(notified(deliver(), "john"), "John is notified of the note");

    CommentView again = tickets.recordExternalNote(admin, event);
    check(again.id().equals(first.id()), "the repeated event returns the note already recorded");
    check(deliver().isEmpty(), "the repeated event notifies nobody");
    TicketView reread = tickets.ticket(john, ticket.id()).ticket();
    check(reread.count().comments() == 1, "the ticket holds the note once");
    return reread;
  }

  private void bulkResolve(TicketView open1, TicketView open2, TicketView closed) {
    step("Bulk resolve: the admin resolves several tickets at once");
    List<String> ids = List.of(open1.id(), open2.id(), closed.id(), "no-such-ticket");
    Map<String, ResolveOutcome> outcomes = tickets.resolveTickets(admin, ids);
    outcomes.forEach((id, outcome) -> System.out.printf("  %-36s %s%n", id, outcome));
    check(outcomes.get(open1.id()) == ResolveOutcome.RESOLVED, "an open ticket is resolved");
    check(outcomes.get(open2.id()) == ResolveOutcome.RESOLVED, "another open ticket is resolved");
    check(
        outcomes.get(closed.id()) != ResolveOutcome.RESOLVED,
        "a closed ticket is not resolved again");
    check(
        outcomes.get("no-such-ticket") == ResolveOutcome.NOT_FOUND,
        "an unknown id is reported, not fatal");
    check(notified(deliver(), "john"), "John is notified of his resolved tickets");

    Map<String, ResolveOutcome> repeated = tickets.resolveTickets(admin, List.of(open1.id()));
    System.out.printf("  the same call again: %s%n", repeated.get(open1.id()));
    check(
        repeated.get(open1.id()) == ResolveOutcome.ALREADY_RESOLVED, "resolving twice is harmless");
  }

  // ---- statistics

  private void statistics() {
    step("Statistics (admins only)");
    TicketStats stats = tickets.ticketStats(admin, null);
    System.out.printf(
        "  total %d: open %d, in progress %d, waiting %d, resolved %d, closed %d, cancelled %d, reopened %d%n",
        stats.total(),
        stats.open(),
        stats.inProgress(),
        stats.waitingForCustomer(),
        stats.resolved(),
        stats.closed(),
        stats.cancelled(),
        stats.reopened());
    System.out.printf(
        "  active: urgent %d, high %d, unassigned %d%n",
        stats.urgent(), stats.high(), stats.unassigned());
    check(
        stats.total() == 3 && stats.resolved() == 2 && stats.closed() == 1,
        "3 tickets: 2 resolved, 1 closed");

    try {
      tickets.ticketStats(john, null);
      check(false, "a customer may not read statistics");
    } catch (AccessDeniedException e) {
      System.out.printf("  John asking for statistics: %s (%s)%n", e.code(), e.getMessage());
    }
  }

  // ---- output and checks

  /** Delivers the pending notifications (the notifier prints them) and returns them for checking. */
  private List<Notification> deliver() {
    int before = notifier.delivered.size();
    ticketing.dispatcher().drain();
    return List.copyOf(notifier.delivered.subList(before, notifier.delivered.size()));
  }

  private static boolean notified(List<Notification> notifications, String userId) {
    return notifications.stream().anyMatch(n -> n.recipientId().equals(userId));
  }

  private static List<String> ids(List<CommentView> comments) {
    return comments.stream().map(CommentView::id).toList();
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("check failed: " + what);
    }
    System.out.println("  ok: " + what);
  }

  private static void step(String title) {
    System.out.println();
    System.out.println("== " + title);
  }

  private static void print(TicketView t) {
    System.out.printf(
        "  ticket %s \"%s\": %s, %s, %s%n",
        t.id(), t.title(), t.status(), t.priority(), t.category());
    System.out.printf(
        "    company %s <%s>, created by %s, assigned to %s%n",
        t.company().name(),
        t.company().email(),
        name(t.user()),
        t.assignedTo() == null ? "nobody" : name(t.assignedTo()));
    System.out.printf(
        "    createdAt %s, resolvedAt %s, closedAt %s%n",
        t.createdAt(), t.resolvedAt(), t.closedAt());
  }

  private static void print(CommentView c) {
    System.out.printf(
        "  %s by %s: \"%s\"%n",
        c.internal() ? "internal note" : "comment", name(c.user()), c.content());
  }

  private static String name(UserView user) {
    String name =
        Stream.of(user.firstName(), user.lastName())
            .filter(s -> s != null && !s.isBlank())
            .collect(Collectors.joining(" "));
    return (name.isEmpty() ? user.id() : name)
        + (user.email() == null ? "" : " <" + user.email() + ">");
  }

  /** Prints each notification as a host's email or push sender would send it, and keeps it for the checks. */
  private static final class PrintingNotifier implements Notifier {
    final List<Notification> delivered = new ArrayList<>();

    @Override
    public void deliver(Notification notification) {
      System.out.printf(
          "    -> notification '%s' to %s%n", notification.template(), notification.recipientId());
      delivered.add(notification);
    }
  }
}
