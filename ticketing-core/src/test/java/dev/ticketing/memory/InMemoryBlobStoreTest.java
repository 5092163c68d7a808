package dev.ticketing.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.memory.BlobRejectedException.Reason;
import dev.ticketing.spi.BlobInfo;
import dev.ticketing.spi.PresignedUpload;
import dev.ticketing.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryBlobStoreTest {

  private static final String KEY = "tickets/attachments/t1/abc/report final.pdf";
  private static final byte[] BODY = "%PDF-1.7 hello".getBytes(StandardCharsets.UTF_8);

  private final MutableClock clock = MutableClock.frozen(Instant.parse("2026-01-01T10:00:00Z"));
  private final InMemoryBlobStore store = new InMemoryBlobStore(clock);

  private PresignedUpload presign() {
    return store.presignUpload(KEY, "application/pdf", BODY.length, Duration.ofHours(1));
  }

  @Test
  void acceptsUploadMatchingItsSignature() {
    PresignedUpload upload = presign();

    store.upload(upload.url(), "application/pdf", BODY);

    assertThat(upload.url())
        .startsWith("memory://blobs/tickets/attachments/t1/abc/report%20final.pdf?");
    assertThat(upload.requiredHeaders())
        .containsEntry("Content-Type", "application/pdf")
        .containsEntry("Content-Length", String.valueOf(BODY.length));
    assertThat(store.head(KEY)).contains(new BlobInfo(BODY.length, "application/pdf"));
    assertThat(store.bytes(KEY)).hasValueSatisfying(b -> assertThat(b).isEqualTo(BODY));
    assertThat(store.keys()).containsExactly(KEY);
  }

  @Test
  void copyDuplicatesTheObjectWithItsTypeAndReportsWhatWasStored() {
    store.upload(presign().url(), "application/pdf", BODY);
    String target = "tickets/attachments/t1/def/copy.pdf";

    assertThat(store.copy(KEY, target)).contains(new BlobInfo(BODY.length, "application/pdf"));
    assertThat(store.bytes(target)).hasValueSatisfying(b -> assertThat(b).isEqualTo(BODY));

    // The source can change afterwards; the copy does not.
    byte[] other = "%PDF-1.7 other".getBytes(StandardCharsets.UTF_8);
    store.upload(
        store.presignUpload(KEY, "application/pdf", other.length, Duration.ofHours(1)).url(),
        "application/pdf",
        other);
    assertThat(store.bytes(target)).hasValueSatisfying(b -> assertThat(b).isEqualTo(BODY));
    assertThat(store.copy("no/such/key", "tickets/attachments/t1/x/y.pdf")).isEmpty();
    assertThat(store.keys()).containsExactlyInAnyOrder(KEY, target);
  }

  @Test
  void rejectsOtherContentType() {
    assertRejected(
        () -> store.upload(presign().url(), "text/html", BODY), Reason.CONTENT_TYPE_MISMATCH);
  }

  @Test
  void rejectsOtherLength() {
    byte[] longer =
        (new String(BODY, StandardCharsets.UTF_8) + "!").getBytes(StandardCharsets.UTF_8);
    assertRejected(
        () -> store.upload(presign().url(), "application/pdf", longer),
        Reason.CONTENT_LENGTH_MISMATCH);
  }

  @Test
  void rejectsExpiredUpload() {
    String url = presign().url();
    clock.advance(Duration.ofHours(1));
    assertRejected(() -> store.upload(url, "application/pdf", BODY), Reason.EXPIRED);
  }

  @Test
  void rejectsUrlWhoseSignedTermsWereChanged() {
    String url = presign().url();
    String bigger = url.replace("&length=" + BODY.length, "&length=999");
    String otherType = url.replace("type=application%2Fpdf", "type=text%2Fhtml");
    String otherKey = url.replace("/abc/", "/xyz/");
    String later = url.replaceFirst("expires=(\\d+)", "expires=9999999999");

    for (String tampered : List.of(bigger, otherType, otherKey, later)) {
      assertThat(tampered).isNotEqualTo(url);
      assertRejected(() -> store.upload(tampered, "application/pdf", BODY), Reason.BAD_SIGNATURE);
    }
    assertThat(store.keys()).isEmpty();
  }

  @Test
  void rejectsUrlSignedByAnotherStore() {
    String foreign =
        new InMemoryBlobStore(clock)
            .presignUpload(KEY, "application/pdf", BODY.length, Duration.ofHours(1))
            .url();
    assertRejected(() -> store.upload(foreign, "application/pdf", BODY), Reason.BAD_SIGNATURE);
  }

  @Test
  void rejectsUploadUrlUsedForDownloadAndGarbage() {
    store.upload(presign().url(), "application/pdf", BODY);
    assertRejected(() -> store.download(presign().url()), Reason.MALFORMED);
    assertRejected(
        () -> store.upload("https://example.com/x", "application/pdf", BODY), Reason.MALFORMED);
  }

  @Test
  void downloadsWhatWasUploaded() {
    store.upload(presign().url(), "application/pdf", BODY);

    String url = store.presignDownload(KEY, "report final.pdf", Duration.ofMinutes(5));

    assertThat(url).contains("filename=report%20final.pdf");
    assertThat(store.download(url)).isEqualTo(BODY);
    assertRejected(
        () -> store.download(url.replace("final.pdf?", "other.pdf?")), Reason.BAD_SIGNATURE);
    clock.advance(Duration.ofMinutes(5));
    assertRejected(() -> store.download(url), Reason.EXPIRED);
  }

  @Test
  void deleteRemovesObjectsAndIgnoresUnknownKeys() {
    store.upload(presign().url(), "application/pdf", BODY);
    String url = store.presignDownload(KEY, "a.pdf", Duration.ofMinutes(5));

    store.delete(List.of(KEY, "no/such/key"));

    assertThat(store.head(KEY)).isEmpty();
    assertThat(store.keys()).isEmpty();
    assertRejected(() -> store.download(url), Reason.NO_SUCH_KEY);
  }

  private static void assertRejected(Runnable request, Reason reason) {
    assertThatThrownBy(request::run)
        .isInstanceOfSatisfying(
            BlobRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
