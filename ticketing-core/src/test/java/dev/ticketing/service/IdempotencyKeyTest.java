package dev.ticketing.service;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.ALICE;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Desk.ROOT;
import static dev.ticketing.support.Desk.SARAH;
import static dev.ticketing.support.Refusals.invalid;
import static dev.ticketing.support.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AttachmentView;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CommentView;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.ExternalNote;
import dev.ticketing.IdempotencyKeyReusedException;
import dev.ticketing.Priority;
import dev.ticketing.RequestUpload;
import dev.ticketing.ResolveOutcome;
import dev.ticketing.Status;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UpdateTicket;
import dev.ticketing.UploadUrl;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.support.Desk;
import dev.ticketing.support.StoreSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Client idempotency keys on every write: a repeat with the same input writes nothing and answers
 * with the first result, the same key with other input is {@code IDEMPOTENCY_KEY_REUSED}, keys are
 * per actor and expire after their retention.
 */
class IdempotencyKeyTest {

  private final Desk desk =
      new Desk(
          MatrixPolicy.standard(),
          TicketingOptions.defaults().toBuilder()
              .idempotencyKeyRetention(Duration.ofHours(2))
              .build());

  @AfterEach
  void close() {
    desk.close();
  }

  private TicketView open(String title) {
    return desk.service.createTicket(JOHN, CreateTicket.of(title, "Printer on fire", "acme"));
  }

  /** Calls {@code write} twice; the second call must write nothing and answer like the first. */
  private <T> T twice(Supplier<T> write, List<String> ticketIds) {
    T first = write.get();
    desk.deliver();
    StoreSnapshot before = StoreSnapshot.of(desk.store, ticketIds);
    T second = write.get();
    assertThat(second).as("the repeat answers with the first result").isEqualTo(first);
    assertThat(StoreSnapshot.of(desk.store, ticketIds))
        .as("the repeat wrote nothing")
        .isEqualTo(before);
    assertThat(desk.deliver()).as("and notified nobody again").isEmpty();
    return first;
  }

  // ------------------------------------------------------------------ every write

  @Test
  @DisplayName(
      "createTicket: a client retrying after a lost response gets the first ticket, and there is one")
  void createTicketRetriedAfterALostResponseCreatesOneTicket() {
    CreateTicket input =
        new CreateTicket("Printer", "On fire", Priority.HIGH, null, "acme", "key-create-1");

    TicketView first = desk.service.createTicket(JOHN, input); // the response is lost on its way
    List<?> notified = desk.deliver();
    TicketView retried = desk.service.createTicket(JOHN, input);

    assertThat(retried).isEqualTo(first);
    assertThat(desk.store.ticketCount()).isOne();
    assertThat(desk.service.history(ADMIN, first.id())).hasSize(1);
    assertThat(notified).hasSize(2);
    assertThat(desk.deliver()).isEmpty();
    assertThat(desk.store.idempotencyKeyCount()).isOne();
  }

  @Test
  void updateChangeStatusAssignCommentNoteDeleteRestoreAreEachAnsweredOnce() {
    TicketView t = open("Keyed");
    List<String> ids = List.of(t.id());

    twice(
        () ->
            desk.service.updateTicket(
                JOHN, new UpdateTicket(t.id(), "Renamed", null, null, null, "k-update")),
        ids);
    twice(
        () -> desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah", "k-assign")), ids);
    CommentView reply =
        twice(
            () -> desk.service.addComment(SARAH, new AddComment(t.id(), "On it", false, "k-reply")),
            ids);
    assertThat(desk.service.ticket(JOHN, t.id()).comments())
        .extracting(CommentView::id)
        .containsExactly(reply.id());
    twice(
        () -> desk.service.addComment(SARAH, new AddComment(t.id(), "note", true, "k-note")), ids);
    twice(
        () ->
            desk.service.recordExternalNote(
                ADMIN,
                new ExternalNote("ext-1", t.id(), "From the host", null, false, "k-external")),
        ids);
    // The first call resolved it; the repeat would otherwise be an invalid transition.
    TicketView resolved =
        twice(
            () ->
                desk.service.changeStatus(
                    SARAH, new ChangeStatus(t.id(), Status.RESOLVED, "k-resolve")),
            ids);
    assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
    TicketView deleted = twice(() -> desk.service.deleteTicket(JOHN, t.id(), "k-delete"), ids);
    assertThat(deleted.deletedAt()).isNotNull();
    TicketView restored = twice(() -> desk.service.restoreTicket(ROOT, t.id(), "k-restore"), ids);
    assertThat(restored.status()).isEqualTo(Status.RESOLVED);
    assertThat(desk.service.history(ADMIN, t.id())).as("one entry per first call").hasSize(9);
  }

  @Test
  void uploadsConfirmationsBulkResolveAndPurgeAreEachAnsweredOnce() {
    TicketView t = open("Files");
    TicketView other = open("Other");
    List<String> ids = List.of(t.id(), other.id());
    byte[] png = "\u0089PNG bytes".getBytes(StandardCharsets.UTF_8);

    UploadUrl url =
        desk.service.requestUpload(
            JOHN, new RequestUpload(t.id(), "shot.png", "image/png", png.length, "k-up"));
    StoreSnapshot before = StoreSnapshot.of(desk.store, ids);
    UploadUrl again =
        desk.service.requestUpload(
            JOHN, new RequestUpload(t.id(), "shot.png", "image/png", png.length, "k-up"));
    assertThat(again.key()).as("the same object key, no second grant").isEqualTo(url.key());
    assertThat(StoreSnapshot.of(desk.store, ids)).isEqualTo(before);
    desk.blobs.upload(again.uploadUrl(), "image/png", png);

    ConfirmAttachment confirm = new ConfirmAttachment(t.id(), url.key(), null, "k-confirm");
    AttachmentView file = desk.service.confirmAttachment(JOHN, confirm);
    before = StoreSnapshot.of(desk.store, ids);
    AttachmentView repeated = desk.service.confirmAttachment(JOHN, confirm);
    // The same attachment; its download URL is made afresh at read time.
    assertThat(repeated.id()).isEqualTo(file.id());
    assertThat(repeated.fileName()).isEqualTo("shot.png");
    assertThat(StoreSnapshot.of(desk.store, ids)).isEqualTo(before);
    assertThat(desk.service.ticket(JOHN, t.id()).attachments())
        .extracting(AttachmentView::id)
        .containsExactly(file.id());
    // Once confirmed, the upload cannot be issued again under its key.
    refused(
        ErrorCode.ATTACHMENT_REJECTED,
        () ->
            desk.service.requestUpload(
                JOHN, new RequestUpload(t.id(), "shot.png", "image/png", png.length, "k-up")));

    Map<String, ResolveOutcome> outcomes =
        twice(() -> desk.service.resolveTickets(ADMIN, List.of(t.id(), other.id()), "k-bulk"), ids);
    assertThat(outcomes)
        .containsExactly(
            Map.entry(t.id(), ResolveOutcome.RESOLVED),
            Map.entry(other.id(), ResolveOutcome.RESOLVED));

    desk.service.purgeTicket(ROOT, other.id(), "k-purge");
    desk.service.purgeTicket(ROOT, other.id(), "k-purge"); // quietly, instead of NOT_FOUND
    refused(ErrorCode.NOT_FOUND, () -> desk.service.purgeTicket(ROOT, other.id(), "k-purge-2"));
    refused(ErrorCode.NOT_FOUND, () -> desk.service.purgeTicket(ROOT, other.id()));
  }

  // ------------------------------------------------------------------ reuse, scope, expiry, format

  @Test
  @DisplayName(
      "the same key with other input, or for another operation: IDEMPOTENCY_KEY_REUSED, nothing written")
  void aKeyReusedForOtherInputIsRefused() {
    TicketView first =
        desk.service.createTicket(
            JOHN, CreateTicket.of("One", "first", "acme").withIdempotencyKey("k1"));
    StoreSnapshot before = StoreSnapshot.of(desk.store, List.of(first.id()));

    IdempotencyKeyReusedException other =
        (IdempotencyKeyReusedException)
            refused(
                ErrorCode.IDEMPOTENCY_KEY_REUSED,
                () ->
                    desk.service.createTicket(
                        JOHN, CreateTicket.of("Two", "second", "acme").withIdempotencyKey("k1")));
    assertThat(other.retryable()).isFalse();
    assertThat(other.firstOperation()).isEqualTo("createTicket");
    refused(
        ErrorCode.IDEMPOTENCY_KEY_REUSED,
        () -> desk.service.addComment(JOHN, new AddComment(first.id(), "hello", false, "k1")));
    refused(
        ErrorCode.IDEMPOTENCY_KEY_REUSED, () -> desk.service.deleteTicket(JOHN, first.id(), "k1"));

    assertThat(StoreSnapshot.of(desk.store, List.of(first.id()))).isEqualTo(before);
    assertThat(desk.store.ticketCount()).isOne();
  }

  @Test
  void keysAreScopedPerActor() {
    TicketView johns =
        desk.service.createTicket(
            JOHN, CreateTicket.of("Same", "input", "acme").withIdempotencyKey("shared"));
    TicketView alices =
        desk.service.createTicket(
            ALICE, CreateTicket.of("Same", "input", "acme").withIdempotencyKey("shared"));

    assertThat(alices.id()).isNotEqualTo(johns.id());
    assertThat(desk.store.ticketCount()).isEqualTo(2);
    // Neither can read the other's first result through the key.
    assertThat(
            desk.service
                .createTicket(
                    ALICE, CreateTicket.of("Same", "input", "acme").withIdempotencyKey("shared"))
                .id())
        .isEqualTo(alices.id());
  }

  @Test
  @DisplayName(
      "keys expire after their retention: the same key then makes a new ticket; expired keys are purged")
  void keysExpireAndArePurged() {
    CreateTicket input = CreateTicket.of("Once", "a day", "acme").withIdempotencyKey("daily");
    TicketView first = desk.service.createTicket(JOHN, input);
    desk.clock.advance(Duration.ofHours(1));
    assertThat(desk.service.createTicket(JOHN, input).id()).isEqualTo(first.id());
    assertThat(desk.ticketing.purgeExpiredIdempotencyKeys()).isZero();

    desk.clock.advance(Duration.ofHours(1));
    TicketView later = desk.service.createTicket(JOHN, input);
    assertThat(later.id()).as("a new request after the retention").isNotEqualTo(first.id());
    assertThat(desk.store.ticketCount()).isEqualTo(2);

    desk.service.createTicket(
        JOHN, CreateTicket.of("Other", "key", "acme").withIdempotencyKey("other"));
    desk.clock.advance(Duration.ofHours(3));
    assertThat(desk.store.idempotencyKeyCount()).isEqualTo(2);
    assertThat(desk.ticketing.purgeExpiredIdempotencyKeys()).isEqualTo(2);
    assertThat(desk.store.idempotencyKeyCount()).isZero();
  }

  @Test
  void malformedKeysAreValidationErrorsNamingTheField() {
    TicketView t = open("Keys");
    invalid(
        () ->
            desk.service.createTicket(
                JOHN, CreateTicket.of("A", "b", "acme").withIdempotencyKey("")),
        "idempotencyKey");
    invalid(
        () ->
            desk.service.createTicket(
                JOHN, CreateTicket.of("A", "b", "acme").withIdempotencyKey("has space")),
        "idempotencyKey");
    invalid(
        () -> desk.service.addComment(JOHN, new AddComment(t.id(), "x", false, "k".repeat(256))),
        "idempotencyKey");
    invalid(() -> desk.service.deleteTicket(JOHN, t.id(), "tab\tkey"), "idempotencyKey");
    invalid(() -> desk.service.resolveTickets(ADMIN, List.of(t.id()), "é"), "idempotencyKey");
    assertThat(
            desk.service.createTicket(
                JOHN, CreateTicket.of("A", "b", "acme").withIdempotencyKey("k".repeat(255))))
        .isNotNull();
    assertThat(desk.store.ticketCount()).isEqualTo(2);
  }

  @Test
  @DisplayName("eight callers using one new key at once: one ticket, and every caller gets it")
  void concurrentFirstUsesMakeOneWrite() throws Exception {
    CreateTicket input =
        CreateTicket.of("Race", "eight at once", "acme").withIdempotencyKey("race-key");
    int callers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<TicketView>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        Callable<TicketView> call =
            () -> {
              go.await();
              return desk.service.createTicket(JOHN, input);
            };
        results.add(pool.submit(call));
      }
      go.countDown();
      Set<String> ids = new java.util.HashSet<>();
      for (Future<TicketView> f : results) {
        ids.add(f.get(30, TimeUnit.SECONDS).id());
      }
      assertThat(ids).hasSize(1);
      assertThat(desk.store.ticketCount()).isOne();
      assertThat(desk.deliver()).hasSize(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRepeatIsAnsweredOnlyWhileTheActorMaySeeTheResult() {
    TicketView t = open("Visible");
    desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
    CommentView note =
        desk.service.addComment(SARAH, new AddComment(t.id(), "internal", true, "k-note"));
    desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "mike"));

    // Sarah no longer sees the ticket: her repeat is answered as if there were nothing.
    refused(
        ErrorCode.NOT_FOUND,
        () -> desk.service.addComment(SARAH, new AddComment(t.id(), "internal", true, "k-note")));
    assertThat(desk.service.ticket(ADMIN, t.id()).comments())
        .extracting(CommentView::id)
        .containsExactly(note.id());
  }
}
