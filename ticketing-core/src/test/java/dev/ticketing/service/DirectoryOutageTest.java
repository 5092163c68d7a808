package dev.ticketing.service;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Desk.SARAH;
import static dev.ticketing.support.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CommentView;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.PageRequest;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingException;
import dev.ticketing.UserView;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.Recipient;
import dev.ticketing.support.Desk;
import dev.ticketing.support.StoreSnapshot;
import dev.ticketing.testsupport.CountingDirectory;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.RecordingNotifier;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The host's directory failing: writes never fail or roll back for it (recipients are resolved
 * when notifications are delivered), views of committed writes and reads show ids with unknown
 * display data instead of an error, and only the one check that needs the directory before
 * writing (is the assignee staff?) refuses, retryably, with nothing written.
 */
class DirectoryOutageTest {

  private final MutableClock clock = MutableClock.ticking("2026-02-01T09:00:00Z");
  private final InMemoryTicketStore store = new InMemoryTicketStore();
  private final CountingDirectory directory = new CountingDirectory(Desk.DIRECTORY);
  private final RecordingNotifier inbox = RecordingNotifier.working();
  private final Ticketing ticketing =
      Ticketing.builder()
          .store(store)
          .directory(directory)
          .clock(clock)
          .channel("inbox", inbox)
          .backgroundDispatch(false)
          .build();

  @AfterEach
  void close() {
    ticketing.close();
  }

  @Test
  @DisplayName("createTicket records 'admins' and does not ask the directory inside the write")
  void theWriteRecordsRolesAndIds() {
    directory.down(true);
    TicketView t =
        ticketing.service().createTicket(JOHN, CreateTicket.of("Printer", "On fire", "acme"));

    assertThat(directory.adminCalls()).as("no directory call in the write").isZero();
    assertThat(store.outboxEntries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.resolvesRecipients()).isTrue();
              NotificationRequest r = e.request();
              assertThat(r.template()).isEqualTo(NotificationTemplate.TICKET_CREATED);
              assertThat(r.recipients()).containsExactly(Recipient.admins());
              assertThat(r.ticketId()).isEqualTo(t.id());
              assertThat(r.actorId()).isEqualTo("john");
            });
  }

  @Test
  @DisplayName(
      "the directory down: every write succeeds, views carry ids marked unknown; notifications arrive once it is back")
  void writesSucceedAndNotificationsWaitForTheDirectory() {
    TicketView t =
        ticketing.service().createTicket(JOHN, CreateTicket.of("Printer", "On fire", "acme"));
    ticketing.service().assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
    ticketing.dispatcher().drain();
    inbox.take();
    directory.down(true);

    CommentView reply =
        ticketing.service().addComment(JOHN, new AddComment(t.id(), "Still broken", false));
    CommentView staffReply =
        ticketing.service().addComment(SARAH, new AddComment(t.id(), "On my way", false));
    TicketView resolved =
        ticketing.service().changeStatus(SARAH, new ChangeStatus(t.id(), Status.RESOLVED));
    TicketView second =
        ticketing.service().createTicket(JOHN, CreateTicket.of("Scanner", "Too", "acme"));

    assertThat(reply.user()).isEqualTo(UserView.unknown("john"));
    assertThat(staffReply.user().known()).isFalse();
    assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
    assertThat(resolved.user().id()).isEqualTo("john");
    assertThat(resolved.assignedTo()).isEqualTo(UserView.unknown("sarah"));
    assertThat(second.company().known()).isFalse();
    assertThat(second.company().id()).isEqualTo("acme");
    // Reads too: the lists and pages show ids.
    assertThat(ticketing.service().myTickets(JOHN))
        .hasSize(2)
        .allSatisfy(v -> assertThat(v.user().known()).isFalse());
    assertThat(
            ticketing
                .service()
                .ticketsPaginated(ADMIN, PageRequest.firstPage(), TicketFilter.none())
                .edges())
        .hasSize(2);
    assertThat(ticketing.service().ticket(JOHN, t.id()).comments())
        .extracting(c -> c.user().id())
        .containsExactly("john", "sarah");
    assertThat(ticketing.directoryFailures().views()).isGreaterThanOrEqualTo(7);

    // Notifications to known users (owner, assignee) resolve without the directory; the admins
    // wait.
    ticketing.dispatcher().drain();
    assertThat(inbox.take())
        .extracting(Notification::template)
        .containsExactlyInAnyOrder(
            NotificationTemplate.COMMENT_ADDED,
            NotificationTemplate.COMMENT_ADDED,
            NotificationTemplate.TICKET_RESOLVED);
    clock.advance(Duration.ofMinutes(30));
    ticketing.dispatcher().drain();
    assertThat(inbox.take()).isEmpty();
    assertThat(ticketing.directoryFailures().recipients()).isPositive();

    directory.down(false);
    clock.advance(Duration.ofMinutes(15));
    ticketing.dispatcher().drain();
    assertThat(inbox.take())
        .extracting(Notification::template, Notification::recipientId)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(NotificationTemplate.TICKET_CREATED, "admin"),
            org.assertj.core.groups.Tuple.tuple(NotificationTemplate.TICKET_CREATED, "root"));
    assertThat(store.outbox().pendingCount()).isZero();
    assertThat(ticketing.service().ticket(JOHN, t.id()).ticket().user().known()).isTrue();
  }

  @Test
  @DisplayName(
      "assigning needs the directory before anything is written: UNAVAILABLE, retryable, nothing written")
  void assigningWithoutTheDirectoryIsRefusedRetryably() {
    TicketView t =
        ticketing.service().createTicket(JOHN, CreateTicket.of("Printer", "On fire", "acme"));
    directory.down(true);
    StoreSnapshot before = StoreSnapshot.of(store, List.of(t.id()));

    TicketingException e =
        refused(
            ErrorCode.UNAVAILABLE,
            () -> ticketing.service().assignTicket(ADMIN, new AssignTicket(t.id(), "sarah")));

    assertThat(e.retryable()).isTrue();
    assertThat(StoreSnapshot.of(store, List.of(t.id()))).isEqualTo(before);
    directory.down(false);
    assertThat(ticketing.service().assignTicket(ADMIN, new AssignTicket(t.id(), "sarah")).status())
        .isEqualTo(Status.IN_PROGRESS);
  }

  @Test
  void requestsThatNameOnlyTheActorAreNotWritten() {
    TicketView t =
        ticketing.service().createTicket(ADMIN, CreateTicket.of("Own", "ticket", "acme"));
    ticketing.dispatcher().drain();
    inbox.take();
    int rows = store.outboxEntries().size();

    ticketing.service().addComment(ADMIN, new AddComment(t.id(), "talking to myself", false));

    assertThat(store.outboxEntries()).as("the owner is the actor: nobody to tell").hasSize(rows);
    // The admins are resolved at delivery, and the actor is left out then.
    assertThat(store.outboxEntries()).filteredOn(OutboxEntry::resolvesRecipients).hasSize(1);
    assertThat(ticketing.dispatcher().drain()).isZero();
    assertThat(store.outboxEntries())
        .filteredOn(e -> !e.resolvesRecipients())
        .extracting(e -> e.notification().recipientId())
        .containsExactly("root");
  }
}
