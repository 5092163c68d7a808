package dev.ticketing.service;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.ALICE;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Desk.ROOT;
import static dev.ticketing.support.Desk.SARAH;
import static dev.ticketing.support.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AttachmentView;
import dev.ticketing.CommentView;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.RequestUpload;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingException;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UploadUrl;
import dev.ticketing.attachment.AttachmentSweeper;
import dev.ticketing.internal.DefaultTicketService;
import dev.ticketing.memory.BlobRejectedException;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.Reach;
import dev.ticketing.spi.ObjectDeletion;
import dev.ticketing.support.Desk;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Confirmation makes a file immutable from the uploader's side: the upload URL writes a staged
 * object that is never served, confirmation copies it to a key no URL ever wrote. Also: the copy
 * and the record fail safely, purge leaves no object, the sweeper removes what nothing refers to,
 * and files are attached to a comment only by its author or staff.
 */
class AttachmentStagingTest {

  private static final String PREFIX = "tickets/attachments/";
  private static final String STAGING = "tickets/staging/";
  private static final byte[] PNG =
      "\u0089PNG the checked screenshot".getBytes(StandardCharsets.UTF_8);

  /** Same length and type as {@link #PNG}, other bytes. */
  private static final byte[] SWAPPED = swapped(PNG);

  /** Upload URL expiry plus confirmation window, by default. */
  private static final Duration GRANT_LIFETIME = Duration.ofHours(2);

  private final Desk desk = new Desk();

  private static byte[] swapped(byte[] original) {
    byte[] other = original.clone();
    for (int i = 5; i < other.length; i++) {
      other[i] = (byte) ('A' + i % 26);
    }
    return other;
  }

  private final TicketView ticket =
      desk.service.createTicket(JOHN, CreateTicket.of("Upload", "with files", "acme"));

  @AfterEach
  void close() {
    desk.close();
  }

  private UploadUrl request(Actor actor) {
    return desk.service.requestUpload(
        actor, new RequestUpload(ticket.id(), "shot.png", "image/png", PNG.length));
  }

  private AttachmentView confirm(Actor actor, UploadUrl url, String commentId) {
    return desk.service.confirmAttachment(
        actor, new ConfirmAttachment(ticket.id(), url.key(), commentId));
  }

  /** The object key a URL of the in-memory store addresses: memory://blobs/{key}?... */
  private static String keyOf(String url) {
    return URLDecoder.decode(
        url.substring("memory://blobs/".length(), url.indexOf('?')), StandardCharsets.UTF_8);
  }

  private List<String> underTicket() {
    return desk.blobs.keys().stream()
        .filter(k -> k.startsWith(PREFIX + ticket.id() + "/"))
        .toList();
  }

  // ------------------------------------------------------------------ staging and copy

  @Test
  @DisplayName(
      "the upload URL writes a staged object outside the ticket's prefix; confirmation copies it to the key")
  void uploadIsStagedThenCopied() {
    UploadUrl url = request(JOHN);
    String staged = keyOf(url.uploadUrl());

    assertThat(url.key()).startsWith(PREFIX + ticket.id() + "/").endsWith("/shot.png");
    assertThat(staged)
        .startsWith(STAGING)
        .matches("tickets/staging/[0-9a-f]{24}")
        .doesNotContain(ticket.id());
    desk.blobs.upload(url.uploadUrl(), "image/png", PNG);
    assertThat(desk.blobs.keys()).containsExactly(staged);
    assertThat(underTicket()).as("nothing is served before confirmation").isEmpty();

    AttachmentView a = confirm(JOHN, url, null);

    assertThat(keyOf(a.fileUrl())).isEqualTo(url.key());
    assertThat(desk.blobs.download(a.fileUrl())).isEqualTo(PNG);
    assertThat(desk.blobs.keys())
        .as("the staged upload is deleted at once")
        .containsExactly(url.key());
    assertThat(desk.store.findUploadGrant(url.key())).as("the grant is consumed").isEmpty();
    // ...and once more when its URL can no longer write it.
    assertThat(desk.store.scheduledObjectDeletions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.objectKey()).isEqualTo(staged);
              assertThat(d.notBefore())
                  .isAfter(desk.clock.instant().plus(Duration.ofHours(1).minusMinutes(1)));
            });
  }

  @Test
  @DisplayName("re-uploading through the URL after confirmation never changes what is downloaded")
  void reUploadAfterConfirmationChangesNothing() {
    UploadUrl url = request(JOHN);
    desk.blobs.upload(url.uploadUrl(), "image/png", PNG);
    AttachmentView a = confirm(JOHN, url, null);

    // The URL is still valid and the store accepts the bytes: they land on the staged key only.
    desk.blobs.upload(url.uploadUrl(), "image/png", SWAPPED);
    assertThat(desk.blobs.bytes(keyOf(url.uploadUrl())))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo(SWAPPED));

    assertThat(desk.blobs.download(a.fileUrl())).isEqualTo(PNG);
    String fresh = desk.service.ticket(ADMIN, ticket.id()).attachments().get(0).fileUrl();
    assertThat(desk.blobs.download(fresh)).isEqualTo(PNG);
    refused(ErrorCode.ATTACHMENT_REJECTED, () -> confirm(JOHN, url, null));
    assertThat(desk.blobs.download(fresh)).isEqualTo(PNG);

    // Once the URL has expired the staged copy is swept; the file stays.
    desk.clock.advance(GRANT_LIFETIME);
    assertThatThrownBy(() -> desk.blobs.upload(url.uploadUrl(), "image/png", SWAPPED))
        .isInstanceOf(BlobRejectedException.class);
    assertThat(desk.sweep()).isEqualTo(new AttachmentSweeper.Result(0, 1));
    assertThat(desk.blobs.keys()).containsExactly(url.key());
    assertThat(desk.store.scheduledObjectDeletions()).isEmpty();
    assertThat(
            desk.blobs.download(
                desk.service.ticket(JOHN, ticket.id()).attachments().get(0).fileUrl()))
        .isEqualTo(PNG);
  }

  @Test
  @DisplayName(
      "what is recorded is the copy as checked: a copy whose size or type differs is refused and removed")
  void theCopyIsChecked() {
    UploadUrl url = request(JOHN);
    String staged = keyOf(url.uploadUrl());
    // Someone with write access to the bucket replaces the staged object between the check and the
    // copy; here, right before confirmation, with a URL of the store's own signing.
    byte[] longer = new byte[PNG.length + 3];
    desk.blobs.upload(
        desk.blobs.presignUpload(staged, "image/png", longer.length, Duration.ofMinutes(5)).url(),
        "image/png",
        longer);
    refused(ErrorCode.ATTACHMENT_REJECTED, () -> confirm(JOHN, url, null));
    assertThat(underTicket()).isEmpty();

    desk.blobs.upload(url.uploadUrl(), "image/png", PNG);
    assertThat(desk.blobs.download(confirm(JOHN, url, null).fileUrl())).isEqualTo(PNG);
  }

  // ------------------------------------------------------------------ failures around the copy

  @Test
  @DisplayName(
      "a failed record after the copy removes the copy and releases the grant: the call can be repeated")
  void recordFailingAfterTheCopyIsUndone() {
    UploadUrl url = request(JOHN);
    desk.blobs.upload(url.uploadUrl(), "image/png", PNG);
    desk.store.failNextWrite("insertAttachment");

    refused(ErrorCode.UNAVAILABLE, () -> confirm(JOHN, url, null));

    assertThat(desk.faultyBlobs.copies()).isEqualTo(1);
    assertThat(underTicket()).as("the copy was deleted").isEmpty();
    assertThat(desk.blobs.keys()).containsExactly(keyOf(url.uploadUrl()));
    assertThat(desk.store.findUploadGrant(url.key())).isPresent();
    assertThat(desk.store.attachments(ticket.id(), true)).isEmpty();
    assertThat(desk.store.scheduledObjectDeletions()).isEmpty();
    assertThat(desk.service.history(ADMIN, ticket.id())).hasSize(1);

    assertThat(desk.blobs.download(confirm(JOHN, url, null).fileUrl())).isEqualTo(PNG);
  }

  @Test
  @DisplayName(
      "a copy that cannot be deleted after a failed record stays named by the grant and is swept with it")
  void undeletableCopyIsSwept() {
    UploadUrl url = request(JOHN);
    desk.blobs.upload(url.uploadUrl(), "image/png", PNG);
    desk.store.failNextWrite("insertAttachment");
    desk.faultyBlobs.fail("delete", 1);

    refused(ErrorCode.UNAVAILABLE, () -> confirm(JOHN, url, null));
    assertThat(underTicket()).containsExactly(url.key());

    // Nobody confirms it. The sweeper waits for the grant's end plus the confirmation lease.
    desk.clock.advance(GRANT_LIFETIME);
    assertThat(desk.sweep()).isEqualTo(new AttachmentSweeper.Result(0, 0));
    assertThat(desk.blobs.keys()).hasSize(2);
    desk.clock.advance(DefaultTicketService.CONFIRMATION_LEASE);
    assertThat(desk.sweep()).isEqualTo(new AttachmentSweeper.Result(1, 2));
    assertThat(desk.blobs.keys()).isEmpty();
    assertThat(desk.store.findUploadGrant(url.key())).isEmpty();
    assertThat(desk.store.scheduledObjectDeletions()).isEmpty();
  }

  @Test
  @DisplayName("a failure after the record committed never deletes the file")
  void failureAfterTheCommitKeepsTheFile() {
    UploadUrl url = request(JOHN);
    desk.blobs.upload(url.uploadUrl(), "image/png", PNG);
    desk.faultyBlobs.fail("presignDownload", 1);

    refused(ErrorCode.UNAVAILABLE, () -> confirm(JOHN, url, null));

    assertThat(underTicket()).containsExactly(url.key());
    assertThat(desk.store.attachments(ticket.id(), true)).hasSize(1);
    assertThat(
            desk.blobs.download(
                desk.service.ticket(JOHN, ticket.id()).attachments().get(0).fileUrl()))
        .isEqualTo(PNG);
    refused(ErrorCode.ATTACHMENT_REJECTED, () -> confirm(JOHN, url, null));
  }

  @Test
  @DisplayName("a copy that did not answer keeps the grant claimed (CONFLICT) until the lease ends")
  void unansweredCopyKeepsTheClaim() {
    UploadUrl url = request(JOHN);
    desk.blobs.upload(url.uploadUrl(), "image/png", PNG);
    desk.faultyBlobs.fail("copy", 1);

    refused(ErrorCode.UNAVAILABLE, () -> confirm(JOHN, url, null));
    // It may still land: no second copy may race it.
    TicketingException e = refused(ErrorCode.CONFLICT, () -> confirm(JOHN, url, null));
    assertThat(e.retryable()).isTrue();
    assertThat(desk.faultyBlobs.copies()).isEqualTo(1);

    desk.clock.advance(DefaultTicketService.CONFIRMATION_LEASE);
    assertThat(desk.blobs.download(confirm(JOHN, url, null).fileUrl())).isEqualTo(PNG);
  }

  @Test
  @DisplayName("concurrent confirmations of one key: exactly one copies and records it")
  void concurrentConfirmations() throws Exception {
    UploadUrl url = request(JOHN);
    desk.blobs.upload(url.uploadUrl(), "image/png", PNG);
    int callers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Object>> results = new ArrayList<>();
    try {
      for (int i = 0; i < callers; i++) {
        Actor actor = i % 2 == 0 ? JOHN : ADMIN;
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    return confirm(actor, url, null);
                  } catch (TicketingException refusal) {
                    return refusal.code();
                  }
                }));
      }
      go.countDown();
      List<Object> outcomes = new ArrayList<>();
      for (Future<Object> f : results) {
        outcomes.add(f.get(30, TimeUnit.SECONDS));
      }
      assertThat(outcomes).filteredOn(AttachmentView.class::isInstance).hasSize(1);
      assertThat(outcomes)
          .filteredOn(o -> !(o instanceof AttachmentView))
          .allMatch(o -> o == ErrorCode.CONFLICT || o == ErrorCode.ATTACHMENT_REJECTED);
    } finally {
      pool.shutdownNow();
    }
    assertThat(desk.faultyBlobs.copies()).isEqualTo(1);
    assertThat(desk.store.attachments(ticket.id(), true)).hasSize(1);
  }

  // ------------------------------------------------------------------ expiry and sweeping

  @Test
  @DisplayName(
      "an upload may be confirmed within the window after its URL expired, not after the grant's end")
  void confirmationWindow() {
    UploadUrl late = request(JOHN);
    UploadUrl later = request(JOHN);
    desk.blobs.upload(late.uploadUrl(), "image/png", PNG);
    desk.blobs.upload(later.uploadUrl(), "image/png", PNG);

    desk.clock.advance(Duration.ofMinutes(90));
    assertThat(confirm(JOHN, late, null).fileSize()).isEqualTo(PNG.length);

    desk.clock.advance(Duration.ofMinutes(30));
    TicketingException e = refused(ErrorCode.ATTACHMENT_REJECTED, () -> confirm(JOHN, later, null));
    assertThat(e.getMessage()).contains("expired");
    assertThat(desk.faultyBlobs.copies()).isEqualTo(1);
  }

  @Test
  @DisplayName("unconfirmed uploads are swept with their grants; confirmed files are not")
  void unconfirmedUploadsAreSwept() {
    UploadUrl kept = request(JOHN);
    desk.blobs.upload(kept.uploadUrl(), "image/png", PNG);
    AttachmentView file = confirm(JOHN, kept, null);
    UploadUrl abandoned = request(JOHN);
    desk.blobs.upload(abandoned.uploadUrl(), "image/png", PNG);
    UploadUrl neverUploaded = request(ADMIN);

    desk.clock.advance(GRANT_LIFETIME.plus(DefaultTicketService.CONFIRMATION_LEASE));
    UploadUrl fresh = request(JOHN);
    desk.blobs.upload(fresh.uploadUrl(), "image/png", PNG);
    AttachmentSweeper.Result swept = desk.sweep();

    assertThat(swept.expiredGrants()).isEqualTo(2);
    assertThat(desk.store.findUploadGrant(abandoned.key())).isEmpty();
    assertThat(desk.store.findUploadGrant(neverUploaded.key())).isEmpty();
    assertThat(desk.store.findUploadGrant(fresh.key())).as("not expired").isPresent();
    assertThat(desk.blobs.keys()).containsExactlyInAnyOrder(kept.key(), keyOf(fresh.uploadUrl()));
    assertThat(
            desk.blobs.download(
                desk.service.ticket(JOHN, ticket.id()).attachments().get(0).fileUrl()))
        .isEqualTo(PNG);
    assertThat(file.id()).isNotNull();
    refused(ErrorCode.ATTACHMENT_REJECTED, () -> confirm(JOHN, abandoned, null));
    assertThat(desk.sweep()).isEqualTo(new AttachmentSweeper.Result(0, 0));
  }

  // ------------------------------------------------------------------ purge

  @Test
  @DisplayName(
      "purge leaves no object; a still-valid URL only writes a staged object nobody can confirm, then swept")
  void purgeLeavesNoObject() {
    UploadUrl confirmed = request(JOHN);
    desk.blobs.upload(confirmed.uploadUrl(), "image/png", PNG);
    confirm(JOHN, confirmed, null);
    UploadUrl uploaded = request(JOHN);
    desk.blobs.upload(uploaded.uploadUrl(), "image/png", PNG);
    UploadUrl pending = request(ADMIN);
    TicketView bystander =
        desk.service.createTicket(JOHN, CreateTicket.of("Keep", "not purged", "acme"));
    UploadUrl other =
        desk.service.requestUpload(
            JOHN, new RequestUpload(bystander.id(), "keep.png", "image/png", PNG.length));
    desk.blobs.upload(other.uploadUrl(), "image/png", PNG);

    desk.service.purgeTicket(ROOT, ticket.id());

    assertThat(desk.blobs.keys())
        .as("only the other ticket's upload is left")
        .containsExactly(keyOf(other.uploadUrl()));

    // The pending URL is still valid: it can only write its staged key, outside the purged prefix.
    desk.blobs.upload(pending.uploadUrl(), "image/png", PNG);
    desk.blobs.upload(uploaded.uploadUrl(), "image/png", SWAPPED);
    assertThat(desk.blobs.keys()).noneMatch(k -> k.contains(ticket.id()));
    refused(ErrorCode.NOT_FOUND, () -> confirm(ADMIN, pending, null));
    assertThat(desk.faultyBlobs.copies()).isEqualTo(1);

    // Swept once those URLs can no longer write.
    desk.sweep();
    assertThat(desk.blobs.keys())
        .as("staged uploads wait for their URLs to expire")
        .contains(keyOf(pending.uploadUrl()), keyOf(uploaded.uploadUrl()));
    desk.clock.advance(GRANT_LIFETIME);
    desk.sweep();
    assertThat(desk.blobs.keys())
        .noneMatch(
            k ->
                k.equals(keyOf(pending.uploadUrl()))
                    || k.equals(keyOf(uploaded.uploadUrl()))
                    || k.contains(ticket.id()));
    assertThat(desk.store.scheduledObjectDeletions())
        .extracting(ObjectDeletion::objectKey)
        .doesNotContain(keyOf(pending.uploadUrl()), keyOf(uploaded.uploadUrl()));
  }

  @Test
  @DisplayName("a purge whose deletions fail still completes; the sweeper deletes the objects")
  void purgeWithFailingStorage() {
    UploadUrl url = request(JOHN);
    desk.blobs.upload(url.uploadUrl(), "image/png", PNG);
    confirm(JOHN, url, null);
    desk.faultyBlobs.fail("delete", 1);

    desk.service.purgeTicket(ROOT, ticket.id());

    assertThat(desk.store.findTicket(ticket.id())).isEmpty();
    assertThat(underTicket()).containsExactly(url.key());
    desk.sweep();
    assertThat(underTicket()).isEmpty();
  }

  // ------------------------------------------------------------------ comments

  @Test
  @DisplayName(
      "a customer cannot attach a file to a staff member's reply (ACCESS_DENIED); authors and staff can")
  void onlyAuthorsAndStaffAttachToAComment() {
    desk.service.assignTicket(ADMIN, new AssignTicket(ticket.id(), "sarah"));
    CommentView staffReply =
        desk.service.addComment(SARAH, new AddComment(ticket.id(), "Try again?", false));
    CommentView own =
        desk.service.addComment(JOHN, new AddComment(ticket.id(), "Here is the screenshot", false));
    UploadUrl url = request(JOHN);
    desk.blobs.upload(url.uploadUrl(), "image/png", PNG);

    refused(ErrorCode.ACCESS_DENIED, () -> confirm(JOHN, url, staffReply.id()));
    assertThat(desk.faultyBlobs.copies()).as("refused before anything was copied").isZero();
    assertThat(desk.store.findUploadGrant(url.key())).isPresent();

    assertThat(confirm(JOHN, url, own.id()).commentId()).isEqualTo(own.id());
    for (Actor staff : List.of(SARAH, ADMIN)) {
      UploadUrl s = request(staff);
      desk.blobs.upload(s.uploadUrl(), "image/png", PNG);
      assertThat(confirm(staff, s, own.id()).commentId())
          .as("%s on the customer's comment", staff.id())
          .isEqualTo(own.id());
    }
  }

  @Test
  @DisplayName("a customer who sees a colleague's ticket cannot attach to the colleague's comment")
  void notToAColleaguesComment() {
    TicketingOptions options = TicketingOptions.defaults();
    try (Desk company =
        new Desk(
            MatrixPolicy.standard().toBuilder().customerVisibility(Reach.COMPANY).build(),
            options)) {
      TicketView t =
          company.service.createTicket(JOHN, CreateTicket.of("Shared", "company-wide", "acme"));
      CommentView johns =
          company.service.addComment(JOHN, new AddComment(t.id(), "John's words", false));
      UploadUrl url =
          company.service.requestUpload(
              ALICE, new RequestUpload(t.id(), "a.png", "image/png", PNG.length));
      company.blobs.upload(url.uploadUrl(), "image/png", PNG);

      refused(
          ErrorCode.ACCESS_DENIED,
          () ->
              company.service.confirmAttachment(
                  ALICE, new ConfirmAttachment(t.id(), url.key(), johns.id())));
      assertThat(
              company
                  .service
                  .confirmAttachment(ALICE, new ConfirmAttachment(t.id(), url.key(), null))
                  .uploadedBy())
          .isEqualTo("alice");
    }
  }
}
