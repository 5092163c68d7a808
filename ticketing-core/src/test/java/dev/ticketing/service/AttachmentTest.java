package dev.ticketing.service;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.JANE;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Desk.MIKE;
import static dev.ticketing.support.Desk.SARAH;
import static dev.ticketing.support.Refusals.invalid;
import static dev.ticketing.support.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AttachmentView;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CommentView;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.NotFoundException;
import dev.ticketing.RequestUpload;
import dev.ticketing.Status;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UploadUrl;
import dev.ticketing.ValidationException;
import dev.ticketing.memory.BlobRejectedException;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.spi.PurgedTicket;
import dev.ticketing.support.Desk;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Upload URLs, confirmation and read-time download URLs (docs/attachments.md). */
class AttachmentTest {

  private static final String PREFIX = "tickets/attachments/";
  private static final byte[] PNG =
      "\u0089PNG not really an image".getBytes(StandardCharsets.UTF_8);

  private final Desk desk = new Desk();
  private final TicketView ticket =
      desk.service.createTicket(JOHN, CreateTicket.of("Upload", "with files", "acme"));
  private final TicketView other =
      desk.service.createTicket(JOHN, CreateTicket.of("Other", "another one", "acme"));

  @AfterEach
  void close() {
    desk.close();
  }

  private UploadUrl request(Actor actor, String ticketId, String fileName, String type, long size) {
    return desk.service.requestUpload(actor, new RequestUpload(ticketId, fileName, type, size));
  }

  /** Requests a URL, PUTs the bytes, confirms: the happy path. */
  private AttachmentView attach(
      Actor actor, String ticketId, String fileName, byte[] bytes, String commentId) {
    UploadUrl url = request(actor, ticketId, fileName, "image/png", bytes.length);
    desk.blobs.upload(url.uploadUrl(), "image/png", bytes);
    return desk.service.confirmAttachment(
        actor, new ConfirmAttachment(ticketId, url.key(), commentId));
  }

  /**
   * The objects the store would give up on a purge: those of confirmed attachments and of upload
   * grants still outstanding. Asked in a unit of work that is rolled back, so nothing changes.
   */
  private List<String> grantsOf(String ticketId) {
    try {
      desk.store.inTransaction(
          () -> {
            PurgedTicket purged = desk.store.purgeTicket(ticketId);
            List<String> keys = new java.util.ArrayList<>(purged.attachmentKeys());
            purged.uploadGrants().forEach(g -> keys.add(g.objectKey()));
            throw new Rollback(keys);
          });
      throw new AssertionError("unreachable");
    } catch (Rollback r) {
      return r.keys;
    }
  }

  /** Carries a result out of a unit of work that must not commit. */
  private static final class Rollback extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient List<String> keys;

    Rollback(List<String> keys) {
      super(null, null, false, false);
      this.keys = keys;
    }
  }

  // ------------------------------------------------------------------ upload URL

  @Test
  @DisplayName(
      "content type outside the allow-list and oversize files are refused before any URL or grant")
  void refusedBeforeAnyUrl() {
    ValidationException type =
        invalid(
            () -> request(JOHN, ticket.id(), "setup.exe", "application/x-msdownload", 10),
            "contentType");
    assertThat(type.getMessage()).contains("contentType");
    invalid(
        () ->
            request(
                JOHN,
                ticket.id(),
                "big.png",
                "image/png",
                TicketingOptions.DEFAULT_MAX_FILE_SIZE + 1),
        "fileSize");
    invalid(
        () ->
            request(
                JOHN,
                ticket.id(),
                "big.exe",
                "application/x-msdownload",
                TicketingOptions.DEFAULT_MAX_FILE_SIZE + 1),
        "contentType",
        "fileSize");
    invalid(() -> request(JOHN, ticket.id(), "empty.png", "image/png", 0), "fileSize");
    invalid(() -> request(JOHN, ticket.id(), "x.html", "text/html", 10), "contentType");

    assertThat(grantsOf(ticket.id())).as("no grant was stored").isEmpty();
    assertThat(desk.blobs.keys()).isEmpty();

    // Control: a valid request does leave a grant.
    UploadUrl ok =
        request(JOHN, ticket.id(), "max.png", "image/png", TicketingOptions.DEFAULT_MAX_FILE_SIZE);
    assertThat(ok.maxFileSize()).isEqualTo(TicketingOptions.DEFAULT_MAX_FILE_SIZE);
    assertThat(grantsOf(ticket.id())).containsExactly(ok.key());
  }

  @Test
  void contentTypeIsNormalisedAndTheAllowListIsConfigurable() {
    UploadUrl url = request(JOHN, ticket.id(), "a.png", "IMAGE/PNG; charset=binary", PNG.length);
    assertThat(url.requiredHeaders())
        .containsEntry("Content-Type", "image/png")
        .containsEntry("Content-Length", String.valueOf(PNG.length));

    TicketingOptions textOnly =
        TicketingOptions.defaults().toBuilder()
            .allowedContentTypes(List.of("Text/Plain"))
            .maxFileSize(1_000)
            .build();
    try (Desk strict = new Desk(MatrixPolicy.standard(), textOnly)) {
      TicketView t = strict.service.createTicket(JOHN, CreateTicket.of("x", "y", "acme"));
      invalid(
          () ->
              strict.service.requestUpload(
                  JOHN, new RequestUpload(t.id(), "a.png", "image/png", 10)),
          "contentType");
      invalid(
          () ->
              strict.service.requestUpload(
                  JOHN, new RequestUpload(t.id(), "a.txt", "text/plain", 1_001)),
          "fileSize");
      assertThat(
              strict
                  .service
                  .requestUpload(JOHN, new RequestUpload(t.id(), "a.txt", "text/plain", 1_000))
                  .maxFileSize())
          .isEqualTo(1_000);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../../etc/passwd",
        "a/b\\c.png",
        "C:\\Users\\john\\Desktop\\report.pdf",
        "re\u0000port\u0007\u001b[31m.pdf",
        "invoice\u202Egnp.exe",
        "\u2066evil\u2069.png\u200B",
        "..\\..\\windows\\system32",
        "x/../../y.png",
        "name with spaces & <tags>.txt",
        "%2e%2e%2fpasswd",
      })
  @DisplayName(
      "file names are sanitised: the key is prefix/{ticketId}/{random}/{name} with a safe name")
  void fileNamesAreSanitised(String fileName) {
    UploadUrl url = request(JOHN, ticket.id(), fileName, "image/png", 10);

    assertSafeKey(url.key());
  }

  @Test
  void longNamesAreCutTo255BytesKeepingTheExtension() {
    String name = "a".repeat(296) + ".png"; // 300 bytes
    String multibyte = "\u00e9".repeat(150) + ".pdf"; // 304 bytes

    String key = request(JOHN, ticket.id(), name, "image/png", 10).key();
    String key2 = request(JOHN, ticket.id(), multibyte, "image/png", 10).key();

    assertSafeKey(key);
    assertSafeKey(key2);
    assertThat(lastSegment(key)).endsWith(".png").hasSize(255);
    assertThat(lastSegment(key2)).endsWith(".pdf").startsWith("\u00e9\u00e9");
  }

  @ParameterizedTest
  @ValueSource(strings = {"....", ".", "..", "/", "../..", "\u202E\u0000", " . "})
  void namesWithNothingUsableAreRefused(String fileName) {
    invalid(() -> request(JOHN, ticket.id(), fileName, "image/png", 10), "fileName");
    assertThat(grantsOf(ticket.id())).isEmpty();
  }

  @Test
  void keysAreUniquePerRequest() {
    String first = request(JOHN, ticket.id(), "same.png", "image/png", 10).key();
    String second = request(JOHN, ticket.id(), "same.png", "image/png", 10).key();

    assertThat(first).isNotEqualTo(second);
    assertThat(lastSegment(first)).isEqualTo(lastSegment(second)).isEqualTo("same.png");
  }

  private void assertSafeKey(String key) {
    assertThat(key).startsWith(PREFIX + ticket.id() + "/");
    String[] rest = key.substring((PREFIX + ticket.id() + "/").length()).split("/", -1);
    assertThat(rest).as("random segment and file name of %s", key).hasSize(2);
    assertThat(rest[0]).matches("[0-9a-f]{24}");
    String name = rest[1];
    assertThat(name).isNotEmpty().isNotIn(".", "..").doesNotContain("\\", "..", "%");
    assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
    assertThat(name.codePoints())
        .noneMatch(
            cp ->
                Character.isISOControl(cp)
                    || Character.getType(cp) == Character.FORMAT
                    || Character.isWhitespace(cp));
  }

  private static String lastSegment(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  @Test
  @DisplayName(
      "upload URLs are refused on CLOSED and CANCELLED tickets, and to those who may not comment")
  void uploadRefusedWhereNoCommentIsAllowed() {
    desk.service.changeStatus(ADMIN, new ChangeStatus(ticket.id(), Status.RESOLVED));
    desk.service.changeStatus(ADMIN, new ChangeStatus(ticket.id(), Status.CLOSED));
    desk.service.changeStatus(JOHN, new ChangeStatus(other.id(), Status.CANCELLED));

    refused(ErrorCode.INVALID_STATE, () -> request(JOHN, ticket.id(), "a.png", "image/png", 10));
    refused(ErrorCode.INVALID_STATE, () -> request(ADMIN, ticket.id(), "a.png", "image/png", 10));
    refused(ErrorCode.INVALID_STATE, () -> request(JOHN, other.id(), "a.png", "image/png", 10));
    refused(ErrorCode.NOT_FOUND, () -> request(JANE, ticket.id(), "a.png", "image/png", 10));
    refused(ErrorCode.NOT_FOUND, () -> request(SARAH, ticket.id(), "a.png", "image/png", 10));
    assertThat(grantsOf(ticket.id())).isEmpty();
  }

  // ------------------------------------------------------------------ confirmation

  @Test
  @DisplayName(
      "the happy path: confirmed once, the record has the issued name, size and type; fileUrl downloads it")
  void confirmAndDownload() {
    AttachmentView a = attach(JOHN, ticket.id(), "error screenshot.png", PNG, null);

    assertThat(a.ticketId()).isEqualTo(ticket.id());
    assertThat(a.commentId()).isNull();
    assertThat(a.fileName()).isEqualTo("error_screenshot.png");
    assertThat(a.fileSize()).isEqualTo(PNG.length);
    assertThat(a.contentType()).isEqualTo("image/png");
    assertThat(a.uploadedBy()).isEqualTo("john");
    assertThat(desk.blobs.download(a.fileUrl())).isEqualTo(PNG);

    TicketDetails seen = desk.service.ticket(JOHN, ticket.id());
    assertThat(seen.attachments())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.id()).isEqualTo(a.id());
              assertThat(desk.blobs.download(v.fileUrl())).isEqualTo(PNG);
            });
    assertThat(seen.ticket().count().attachments()).isEqualTo(1);
    assertThat(grantsOf(ticket.id()))
        .as("the attachment's object; the grant is consumed")
        .containsExactly(keyOf(a));
  }

  private String keyOf(AttachmentView a) {
    // The download URL names the object: memory://blobs/{key}?...
    String path = a.fileUrl().substring("memory://blobs/".length(), a.fileUrl().indexOf('?'));
    return java.net.URLDecoder.decode(path, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("fileUrl is short-lived: made at read time, expired after downloadUrlExpiry")
  void fileUrlExpires() {
    AttachmentView a = attach(JOHN, ticket.id(), "shot.png", PNG, null);
    desk.clock.advance(Duration.ofMinutes(16));

    assertThatThrownBy(() -> desk.blobs.download(a.fileUrl()))
        .isInstanceOfSatisfying(
            BlobRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(BlobRejectedException.Reason.EXPIRED));
    String fresh = desk.service.ticket(JOHN, ticket.id()).attachments().get(0).fileUrl();
    assertThat(fresh).isNotEqualTo(a.fileUrl()).doesNotStartWith("http");
    assertThat(desk.blobs.download(fresh)).isEqualTo(PNG);
  }

  @Test
  @DisplayName("a key issued for another ticket is refused, and stays usable for its own ticket")
  void keyOfAnotherTicketIsRefused() {
    UploadUrl url = request(JOHN, ticket.id(), "a.png", "image/png", PNG.length);
    desk.blobs.upload(url.uploadUrl(), "image/png", PNG);

    refused(
        ErrorCode.ATTACHMENT_REJECTED,
        () ->
            desk.service.confirmAttachment(
                JOHN, new ConfirmAttachment(other.id(), url.key(), null)));
    assertThat(desk.service.ticket(JOHN, other.id()).attachments()).isEmpty();

    assertThat(
            desk.service.confirmAttachment(
                JOHN, new ConfirmAttachment(ticket.id(), url.key(), null)))
        .isNotNull();
  }

  @Test
  @DisplayName("a key that was never issued, or issued but never uploaded, is refused")
  void unknownOrNotUploadedKeyIsRefused() {
    String forged = PREFIX + ticket.id() + "/0123456789abcdef01234567/forged.png";
    refused(
        ErrorCode.ATTACHMENT_REJECTED,
        () ->
            desk.service.confirmAttachment(JOHN, new ConfirmAttachment(ticket.id(), forged, null)));

    UploadUrl url = request(JOHN, ticket.id(), "later.png", "image/png", PNG.length);
    refused(
        ErrorCode.ATTACHMENT_REJECTED,
        () ->
            desk.service.confirmAttachment(
                JOHN, new ConfirmAttachment(ticket.id(), url.key(), null)));
    assertThat(desk.service.ticket(JOHN, ticket.id()).attachments()).isEmpty();
    assertThat(desk.service.history(ADMIN, ticket.id())).hasSize(1);

    // The grant survives the failed confirmation: upload, then confirm.
    desk.blobs.upload(url.uploadUrl(), "image/png", PNG);
    assertThat(
            desk.service
                .confirmAttachment(JOHN, new ConfirmAttachment(ticket.id(), url.key(), null))
                .fileName())
        .isEqualTo("later.png");
  }

  @Test
  @DisplayName("an object whose real size or type differs from the issued ones is refused")
  void sizeOrTypeMismatchIsRefused() {
    // The issued URL cannot carry other bytes (its signature covers length and type)...
    UploadUrl url = request(JOHN, ticket.id(), "a.png", "image/png", PNG.length);
    assertThatThrownBy(
            () -> desk.blobs.upload(url.uploadUrl(), "image/png", new byte[PNG.length + 1]))
        .isInstanceOf(BlobRejectedException.class);

    // ...so put a different object where the upload is staged the way storage allows: a URL signed
    // for it.
    String staged = desk.store.findUploadGrant(url.key()).orElseThrow().stagingKey();
    byte[] longer = new byte[PNG.length + 1];
    desk.blobs.upload(
        desk.blobs.presignUpload(staged, "image/png", longer.length, Duration.ofMinutes(5)).url(),
        "image/png",
        longer);
    refused(
        ErrorCode.ATTACHMENT_REJECTED,
        () ->
            desk.service.confirmAttachment(
                JOHN, new ConfirmAttachment(ticket.id(), url.key(), null)));

    desk.blobs.upload(
        desk.blobs.presignUpload(staged, "image/gif", PNG.length, Duration.ofMinutes(5)).url(),
        "image/gif",
        PNG);
    refused(
        ErrorCode.ATTACHMENT_REJECTED,
        () ->
            desk.service.confirmAttachment(
                JOHN, new ConfirmAttachment(ticket.id(), url.key(), null)));
    assertThat(desk.service.ticket(JOHN, ticket.id()).attachments()).isEmpty();

    // The right object under the key is accepted (type parameters do not matter).
    desk.blobs.upload(
        desk.blobs.presignUpload(staged, "image/png; q=1", PNG.length, Duration.ofMinutes(5)).url(),
        "image/png; q=1",
        PNG);
    assertThat(
            desk.service
                .confirmAttachment(JOHN, new ConfirmAttachment(ticket.id(), url.key(), null))
                .contentType())
        .isEqualTo("image/png");
  }

  @Test
  @DisplayName("linking to a comment of another ticket, or to no comment at all, is NOT_FOUND")
  void commentOfAnotherTicketIsNotFound() {
    CommentView elsewhere =
        desk.service.addComment(JOHN, new AddComment(other.id(), "on the other ticket", false));
    UploadUrl url = request(JOHN, ticket.id(), "a.png", "image/png", PNG.length);
    desk.blobs.upload(url.uploadUrl(), "image/png", PNG);

    NotFoundException e =
        (NotFoundException)
            refused(
                ErrorCode.NOT_FOUND,
                () ->
                    desk.service.confirmAttachment(
                        JOHN, new ConfirmAttachment(ticket.id(), url.key(), elsewhere.id())));
    assertThat(e.kind()).isEqualTo("comment");
    refused(
        ErrorCode.NOT_FOUND,
        () ->
            desk.service.confirmAttachment(
                JOHN, new ConfirmAttachment(ticket.id(), url.key(), "no-such-comment")));

    CommentView here = desk.service.addComment(JOHN, new AddComment(ticket.id(), "here", false));
    AttachmentView a =
        desk.service.confirmAttachment(
            JOHN, new ConfirmAttachment(ticket.id(), url.key(), here.id()));
    assertThat(a.commentId()).isEqualTo(here.id());
    assertThat(desk.service.ticket(JOHN, ticket.id()).comments())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.attachments()).extracting(AttachmentView::id).containsExactly(a.id()));
  }

  @Test
  @DisplayName(
      "files of an internal note never reach the customer; customers cannot attach to a note")
  void internalNoteAttachmentsStayInternal() {
    desk.service.assignTicket(ADMIN, new AssignTicket(ticket.id(), "sarah"));
    CommentView note =
        desk.service.addComment(SARAH, new AddComment(ticket.id(), "quota exceeded", true));
    AttachmentView secret = attach(SARAH, ticket.id(), "quota.png", PNG, note.id());
    AttachmentView shared = attach(JOHN, ticket.id(), "public.png", PNG, null);

    TicketDetails customer = desk.service.ticket(JOHN, ticket.id());
    assertThat(customer.attachments()).extracting(AttachmentView::id).containsExactly(shared.id());
    assertThat(customer.comments()).isEmpty();
    assertThat(customer.ticket().count().attachments()).isEqualTo(1);
    assertThat(customer.toString()).doesNotContain(secret.id(), "quota");
    assertThat(desk.service.myTickets(JOHN))
        .filteredOn(v -> v.id().equals(ticket.id()))
        .singleElement()
        .satisfies(v -> assertThat(v.count().attachments()).isEqualTo(1));

    TicketDetails staff = desk.service.ticket(SARAH, ticket.id());
    assertThat(staff.attachments())
        .extracting(AttachmentView::id)
        .containsExactlyInAnyOrder(secret.id(), shared.id());
    assertThat(staff.comments())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.attachments())
                    .extracting(AttachmentView::id)
                    .containsExactly(secret.id()));
    assertThat(staff.ticket().count().attachments()).isEqualTo(2);
    refused(ErrorCode.NOT_FOUND, () -> desk.service.ticket(MIKE, ticket.id()));

    // John knows the note's id somehow: attaching to it is as if it did not exist.
    UploadUrl url = request(JOHN, ticket.id(), "sneaky.png", "image/png", PNG.length);
    desk.blobs.upload(url.uploadUrl(), "image/png", PNG);
    refused(
        ErrorCode.NOT_FOUND,
        () ->
            desk.service.confirmAttachment(
                JOHN, new ConfirmAttachment(ticket.id(), url.key(), note.id())));
    assertThat(desk.service.ticket(SARAH, ticket.id()).attachments()).hasSize(2);
  }

  @Test
  @DisplayName("confirming needs the right to attach on the ticket: strangers get NOT_FOUND")
  void confirmNeedsTheTicket() {
    UploadUrl url = request(JOHN, ticket.id(), "a.png", "image/png", PNG.length);
    desk.blobs.upload(url.uploadUrl(), "image/png", PNG);

    refused(
        ErrorCode.NOT_FOUND,
        () ->
            desk.service.confirmAttachment(
                JANE, new ConfirmAttachment(ticket.id(), url.key(), null)));
    refused(
        ErrorCode.NOT_FOUND,
        () ->
            desk.service.confirmAttachment(
                MIKE, new ConfirmAttachment(ticket.id(), url.key(), null)));
    // Staff who may comment may confirm a key the customer was issued.
    assertThat(
            desk.service
                .confirmAttachment(ADMIN, new ConfirmAttachment(ticket.id(), url.key(), null))
                .uploadedBy())
        .isEqualTo("admin");
  }

  @Test
  @DisplayName(
      "a URL issued while the ticket was open cannot attach once it is CLOSED (comments are refused there)")
  void confirmRefusedOnClosedTicket() {
    UploadUrl url = request(JOHN, ticket.id(), "late.png", "image/png", PNG.length);
    desk.blobs.upload(url.uploadUrl(), "image/png", PNG);
    desk.service.changeStatus(ADMIN, new ChangeStatus(ticket.id(), Status.RESOLVED));
    desk.service.changeStatus(ADMIN, new ChangeStatus(ticket.id(), Status.CLOSED));

    refused(
        ErrorCode.INVALID_STATE,
        () ->
            desk.service.confirmAttachment(
                JOHN, new ConfirmAttachment(ticket.id(), url.key(), null)));
    assertThat(desk.service.ticket(JOHN, ticket.id()).attachments()).isEmpty();
  }
}
