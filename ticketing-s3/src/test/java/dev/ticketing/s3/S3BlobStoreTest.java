package dev.ticketing.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.spi.PresignedUpload;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * What the store decides without talking to a server: the URLs it signs, the headers it demands,
 * the keys it refuses, the Content-Disposition it builds, and its settings. Signing is local, so
 * no server is needed; {@link S3AttachmentsIT} shows a real one enforcing it all.
 */
class S3BlobStoreTest {

  private static final URI ENDPOINT = URI.create("http://127.0.0.1:9");
  private static final String KEY = "tickets/attachments/T1/0123456789abcdef01234567/report.pdf";

  private final StaticCredentialsProvider credentials =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
  private final S3Client client =
      S3Client.builder()
          .region(Region.EU_WEST_1)
          .credentialsProvider(credentials)
          .endpointOverride(ENDPOINT)
          .forcePathStyle(true)
          .build();
  private final S3Presigner presigner =
      S3Presigner.builder()
          .region(Region.EU_WEST_1)
          .credentialsProvider(credentials)
          .endpointOverride(ENDPOINT)
          .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
          .build();
  private final S3BlobStore store = new S3BlobStore(client, presigner, "files");

  @AfterEach
  void closeClients() {
    store.close();
    presigner.close();
    client.close();
  }

  // ------------------------------------------------------------------ upload URLs

  @Test
  void uploadSignatureCoversContentTypeAndLength() {
    PresignedUpload upload = store.presignUpload(KEY, "application/pdf", 1234, Duration.ofHours(1));

    Map<String, String> query = query(upload.url());
    // SDKs have been seen dropping signed headers: the signature must pin type and length.
    assertThat(Arrays.asList(query.get("X-Amz-SignedHeaders").split(";")))
        .contains("content-length", "content-type", "host");
    assertThat(query)
        .containsEntry("X-Amz-Expires", "3600")
        .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
    assertThat(upload.requiredHeaders())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("Content-Type", "application/pdf", "Content-Length", "1234"));
    assertThat(URI.create(upload.url()).getPath()).isEqualTo("/files/" + KEY);
  }

  @Test
  void requiredHeadersRefuseASignatureWithoutTypeOrLength() {
    assertThatThrownBy(
            () ->
                S3BlobStore.requiredHeaders(
                    Map.of("host", List.of("s3"), "content-type", List.of("a/b"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Content-Length");
    assertThatThrownBy(
            () ->
                S3BlobStore.requiredHeaders(
                    Map.of("host", List.of("s3"), "content-length", List.of("1"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Content-Type");
    Map<String, List<String>> signed = new LinkedHashMap<>();
    signed.put("Host", List.of("s3"));
    signed.put("Content-Type", List.of("image/png"));
    signed.put("content-length", List.of("7"));
    signed.put("x-amz-meta-a", List.of("b"));
    assertThat(S3BlobStore.requiredHeaders(signed))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("Content-Type", "image/png", "Content-Length", "7", "x-amz-meta-a", "b"));
  }

  @Test
  void uploadArgumentsAreChecked() {
    assertThatThrownBy(() -> store.presignUpload(KEY, "image/png", -1, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> store.presignUpload(KEY, "image/png\r\nX-Evil: 1", 1, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.presignUpload(KEY, " ", 1, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------------ keys

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tickets/attachments/T1/../T2/x.png",
        "tickets/attachments/T1/r/..",
        "../tickets/attachments/T1/r/x.png",
        "tickets/attachments/T1/./x.png",
        "tickets/attachments/T1/r\\..\\x.png",
        "tickets/attachments/T1//x.png",
        "/tickets/attachments/T1/r/x.png",
        "tickets/attachments/T1/r/x\u0000.png",
        "tickets/attachments/T1/r/x\n.png",
        "tickets/attachments/T1/r/x\u007f.png",
        "tickets/attachments/T1/r/invoice\u202Egnp.exe",
        "",
      })
  void suspiciousKeysAreRefusedEverywhere(String key) {
    assertThatThrownBy(() -> store.presignUpload(key, "image/png", 1, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.presignDownload(key, "x.png", Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    // Refused before any request: the endpoint (port 9, discard) would fail differently.
    assertThatThrownBy(() -> store.head(key)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.delete(List.of(KEY, key)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void longKeysAreRefusedAndOrdinaryOnesPass() {
    ObjectKeys.check(KEY);
    ObjectKeys.check("tickets/attachments/T1/r/" + "\u00e9".repeat(120) + "..pdf");
    ObjectKeys.check("a");
    assertThatThrownBy(() -> ObjectKeys.check("k/" + "x".repeat(1023)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1024");
  }

  // ------------------------------------------------------------------ download URLs

  @Test
  void downloadUrlsAreAttachmentsNamedSafely() {
    String url = store.presignDownload(KEY, "Quarterly report.pdf", Duration.ofMinutes(15));

    Map<String, String> query = query(url);
    assertThat(query)
        .containsEntry("X-Amz-Expires", "900")
        .containsEntry(
            "response-content-disposition",
            "attachment; filename=\"Quarterly report.pdf\"; filename*=UTF-8''Quarterly%20report.pdf")
        .doesNotContainKey("response-content-type");
    assertThat(
            query(
                store.presignDownload(
                    KEY, "a.pdf", "application/octet-stream", Duration.ofMinutes(1))))
        .containsEntry("response-content-type", "application/octet-stream");
    assertThatThrownBy(
            () -> store.presignDownload(KEY, "a.pdf", "text/html\r\nX: y", Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static final Pattern DISPOSITION =
      Pattern.compile(
          "attachment; filename=\"([\\x20\\x21\\x23-\\x24\\x26-\\x5b\\x5d-\\x7e]*)\"; filename\\*=UTF-8''([A-Za-z0-9!#$&+\\-.^_`|~%]+)");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain.pdf",
        "résumé \"final\".pdf",
        "back\\slash.txt",
        "quote\"; filename=evil.exe",
        "new\r\nline: injected.txt",
        "nul\u0000byte.txt",
        "invoice\u202Egnp.exe",
        "100%25 done.txt",
        "日本語のファイル.png",
        "emoji 😀.png",
        "../../etc/passwd",
        "..",
        "\u0007",
      })
  void contentDispositionCannotBeBrokenOutOf(String name) {
    String value = ContentDisposition.attachment(name);

    Matcher m = DISPOSITION.matcher(value);
    assertThat(m.matches()).as("%s is one well-formed attachment disposition", value).isTrue();
    String decoded = URLDecoder.decode(m.group(2).replace("+", "%2B"), StandardCharsets.UTF_8);
    assertThat(decoded).doesNotContain("/", "\\").isNotIn(".", "..");
    assertThat(decoded.codePoints())
        .noneMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT);
    assertThat(m.group(1)).hasSize(decoded.codePoints().map(cp -> 1).sum());
  }

  @Test
  void contentDispositionKeepsTheNameWhereItCan() {
    assertThat(ContentDisposition.attachment("résumé.pdf"))
        .isEqualTo("attachment; filename=\"r_sum_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf");
    assertThat(ContentDisposition.attachment("a+b (1).txt"))
        .isEqualTo("attachment; filename=\"a+b (1).txt\"; filename*=UTF-8''a+b%20%281%29.txt");
    assertThat(ContentDisposition.attachment("dir/sub\\name.txt"))
        .isEqualTo("attachment; filename=\"name.txt\"; filename*=UTF-8''name.txt");
    assertThat(ContentDisposition.attachment("\u202E\u0000"))
        .isEqualTo("attachment; filename=\"download\"; filename*=UTF-8''download");
  }

  // ------------------------------------------------------------------ settings

  @Test
  void settingsAreValidatedAndTheSecretIsNeverPrinted() {
    S3Settings s =
        S3Settings.builder("files")
            .region("eu-west-1")
            .endpoint(URI.create("https://s3.example.test"))
            .pathStyleAccess(true)
            .credentials("AKID", "very-secret")
            .build();
    assertThat(s.explicitCredentials()).isTrue();
    assertThat(s.toString()).contains("AKID", "files").doesNotContain("very-secret");

    S3Settings chain = S3Settings.builder("files").build();
    assertThat(chain.explicitCredentials()).isFalse();
    assertThat(chain.region()).isNull();
    assertThat(new S3Settings("files", " ", null, false, "", " ").accessKeyId()).isNull();

    assertThatThrownBy(() -> S3Settings.builder(" ").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new S3Settings("files", null, null, false, "AKID", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new S3Settings("files", null, null, false, null, "secret"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> S3Settings.builder("files").endpoint(URI.create("file:///tmp")).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> S3Settings.builder("files").endpoint(URI.create("s3.example.test")).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void createdStoreSignsWithItsSettingsAndClosesItsClients() {
    S3BlobStore created =
        S3BlobStore.create(
            S3Settings.builder("bucket-a")
                .region("eu-central-1")
                .credentials("AKIDCREATED", "s")
                .build());
    String url;
    try (created) {
      url = created.presignUpload("k/x.txt", "text/plain", 3, Duration.ofMinutes(5)).url();
    }
    // Virtual-hosted style on AWS, path style only when asked.
    assertThat(URI.create(url).getHost()).isEqualTo("bucket-a.s3.eu-central-1.amazonaws.com");
    assertThat(query(url).get("X-Amz-Credential"))
        .startsWith("AKIDCREATED/")
        .contains("/eu-central-1/s3/");

    S3BlobStore pathStyle =
        S3BlobStore.create(
            S3Settings.builder("bucket-b")
                .region("us-east-1")
                .endpoint(URI.create("http://127.0.0.1:9"))
                .pathStyleAccess(true)
                .credentials("AKID", "s")
                .build());
    URI u = URI.create(pathStyle.presignDownload("k/x.txt", "x.txt", Duration.ofMinutes(1)));
    assertThat(u.getHost()).isEqualTo("127.0.0.1");
    assertThat(u.getPath()).isEqualTo("/bucket-b/k/x.txt");
    pathStyle.close();
    assertThatThrownBy(() -> pathStyle.head("k/x.txt"))
        .as("the client it made was closed")
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shut down");
  }

  @Test
  void storeOnTheHostsClientsLeavesThemOpen() {
    store.close();
    assertThat(store.presignUpload(KEY, "image/png", 1, Duration.ofMinutes(1)).url())
        .startsWith("http://127.0.0.1:9/");
  }

  static Map<String, String> query(String url) {
    String raw = URI.create(url).getRawQuery();
    return Arrays.stream(raw.split("&"))
        .map(p -> p.split("=", 2))
        .collect(
            Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8)));
  }
}
