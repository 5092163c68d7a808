package dev.ticketing.s3;

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
import dev.ticketing.StoreUnavailableException;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingException;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UploadUrl;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.attachment.AttachmentSweeper;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.BlobInfo;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.PresignedUpload;
import dev.ticketing.spi.PurgedTicket;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.S3ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Attachments (docs/attachments.md) end to end against a real S3 server: the engine ({@code
 * Ticketing.builder()}) on {@link S3BlobStore}, S3Proxy in this JVM checking signatures, and a real
 * HTTP client doing what a browser or app would do with the URLs.
 *
 * <p>What S3Proxy 3.0.0 enforces, as observed here: a pre-signed PUT is refused with 403 {@code
 * SignatureDoesNotMatch} when the body has another length (the client's Content-Length differs from
 * the signed one), when the Content-Type differs or is missing, and when the key in the path was
 * changed; with 403 {@code AccessDenied "Request has expired"} once {@code X-Amz-Date + X-Amz-Expires}
 * has passed. Amazon S3 answers the same cases with 403 too. A lying Content-Length header with a
 * body of another size cannot be sent with {@code java.net.http} (it computes the header from the
 * body), and would be a broken HTTP request anyway: the length the server checks is the length of
 * the body it reads.
 */
class S3AttachmentsIT {

  private static final String BUCKET = "ticket-files";
  private static final String PREFIX = "tickets/attachments/";
  private static final String STAGING = "tickets/staging/";

  static final Actor CUSTOMER = Actor.customer("cust", "acme");
  static final Actor AGENT = Actor.agent("agent");
  static final Actor ADMIN = Actor.admin("admin");

  /** Purging is for super admins. */
  static final Actor ROOT = Actor.superAdmin("root");

  static final InMemoryDirectory DIRECTORY =
      InMemoryDirectory.builder()
          .company("acme", "Acme Corp", "billing@acme.test")
          .user("cust", "Carla", "Customer", "carla@acme.test", Role.CUSTOMER)
          .user("agent", "Andy", "Agent", "andy@support.test", Role.AGENT)
          .user("admin", "Ada", "Admin", "ada@support.test", Role.ADMIN)
          .user("root", "Rob", "Root", "rob@support.test", Role.SUPER_ADMIN)
          .build();

  private static S3ProxyServer server;
  private static S3BlobStore s3;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final MutableClock clock = MutableClock.followingSystemTime();
  private final RecordingBlobStore blobs = new RecordingBlobStore(s3);
  private final InMemoryTicketStore store = new InMemoryTicketStore();
  private final List<Ticketing> engines = new ArrayList<>();
  private final TicketService service = engine(TicketingOptions.defaults());
  private final TicketView ticket =
      service.createTicket(CUSTOMER, CreateTicket.of("Printer", "It is on fire", "acme"));

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start();
    server.createBucket(BUCKET);
    s3 = S3BlobStore.create(settings(BUCKET));
  }

  @AfterAll
  static void stopServer() {
    if (s3 != null) {
      s3.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void emptyBucket() {
    server.backend().clearContainer(BUCKET);
  }

  @AfterEach
  void closeEngines() {
    engines.forEach(Ticketing::close);
  }

  private TicketService engine(TicketingOptions options) {
    Ticketing t =
        Ticketing.builder()
            .store(store)
            .blobStore(blobs)
            .directory(DIRECTORY)
            .options(options)
            .clock(clock)
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build();
    engines.add(t);
    return t.service();
  }

  // ------------------------------------------------------------------ the happy path

  @Test
  @DisplayName(
      "upload through the pre-signed URL, confirm, download through fileUrl: the same bytes")
  void uploadConfirmDownload() throws Exception {
    byte[] pdf = "%PDF-1.7 quarterly numbers".getBytes(StandardCharsets.UTF_8);
    UploadUrl url =
        request(CUSTOMER, ticket.id(), "Quarterly report.pdf", "application/pdf", pdf.length);

    assertThat(url.key()).startsWith(PREFIX + ticket.id() + "/").endsWith("/Quarterly_report.pdf");
    assertThat(stagingKey(url)).startsWith(STAGING).doesNotContain(ticket.id());
    assertThat(url.requiredHeaders())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "Content-Type", "application/pdf", "Content-Length", String.valueOf(pdf.length)));
    assertThat(putAsIssued(url, pdf).statusCode()).isEqualTo(200);
    assertThat(server.keys(BUCKET))
        .as("the upload is staged, nothing is served yet")
        .containsExactly(stagingKey(url));

    AttachmentView a =
        service.confirmAttachment(CUSTOMER, new ConfirmAttachment(ticket.id(), url.key(), null));
    assertThat(server.keys(BUCKET))
        .as("copied to the key; the staged upload deleted")
        .containsExactly(url.key());
    assertThat(a.fileName()).isEqualTo("Quarterly_report.pdf");
    assertThat(a.fileSize()).isEqualTo(pdf.length);
    assertThat(a.contentType()).isEqualTo("application/pdf");
    assertThat(s3.head(url.key())).contains(new BlobInfo(pdf.length, "application/pdf"));

    HttpResponse<byte[]> download = get(a.fileUrl());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(pdf);
    assertThat(download.headers().firstValue("Content-Type")).contains("application/pdf");
    assertThat(download.headers().firstValue("Content-Disposition"))
        .contains(
            "attachment; filename=\"Quarterly_report.pdf\"; filename*=UTF-8''Quarterly_report.pdf");

    // fileUrl is made at read time, for whoever may see the ticket.
    TicketDetails seen = service.ticket(CUSTOMER, ticket.id());
    assertThat(seen.attachments())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.id()).isEqualTo(a.id());
              assertThat(get(v.fileUrl()).body()).isEqualTo(pdf);
            });
    // The key is only good once.
    refused(
        ErrorCode.ATTACHMENT_REJECTED,
        () ->
            service.confirmAttachment(
                CUSTOMER, new ConfirmAttachment(ticket.id(), url.key(), null)));
  }

  @Test
  @DisplayName(
      "the upload URL's signature covers content-length and content-type; URLs expire as configured")
  void uploadUrlSignsTypeAndLength() throws Exception {
    UploadUrl url = request(CUSTOMER, ticket.id(), "shot.png", "image/png", 10);

    Map<String, String> query = S3BlobStoreTest.query(url.uploadUrl());
    assertThat(Arrays.asList(query.get("X-Amz-SignedHeaders").split(";")))
        .contains("content-length", "content-type", "host");
    assertThat(query).containsEntry("X-Amz-Expires", "3600");
    assertThat(url.expiresIn()).isEqualTo(3600);
    assertThat(URI.create(url.uploadUrl()).getRawPath())
        .isEqualTo("/" + BUCKET + "/" + stagingKey(url))
        .matches("/" + BUCKET + "/" + STAGING + "[0-9a-f]{24}");

    assertThat(putAsIssued(url, new byte[10]).statusCode()).isEqualTo(200);
    AttachmentView a =
        service.confirmAttachment(CUSTOMER, new ConfirmAttachment(ticket.id(), url.key(), null));
    assertThat(S3BlobStoreTest.query(a.fileUrl()))
        .containsEntry("X-Amz-Expires", "900")
        .containsKey("response-content-disposition");
  }

  // ------------------------------------------------------------------ what the server refuses

  @Test
  @DisplayName(
      "the server refuses (403) another length, another or no content type, another key, an altered URL")
  void serverRefusesWhatWasNotSigned() throws Exception {
    byte[] png = new byte[64];
    UploadUrl url = request(CUSTOMER, ticket.id(), "photo.png", "image/png", png.length);
    TicketView other =
        service.createTicket(CUSTOMER, CreateTicket.of("Other", "another ticket", "acme"));

    assertThat(put(url.uploadUrl(), "image/png", new byte[png.length + 1]).statusCode())
        .as("longer")
        .isEqualTo(403);
    assertThat(put(url.uploadUrl(), "image/png", new byte[png.length - 1]).statusCode())
        .as("shorter")
        .isEqualTo(403);
    assertThat(put(url.uploadUrl(), "image/jpeg", png).statusCode())
        .as("other type")
        .isEqualTo(403);
    assertThat(put(url.uploadUrl(), "text/html", png).statusCode()).as("html").isEqualTo(403);
    assertThat(put(url.uploadUrl(), null, png).statusCode()).as("no type").isEqualTo(403);

    // The signature is for the staging key: it cannot be bent to write another staging key, the key
    // the file will be served from, another ticket's key, or for longer.
    String staged = stagingKey(url);
    String otherStaging = url.uploadUrl().replace(staged, STAGING + "0".repeat(24));
    String servedKey = url.uploadUrl().replace(staged, url.key());
    String otherTicket =
        url.uploadUrl().replace(staged, url.key().replace(ticket.id(), other.id()));
    String longer = url.uploadUrl().replace("X-Amz-Expires=3600", "X-Amz-Expires=604800");
    for (String tampered : List.of(otherStaging, servedKey, otherTicket, longer)) {
      assertThat(tampered).isNotEqualTo(url.uploadUrl());
      assertThat(put(tampered, "image/png", png).statusCode()).as(tampered).isEqualTo(403);
    }
    assertThat(server.keys(BUCKET)).as("nothing was stored").isEmpty();
    refused(
        ErrorCode.ATTACHMENT_REJECTED,
        () ->
            service.confirmAttachment(
                CUSTOMER, new ConfirmAttachment(ticket.id(), url.key(), null)));

    // The untouched URL still works.
    assertThat(putAsIssued(url, png).statusCode()).isEqualTo(200);
    assertThat(
            service
                .confirmAttachment(CUSTOMER, new ConfirmAttachment(ticket.id(), url.key(), null))
                .fileSize())
        .isEqualTo(png.length);
  }

  @Test
  @DisplayName("expired upload and download URLs are refused by the server (403)")
  void expiredUrlsAreRefused() throws Exception {
    byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
    TicketService shortLived =
        engine(
            TicketingOptions.defaults().toBuilder()
                .uploadUrlExpiry(Duration.ofSeconds(1))
                .downloadUrlExpiry(Duration.ofSeconds(1))
                .build());
    UploadUrl expiring =
        shortLived.requestUpload(
            CUSTOMER, new RequestUpload(ticket.id(), "late.txt", "text/plain", 5));
    assertThat(expiring.expiresIn()).isEqualTo(1);
    assertThat(S3BlobStoreTest.query(expiring.uploadUrl())).containsEntry("X-Amz-Expires", "1");

    UploadUrl fresh = request(CUSTOMER, ticket.id(), "kept.txt", "text/plain", 5);
    assertThat(putAsIssued(fresh, text).statusCode()).isEqualTo(200);
    service.confirmAttachment(CUSTOMER, new ConfirmAttachment(ticket.id(), fresh.key(), null));
    String shortFileUrl = shortLived.ticket(CUSTOMER, ticket.id()).attachments().get(0).fileUrl();
    String longFileUrl = service.ticket(CUSTOMER, ticket.id()).attachments().get(0).fileUrl();

    // X-Amz-Date has whole seconds: 1 s of validity ends at most 1 s after it was signed.
    Thread.sleep(2_100);

    HttpResponse<String> late = putAsIssued(expiring, text);
    assertThat(late.statusCode()).isEqualTo(403);
    assertThat(late.body()).contains("expired");
    assertThat(s3.head(expiring.key())).isEmpty();
    assertThat(get(shortFileUrl).statusCode()).isEqualTo(403);
    assertThat(get(longFileUrl).statusCode()).as("control: the default 15 minutes").isEqualTo(200);
  }

  // ------------------------------------------------------------------ file names and keys

  private static final Pattern DISPOSITION =
      Pattern.compile(
          "attachment; filename=\"([\\x20\\x21\\x23-\\x24\\x26-\\x5b\\x5d-\\x7e]*)\"; filename\\*=UTF-8''([A-Za-z0-9!#$&+\\-.^_`|~%]+)");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../../etc/passwd",
        "..\\..\\windows\\system32\\config",
        "x/../../y.txt",
        "reports/2025/summary.txt",
        "C:\\Users\\carla\\Desktop\\notes.txt",
        "nul\u0000byte.txt",
        "bell\u0007esc\u001b[31mred\u0085.txt",
        "line\r\nX-Injected: 1.txt",
        "invoice\u202Etxt.exe",
        "\u2066isolated\u2069\u200B.txt",
        "quote\"; filename=evil.exe.txt",
        "%2e%2e%2fpasswd.txt",
        "résumé 日本語.txt",
      })
  @DisplayName(
      "hostile file names are sanitised: the object stays under tickets/attachments/{ticketId}/, the download name is safe")
  void hostileFileNames(String fileName) throws Exception {
    assertStoredSafely(fileName);
  }

  @Test
  @DisplayName("a 300-byte name is cut to 255 bytes keeping the extension")
  void longFileName() throws Exception {
    AttachmentView a = assertStoredSafely("a".repeat(296) + ".txt");
    assertThat(a.fileName()).hasSize(255).endsWith(".txt");
    AttachmentView multibyte = assertStoredSafely("é".repeat(150) + ".txt");
    assertThat(multibyte.fileName().getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(255);
  }

  private AttachmentView assertStoredSafely(String fileName) throws Exception {
    byte[] body = "bytes".getBytes(StandardCharsets.UTF_8);
    UploadUrl url = request(CUSTOMER, ticket.id(), fileName, "text/plain", body.length);

    String ticketPrefix = PREFIX + ticket.id() + "/";
    assertThat(url.key()).startsWith(ticketPrefix);
    String[] rest = url.key().substring(ticketPrefix.length()).split("/", -1);
    assertThat(rest).as("random segment and name of %s", url.key()).hasSize(2);
    assertThat(rest[0]).matches("[0-9a-f]{24}");
    assertThat(rest[1]).isNotIn("", ".", "..").doesNotContain("\\", "..", "%", "\"");
    assertThat(rest[1].getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
    assertThat(rest[1].codePoints())
        .noneMatch(
            cp ->
                Character.isISOControl(cp)
                    || Character.getType(cp) == Character.FORMAT
                    || Character.isWhitespace(cp));

    assertThat(putAsIssued(url, body).statusCode()).isEqualTo(200);
    assertThat(server.keys(BUCKET)).contains(stagingKey(url));

    AttachmentView a =
        service.confirmAttachment(CUSTOMER, new ConfirmAttachment(ticket.id(), url.key(), null));
    assertThat(server.keys(BUCKET)).contains(url.key());
    assertThat(server.keys(BUCKET))
        .filteredOn(k -> !k.startsWith(PREFIX) && !k.startsWith(STAGING))
        .as("nothing escaped the attachments and staging prefixes")
        .isEmpty();
    assertThat(a.fileName()).isEqualTo(rest[1]);
    HttpResponse<byte[]> download = get(a.fileUrl());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(body);
    String disposition = download.headers().firstValue("Content-Disposition").orElseThrow();
    Matcher m = DISPOSITION.matcher(disposition);
    assertThat(m.matches()).as("one well-formed attachment disposition: %s", disposition).isTrue();
    assertThat(URLDecoder.decode(m.group(2).replace("+", "%2B"), StandardCharsets.UTF_8))
        .isEqualTo(a.fileName());
    return a;
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "/", "....", "\u202E\u0000", " . ", "dir/", "\\\\"})
  @DisplayName("names with nothing usable are refused before any URL is issued")
  void namesWithNothingUsable(String fileName) {
    ValidationException e =
        invalid(() -> request(CUSTOMER, ticket.id(), fileName, "text/plain", 5));
    assertThat(e.violations()).extracting(Violation::field).contains("fileName");
    assertThat(blobs.presigned).isEmpty();
    assertThat(pendingKeys(ticket.id())).isEmpty();
  }

  @Test
  @DisplayName(
      "oversize files and disallowed content types are refused before any URL, grant or object")
  void refusedBeforeAnyUrl() {
    long max = TicketingOptions.DEFAULT_MAX_FILE_SIZE;
    assertThat(fields(() -> request(CUSTOMER, ticket.id(), "big.zip", "application/zip", max + 1)))
        .contains("fileSize");
    assertThat(fields(() -> request(CUSTOMER, ticket.id(), "page.html", "text/html", 10)))
        .contains("contentType");
    assertThat(
            fields(
                () -> request(CUSTOMER, ticket.id(), "setup.exe", "application/x-msdownload", 10)))
        .contains("contentType");
    assertThat(fields(() -> request(CUSTOMER, ticket.id(), "logo.svg", "image/svg+xml", 10)))
        .contains("contentType");
    assertThat(
            fields(
                () ->
                    request(
                        CUSTOMER, ticket.id(), "both.exe", "application/x-msdownload", max + 1)))
        .contains("contentType", "fileSize");
    TicketService small =
        engine(TicketingOptions.defaults().toBuilder().maxFileSize(1_000).build());
    assertThat(
            fields(
                () ->
                    small.requestUpload(
                        CUSTOMER, new RequestUpload(ticket.id(), "a.txt", "text/plain", 1_001))))
        .contains("fileSize");

    assertThat(blobs.presigned).as("no URL was signed").isEmpty();
    assertThat(pendingKeys(ticket.id())).as("no grant was stored").isEmpty();
    assertThat(server.keys(BUCKET)).noneMatch(k -> k.startsWith(PREFIX + ticket.id() + "/"));

    // Control: at the limit a URL is issued.
    assertThat(
            small
                .requestUpload(
                    CUSTOMER, new RequestUpload(ticket.id(), "a.txt", "text/plain", 1_000))
                .maxFileSize())
        .isEqualTo(1_000);
    assertThat(blobs.presigned).hasSize(1);
  }

  // ------------------------------------------------------------------ internal notes

  @Test
  @DisplayName(
      "a customer never obtains a URL for an attachment of an internal note, nor attaches to one")
  void internalNoteAttachmentsStayInternal() throws Exception {
    service.assignTicket(ADMIN, new AssignTicket(ticket.id(), AGENT.id()));
    CommentView note =
        service.addComment(
            AGENT, new AddComment(ticket.id(), "Customer is on the naughty list", true));
    byte[] secret = "internal findings".getBytes(StandardCharsets.UTF_8);
    UploadUrl url = request(AGENT, ticket.id(), "findings.txt", "text/plain", secret.length);
    assertThat(putAsIssued(url, secret).statusCode()).isEqualTo(200);
    AttachmentView internal =
        service.confirmAttachment(AGENT, new ConfirmAttachment(ticket.id(), url.key(), note.id()));

    TicketDetails staffView = service.ticket(AGENT, ticket.id());
    assertThat(staffView.attachments())
        .extracting(AttachmentView::id)
        .containsExactly(internal.id());
    assertThat(get(staffView.attachments().get(0).fileUrl()).body()).isEqualTo(secret);

    int signedBefore = blobs.downloads.size();
    TicketDetails customerView = service.ticket(CUSTOMER, ticket.id());
    assertThat(customerView.attachments()).isEmpty();
    assertThat(customerView.comments()).noneMatch(CommentView::internal);
    assertThat(customerView.comments()).flatExtracting(CommentView::attachments).isEmpty();
    assertThat(customerView.ticket().count().attachments()).isZero();
    assertThat(blobs.downloads.subList(signedBefore, blobs.downloads.size()))
        .as("no download URL was even signed for the customer's view")
        .isEmpty();

    // The customer cannot link an upload of theirs to the internal note: it does not exist for
    // them.
    byte[] mine = "mine".getBytes(StandardCharsets.UTF_8);
    UploadUrl own = request(CUSTOMER, ticket.id(), "mine.txt", "text/plain", mine.length);
    assertThat(putAsIssued(own, mine).statusCode()).isEqualTo(200);
    refused(
        ErrorCode.NOT_FOUND,
        () ->
            service.confirmAttachment(
                CUSTOMER, new ConfirmAttachment(ticket.id(), own.key(), note.id())));
    assertThat(service.ticket(CUSTOMER, ticket.id()).attachments()).isEmpty();
    // Nor does guessing help: the internal file's key is not a key issued to the customer's ticket
    // twice.
    refused(
        ErrorCode.ATTACHMENT_REJECTED,
        () ->
            service.confirmAttachment(
                CUSTOMER, new ConfirmAttachment(ticket.id(), url.key(), null)));
    assertThat(service.ticket(CUSTOMER, ticket.id()).attachments()).isEmpty();
  }

  // ------------------------------------------------------------------ confirmation checks the
  // stored object

  @Test
  @DisplayName(
      "confirm HEADs the object: nothing uploaded, another size or another type is ATTACHMENT_REJECTED")
  void confirmChecksTheStoredObject() throws Exception {
    byte[] body = "twelve bytes".getBytes(StandardCharsets.UTF_8);
    UploadUrl url = request(CUSTOMER, ticket.id(), "data.csv", "text/csv", body.length);
    ConfirmAttachment confirm = new ConfirmAttachment(ticket.id(), url.key(), null);

    refused(ErrorCode.ATTACHMENT_REJECTED, () -> service.confirmAttachment(CUSTOMER, confirm));

    // The URL cannot store other bytes (see serverRefusesWhatWasNotSigned); someone with write
    // access to the bucket can. The checks at confirmation still catch it.
    server
        .backend()
        .putBlob(
            BUCKET,
            server
                .backend()
                .blobBuilder(stagingKey(url))
                .payload(new byte[body.length + 5])
                .contentType("text/csv")
                .build());
    refused(ErrorCode.ATTACHMENT_REJECTED, () -> service.confirmAttachment(CUSTOMER, confirm));
    server
        .backend()
        .putBlob(
            BUCKET,
            server
                .backend()
                .blobBuilder(stagingKey(url))
                .payload(body)
                .contentType("text/html")
                .build());
    refused(ErrorCode.ATTACHMENT_REJECTED, () -> service.confirmAttachment(CUSTOMER, confirm));
    assertThat(service.ticket(CUSTOMER, ticket.id()).attachments()).isEmpty();

    // A key issued for this ticket is refused on another one.
    TicketView other =
        service.createTicket(CUSTOMER, CreateTicket.of("Other", "another ticket", "acme"));
    assertThat(putAsIssued(url, body).statusCode()).isEqualTo(200);
    refused(
        ErrorCode.ATTACHMENT_REJECTED,
        () ->
            service.confirmAttachment(
                CUSTOMER, new ConfirmAttachment(other.id(), url.key(), null)));

    assertThat(service.confirmAttachment(CUSTOMER, confirm).contentType()).isEqualTo("text/csv");
  }

  // ------------------------------------------------------------------ purge and delete

  @Test
  @DisplayName(
      "purging a ticket deletes its objects, confirmed or only uploaded; a still-valid URL recreates none under it")
  void purgeLeavesNoObjectAndNoUrlRecreatesOne() throws Exception {
    List<String> keys = new ArrayList<>();
    for (String name : List.of("one.txt", "two.txt")) {
      UploadUrl url = request(CUSTOMER, ticket.id(), name, "text/plain", 3);
      assertThat(putAsIssued(url, "abc".getBytes(StandardCharsets.UTF_8)).statusCode())
          .isEqualTo(200);
      service.confirmAttachment(CUSTOMER, new ConfirmAttachment(ticket.id(), url.key(), null));
      keys.add(url.key());
    }
    UploadUrl uploaded = request(CUSTOMER, ticket.id(), "never-confirmed.txt", "text/plain", 3);
    assertThat(putAsIssued(uploaded, "xyz".getBytes(StandardCharsets.UTF_8)).statusCode())
        .isEqualTo(200);
    keys.add(stagingKey(uploaded));
    UploadUrl notYetUploaded = request(ADMIN, ticket.id(), "later.txt", "text/plain", 3);
    TicketView bystander =
        service.createTicket(CUSTOMER, CreateTicket.of("Keep", "not purged", "acme"));
    UploadUrl kept = request(CUSTOMER, bystander.id(), "kept.txt", "text/plain", 3);
    assertThat(putAsIssued(kept, "kpt".getBytes(StandardCharsets.UTF_8)).statusCode())
        .isEqualTo(200);
    keys.forEach(k -> assertThat(s3.head(k)).isPresent());

    service.purgeTicket(ROOT, ticket.id());

    keys.forEach(k -> assertThat(s3.head(k)).as(k).isEmpty());
    assertThat(server.keys(BUCKET)).containsExactly(stagingKey(kept));

    // Both URLs are still valid at S3: they write their staged objects only, outside the purged
    // ticket's prefix, and nothing can confirm them.
    assertThat(putAsIssued(notYetUploaded, "new".getBytes(StandardCharsets.UTF_8)).statusCode())
        .isEqualTo(200);
    assertThat(putAsIssued(uploaded, "new".getBytes(StandardCharsets.UTF_8)).statusCode())
        .isEqualTo(200);
    assertThat(server.keys(BUCKET)).noneMatch(k -> k.contains(ticket.id()));
    refused(
        ErrorCode.NOT_FOUND,
        () ->
            service.confirmAttachment(
                ADMIN, new ConfirmAttachment(ticket.id(), notYetUploaded.key(), null)));
    assertThat(server.keys(BUCKET)).noneMatch(k -> k.contains(ticket.id()));

    // The sweeper deletes them once their URLs can no longer write them.
    clock.advance(Duration.ofHours(2).plusMinutes(6));
    sweeper().sweep();
    assertThat(server.keys(BUCKET))
        .doesNotContain(stagingKey(notYetUploaded), stagingKey(uploaded))
        .noneMatch(k -> k.contains(ticket.id()));
    assertThat(s3.head(stagingKey(kept)))
        .as("the other ticket's upload expired unconfirmed too")
        .isEmpty();
  }

  // ------------------------------------------------------------------ immutability after
  // confirmation

  @Test
  @DisplayName("re-PUT to the upload URL after confirmation does not change what is downloaded")
  void rePutAfterConfirmationChangesNothing() throws Exception {
    byte[] original = "the invoice as checked".getBytes(StandardCharsets.UTF_8);
    byte[] swapped = "a malicious replacemnt".getBytes(StandardCharsets.UTF_8);
    assertThat(swapped).hasSameSizeAs(original);
    UploadUrl url =
        request(CUSTOMER, ticket.id(), "invoice.pdf", "application/pdf", original.length);
    assertThat(putAsIssued(url, original).statusCode()).isEqualTo(200);
    AttachmentView a =
        service.confirmAttachment(CUSTOMER, new ConfirmAttachment(ticket.id(), url.key(), null));

    // The URL is still valid and S3 takes the bytes (same type and length, as signed)...
    assertThat(putAsIssued(url, swapped).statusCode()).isEqualTo(200);
    assertThat(server.keys(BUCKET)).containsExactlyInAnyOrder(url.key(), stagingKey(url));

    // ...but they land on the staging key, which is never served.
    assertThat(get(a.fileUrl()).body()).isEqualTo(original);
    String fresh = service.ticket(ADMIN, ticket.id()).attachments().get(0).fileUrl();
    assertThat(URI.create(fresh).getRawPath()).isEqualTo("/" + BUCKET + "/" + url.key());
    assertThat(get(fresh).body()).isEqualTo(original);
    refused(
        ErrorCode.ATTACHMENT_REJECTED,
        () ->
            service.confirmAttachment(
                CUSTOMER, new ConfirmAttachment(ticket.id(), url.key(), null)));
    assertThat(get(fresh).body()).isEqualTo(original);
    assertThat(blobs.downloads).allMatch(k -> !k.startsWith(STAGING));

    // The staged copy is swept once the URL has expired.
    clock.advance(Duration.ofHours(2));
    assertThat(sweeper().sweep().deletedObjects()).isEqualTo(1);
    assertThat(server.keys(BUCKET)).containsExactly(url.key());
    assertThat(get(service.ticket(CUSTOMER, ticket.id()).attachments().get(0).fileUrl()).body())
        .isEqualTo(original);
  }

  @Test
  @DisplayName(
      "when recording fails after the copy, the copy is deleted and the confirmation can be repeated")
  void failedRecordRemovesTheCopy() throws Exception {
    byte[] body = "retry me".getBytes(StandardCharsets.UTF_8);
    UploadUrl url = request(CUSTOMER, ticket.id(), "retry.txt", "text/plain", body.length);
    assertThat(putAsIssued(url, body).statusCode()).isEqualTo(200);
    store.failNextWrite("insertAttachment");

    refused(
        ErrorCode.UNAVAILABLE,
        () ->
            service.confirmAttachment(
                CUSTOMER, new ConfirmAttachment(ticket.id(), url.key(), null)));
    assertThat(server.keys(BUCKET))
        .as("no orphan under the served key")
        .containsExactly(stagingKey(url));

    AttachmentView a =
        service.confirmAttachment(CUSTOMER, new ConfirmAttachment(ticket.id(), url.key(), null));
    assertThat(get(a.fileUrl()).body()).isEqualTo(body);
  }

  @Test
  @DisplayName(
      "copy keeps the content type, reports the stored object, and is empty for a missing source")
  void copyInsideTheBucket() {
    String source = STAGING + "c0ffee";
    String target = PREFIX + "t-copy/abc/report.pdf";
    server
        .backend()
        .putBlob(
            BUCKET,
            server
                .backend()
                .blobBuilder(source)
                .payload(new byte[42])
                .contentType("application/pdf")
                .build());

    assertThat(s3.copy(source, target)).contains(new BlobInfo(42, "application/pdf"));
    server
        .backend()
        .putBlob(
            BUCKET,
            server
                .backend()
                .blobBuilder(source)
                .payload(new byte[7])
                .contentType("application/pdf")
                .build());
    assertThat(s3.head(target))
        .as("a later upload to the source does not reach the copy")
        .contains(new BlobInfo(42, "application/pdf"));
    assertThat(s3.copy(STAGING + "missing", PREFIX + "t-copy/def/x.pdf")).isEmpty();
    assertThat(s3.head(PREFIX + "t-copy/def/x.pdf")).isEmpty();
    assertThatThrownBy(() -> s3.copy(source, "../escape"))
        .isInstanceOf(IllegalArgumentException.class);
    s3.delete(List.of(source, target));
  }

  @Test
  @DisplayName("delete sends DeleteObjects in batches of 1000 and ignores keys that do not exist")
  void deleteInBatches() {
    String bucket = "batches";
    server.createBucket(bucket);
    List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    ExecutionInterceptor counter =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(
              Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof DeleteObjectsRequest d) {
              batchSizes.add(d.delete().objects().size());
            }
          }
        };
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY));
    try (S3Client client =
            S3Client.builder()
                .region(Region.of(S3ProxyServer.REGION))
                .credentialsProvider(credentials)
                .endpointOverride(server.endpoint())
                .forcePathStyle(true)
                .overrideConfiguration(o -> o.addExecutionInterceptor(counter))
                .build();
        S3Presigner presigner =
            S3Presigner.builder()
                .region(Region.of(S3ProxyServer.REGION))
                .credentialsProvider(credentials)
                .endpointOverride(server.endpoint())
                .serviceConfiguration(
                    S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build()) {
      S3BlobStore store = new S3BlobStore(client, presigner, bucket);
      List<String> keys =
          new ArrayList<>(IntStream.range(0, 2_500).mapToObj(i -> "k/" + i + "/f.txt").toList());
      for (int i : new int[] {7, 1_500, 2_499}) {
        server
            .backend()
            .putBlob(
                bucket, server.backend().blobBuilder(keys.get(i)).payload(new byte[1]).build());
      }
      keys.add(keys.get(7)); // a duplicate is deleted once

      store.delete(keys);

      assertThat(batchSizes).containsExactly(1_000, 1_000, 500);
      assertThat(server.keys(bucket)).isEmpty();
      store.delete(List.of());
      assertThat(batchSizes).hasSize(3);
    }
  }

  @Test
  @DisplayName("failures of the service are StoreUnavailableException; a missing object is empty")
  void failuresAreStoreUnavailable() {
    S3Settings good = settings(BUCKET);
    try (S3BlobStore wrongSecret =
            S3BlobStore.create(
                new S3Settings(
                    BUCKET,
                    good.region(),
                    good.endpoint(),
                    true,
                    good.accessKeyId(),
                    "not-the-secret"));
        S3BlobStore noBucket = S3BlobStore.create(settings("no-such-bucket"))) {
      assertThatThrownBy(() -> wrongSecret.head("tickets/attachments/x/y/z.txt"))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("403");
      assertThatThrownBy(() -> wrongSecret.delete(List.of("tickets/attachments/x/y/z.txt")))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> noBucket.delete(List.of("tickets/attachments/x/y/z.txt")))
          .isInstanceOf(StoreUnavailableException.class);
      assertThat(s3.head("tickets/attachments/x/y/never-uploaded.txt")).isEmpty();
    }
  }

  // ------------------------------------------------------------------ helpers

  private AttachmentSweeper sweeper() {
    return new AttachmentSweeper(store, blobs, clock, AttachmentSweeper.Settings.defaults());
  }

  /** The key the upload URL writes (path-style: /{bucket}/{key}). */
  private static String stagingKey(UploadUrl url) {
    String path = URI.create(url.uploadUrl()).getPath();
    return path.substring(("/" + BUCKET + "/").length());
  }

  private UploadUrl request(Actor actor, String ticketId, String fileName, String type, long size) {
    return service.requestUpload(actor, new RequestUpload(ticketId, fileName, type, size));
  }

  /**
   * PUTs the body with the headers the engine said to send. Content-Length is not set by hand:
   * {@code java.net.http} derives it from the body (it refuses to let callers set it).
   */
  private static HttpResponse<String> putAsIssued(UploadUrl url, byte[] body)
      throws IOException, InterruptedException {
    assertThat(url.requiredHeaders()).containsEntry("Content-Length", String.valueOf(body.length));
    HttpRequest.Builder put =
        HttpRequest.newBuilder(URI.create(url.uploadUrl()))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    url.requiredHeaders()
        .forEach(
            (name, value) -> {
              if (!name.equalsIgnoreCase("Content-Length")) {
                put.header(name, value);
              }
            });
    return http.send(put.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> put(String url, String contentType, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder put =
        HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      put.header("Content-Type", contentType);
    }
    return http.send(put.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<byte[]> get(String url) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(url)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void refused(ErrorCode code, Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            TicketingException.class, e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
  }

  private static ValidationException invalid(Runnable call) {
    try {
      call.run();
    } catch (ValidationException e) {
      return e;
    }
    throw new AssertionError("expected a ValidationException");
  }

  private static List<String> fields(Runnable call) {
    return invalid(call).violations().stream().map(Violation::field).toList();
  }

  /**
   * The keys a purge would give up (grants outstanding and confirmed files), asked in a unit of
   * work that is rolled back so nothing changes.
   */
  private List<String> pendingKeys(String ticketId) {
    try {
      store.inTransaction(
          (Supplier<Object>)
              () -> {
                PurgedTicket purged = store.purgeTicket(ticketId);
                List<String> keys = new ArrayList<>(purged.attachmentKeys());
                purged.uploadGrants().forEach(g -> keys.add(g.objectKey()));
                throw new Rollback(keys);
              });
    } catch (Rollback r) {
      return r.keys;
    }
    throw new AssertionError("unreachable");
  }

  private static final class Rollback extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient List<String> keys;

    Rollback(List<String> keys) {
      super(null, null, false, false);
      this.keys = keys;
    }
  }

  /** The S3 store, noting which URLs the engine had signed (no mock: every call goes through). */
  static final class RecordingBlobStore implements BlobStore {
    final BlobStore delegate;
    final List<String> presigned = new CopyOnWriteArrayList<>();
    final List<String> downloads = new CopyOnWriteArrayList<>();

    RecordingBlobStore(BlobStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public PresignedUpload presignUpload(
        String key, String contentType, long contentLength, Duration expiresIn) {
      presigned.add(key);
      return delegate.presignUpload(key, contentType, contentLength, expiresIn);
    }

    @Override
    public String presignDownload(String key, String fileName, Duration expiresIn) {
      downloads.add(key);
      return delegate.presignDownload(key, fileName, expiresIn);
    }

    @Override
    public Optional<BlobInfo> head(String key) {
      return delegate.head(key);
    }

    @Override
    public Optional<BlobInfo> copy(String sourceKey, String targetKey) {
      return delegate.copy(sourceKey, targetKey);
    }

    @Override
    public void delete(Collection<String> keys) {
      delegate.delete(keys);
    }
  }

  /** Settings of a store on the test server, as a host would write them for an S3-compatible store. */
  private static S3Settings settings(String bucket) {
    return S3Settings.builder(bucket)
        .region(S3ProxyServer.REGION)
        .endpoint(server.endpoint())
        .pathStyleAccess(true)
        .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
        .build();
  }
}
