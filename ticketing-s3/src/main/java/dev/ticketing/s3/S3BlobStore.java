package dev.ticketing.s3;

import dev.ticketing.StoreUnavailableException;
import dev.ticketing.spi.BlobInfo;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.PresignedUpload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A {@link BlobStore} on Amazon S3 or an S3-compatible store, with the AWS SDK v2: uploads and
 * downloads are pre-signed URLs (the bytes never pass through the host), {@link #head} is a {@code
 * HeadObject}, {@link #copy} a {@code CopyObject} inside the bucket, {@link #delete} a {@code
 * DeleteObjects} per 1000 keys.
 *
 * <p>Upload URLs are signed over {@code Content-Type} and {@code Content-Length}: S3 refuses (403)
 * a PUT that sends another type or another number of bytes. Download URLs carry {@code
 * response-content-disposition: attachment} with the file name, so browsers save the file rather
 * than render it.
 *
 * <p>Keys come from the engine: uploads are signed for staging keys ({@code tickets/staging/{random}}),
 * which confirmation copies to the served keys ({@code tickets/attachments/{ticketId}/{random}/{name}}).
 * As a second line of defence this store refuses, with {@link IllegalArgumentException}, a key with
 * a {@code .} or {@code ..} segment, an empty segment, a leading {@code /}, a backslash, a control or
 * format character, or more than 1024 UTF-8 bytes.
 *
 * <p>Failures of the S3 service or the network are reported as {@link StoreUnavailableException}.
 * Thread-safe. {@link #close()} closes the SDK clients that {@link #create(S3Settings)} made, not
 * those handed to the constructor.
 *
 * @since 0.1.0
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

  /** Most keys one {@code DeleteObjects} request takes. */
  static final int DELETE_BATCH = 1000;

  private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);

  private final S3Client client;
  private final S3Presigner presigner;
  private final String bucket;
  private final List<SdkAutoCloseable> owned;

  /**
   * A store on clients the host built and closes itself (for its own HTTP client, retry or
   * credentials settings).
   *
   * @param client for HEAD and DELETE
   * @param presigner for the upload and download URLs; configure it like {@code client} (region,
   *     endpoint, path style)
   * @param bucket the bucket, which must exist
   */
  public S3BlobStore(S3Client client, S3Presigner presigner, String bucket) {
    this(client, presigner, bucket, List.of());
  }

  private S3BlobStore(
      S3Client client, S3Presigner presigner, String bucket, List<SdkAutoCloseable> owned) {
    this.client = Objects.requireNonNull(client, "client");
    this.presigner = Objects.requireNonNull(presigner, "presigner");
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("bucket is required");
    }
    this.bucket = bucket;
    this.owned = owned;
  }

  /**
   * A store with its own S3 client and pre-signer made from {@code settings}; {@link #close()}
   * closes them.
   *
   * @param settings the bucket, region, endpoint and credentials
   * @return the store
   */
  public static S3BlobStore create(S3Settings settings) {
    Objects.requireNonNull(settings, "settings");
    List<SdkAutoCloseable> owned = new ArrayList<>();
    try {
      AwsCredentialsProvider credentials;
      if (settings.explicitCredentials()) {
        credentials =
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    Objects.requireNonNull(settings.accessKeyId()),
                    Objects.requireNonNull(settings.secretAccessKey())));
      } else {
        DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        owned.add(chain);
        credentials = chain;
      }
      // The client only sends HeadObject, CopyObject and DeleteObjects. DeleteObjects needs a body
      // checksum:
      // Content-MD5 is the one every S3-compatible store knows (the SDK's default, a CRC32 header,
      // is refused by several, S3Proxy among them), and S3 accepts it too.
      S3ClientBuilder client =
          S3Client.builder()
              .credentialsProvider(credentials)
              .forcePathStyle(settings.pathStyleAccess())
              .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
              .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
              .addPlugin(LegacyMd5Plugin.create());
      S3Presigner.Builder presigner =
          S3Presigner.builder()
              .credentialsProvider(credentials)
              .serviceConfiguration(
                  S3Configuration.builder()
                      .pathStyleAccessEnabled(settings.pathStyleAccess())
                      .build());
      if (settings.region() != null) {
        client.region(Region.of(settings.region()));
        presigner.region(Region.of(settings.region()));
      }
      if (settings.endpoint() != null) {
        client.endpointOverride(settings.endpoint());
        presigner.endpointOverride(settings.endpoint());
      }
      S3Client builtClient = client.build();
      owned.add(0, builtClient);
      S3Presigner builtPresigner = presigner.build();
      owned.add(0, builtPresigner);
      return new S3BlobStore(builtClient, builtPresigner, settings.bucket(), List.copyOf(owned));
    } catch (RuntimeException e) {
      owned.forEach(S3BlobStore::closeQuietly);
      throw e;
    }
  }

  /**
   * The bucket the objects are in.
   *
   * @return the bucket's name
   */
  public String bucket() {
    return bucket;
  }

  @Override
  public PresignedUpload presignUpload(
      String key, String contentType, long contentLength, Duration expiresIn) {
    ObjectKeys.check(key);
    if (contentType == null
        || contentType.isBlank()
        || contentType.chars().anyMatch(c -> c < 0x20 || c >= 0x7F)) {
      throw new IllegalArgumentException("content type must be printable ASCII");
    }
    if (contentLength < 0) {
      throw new IllegalArgumentException("content length must not be negative: " + contentLength);
    }
    PutObjectRequest put =
        PutObjectRequest.builder()
            .bucket(bucket)
            .key(key)
            .contentType(contentType)
            .contentLength(contentLength)
            .build();
    PresignedPutObjectRequest presigned;
    try {
      presigned =
          presigner.presignPutObject(r -> r.signatureDuration(expiresIn).putObjectRequest(put));
    } catch (SdkException e) {
      // Signing is local; what fails here is resolving credentials (instance metadata, SSO...).
      throw new StoreUnavailableException("could not sign an upload URL", e);
    }
    return new PresignedUpload(
        presigned.url().toString(), requiredHeaders(presigned.signedHeaders()));
  }

  /**
   * The headers the client must send: every signed header but {@code Host}, which the client's HTTP
   * library sets from the URL. Fails when the signature would not cover type and length, since
   * then S3 would store whatever the client sends.
   */
  static Map<String, String> requiredHeaders(Map<String, List<String>> signedHeaders) {
    Map<String, String> headers = new LinkedHashMap<>();
    signedHeaders.forEach(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (lower.equals("host")) {
            return;
          }
          String canonical =
              switch (lower) {
                case "content-type" -> "Content-Type";
                case "content-length" -> "Content-Length";
                default -> name;
              };
          headers.put(canonical, String.join(",", values));
        });
    if (!headers.containsKey("Content-Type") || !headers.containsKey("Content-Length")) {
      throw new IllegalStateException(
          "the SDK did not sign Content-Type and Content-Length, only "
              + signedHeaders.keySet()
              + "; refusing to issue an upload URL that does not pin them");
    }
    return headers;
  }

  @Override
  public String presignDownload(String key, String fileName, Duration expiresIn) {
    return presignDownload(key, fileName, null, expiresIn);
  }

  /**
   * A pre-signed GET that downloads the object as an attachment named {@code fileName}.
   *
   * @param key the object's key
   * @param fileName the name the browser saves the file under
   * @param responseContentType the {@code Content-Type} S3 should answer with instead of the stored
   *     one (for example {@code application/octet-stream}); null keeps the stored type, which the
   *     engine checked against the allow-list when the file was confirmed
   * @param expiresIn how long the URL is valid
   * @return the URL
   */
  public String presignDownload(
      String key, String fileName, @Nullable String responseContentType, Duration expiresIn) {
    ObjectKeys.check(key);
    GetObjectRequest.Builder get =
        GetObjectRequest.builder()
            .bucket(bucket)
            .key(key)
            .responseContentDisposition(ContentDisposition.attachment(fileName));
    if (responseContentType != null) {
      if (responseContentType.isBlank()
          || responseContentType.chars().anyMatch(c -> c < 0x20 || c >= 0x7F)) {
        throw new IllegalArgumentException("response content type must be printable ASCII");
      }
      get.responseContentType(responseContentType);
    }
    GetObjectRequest request = get.build();
    try {
      return presigner
          .presignGetObject(r -> r.signatureDuration(expiresIn).getObjectRequest(request))
          .url()
          .toString();
    } catch (SdkException e) {
      throw new StoreUnavailableException("could not sign a download URL", e);
    }
  }

  @Override
  public Optional<BlobInfo> head(String key) {
    ObjectKeys.check(key);
    HeadObjectResponse response;
    try {
      response = client.headObject(r -> r.bucket(bucket).key(key));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        // A HEAD answer has no body: a missing key and a missing bucket look the same.
        return Optional.empty();
      }
      throw new StoreUnavailableException(
          "HEAD of an attachment failed with HTTP " + e.statusCode(), e);
    } catch (SdkException e) {
      throw new StoreUnavailableException("HEAD of an attachment failed", e);
    }
    long size = response.contentLength() == null ? 0 : response.contentLength();
    String type =
        response.contentType() == null ? "application/octet-stream" : response.contentType();
    return Optional.of(new BlobInfo(size, type));
  }

  /**
   * {@inheritDoc}
   *
   * <p>A {@code CopyObject} inside the bucket (content type and other metadata copied with the
   * bytes), then a {@code HeadObject} of the target, so that what is reported is what is stored.
   * Objects up to 5 GB, S3's limit for a single copy.
   */
  @Override
  public Optional<BlobInfo> copy(String sourceKey, String targetKey) {
    ObjectKeys.check(sourceKey);
    ObjectKeys.check(targetKey);
    try {
      client.copyObject(
          r ->
              r.sourceBucket(bucket)
                  .sourceKey(sourceKey)
                  .destinationBucket(bucket)
                  .destinationKey(targetKey));
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      if (e.statusCode() == 404 && !"NoSuchBucket".equals(code)) {
        return Optional.empty(); // nothing under the source key: nothing was uploaded
      }
      throw new StoreUnavailableException(
          "copy of an attachment failed with HTTP " + e.statusCode(), e);
    } catch (SdkException e) {
      throw new StoreUnavailableException("copy of an attachment failed", e);
    }
    return Optional.of(
        head(targetKey)
            .orElseThrow(
                () ->
                    new StoreUnavailableException(
                        "the copied attachment is not there",
                        new IllegalStateException("HEAD after CopyObject found nothing"))));
  }

  @Override
  public void delete(Collection<String> keys) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
    distinct.forEach(ObjectKeys::check);
    List<String> failed = new ArrayList<>();
    SdkException firstFailure = null;
    // Every batch is tried, so one failure leaves as few objects behind as possible.
    for (int from = 0; from < distinct.size(); from += DELETE_BATCH) {
      List<String> batch = distinct.subList(from, Math.min(distinct.size(), from + DELETE_BATCH));
      List<ObjectIdentifier> objects =
          batch.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
      try {
        DeleteObjectsResponse response =
            client.deleteObjects(
                r ->
                    r.bucket(bucket).delete(Delete.builder().objects(objects).quiet(true).build()));
        for (S3Error error : response.errors()) {
          log.warn("S3 did not delete an attachment object: {} {}", error.code(), error.message());
          failed.add(error.key());
        }
      } catch (SdkException e) {
        failed.addAll(batch);
        if (firstFailure == null) {
          firstFailure = e;
        }
      }
    }
    if (!failed.isEmpty()) {
      Throwable cause =
          firstFailure != null
              ? firstFailure
              : new IllegalStateException("DeleteObjects reported errors for " + failed);
      throw new StoreUnavailableException(
          "could not delete " + failed.size() + " of " + distinct.size() + " objects: " + failed,
          cause);
    }
  }

  /** Closes the SDK clients this store made; clients handed to the constructor stay open. */
  @Override
  public void close() {
    owned.forEach(S3BlobStore::closeQuietly);
  }

  private static void closeQuietly(SdkAutoCloseable closeable) {
    try {
      closeable.close();
    } catch (RuntimeException e) {
      log.warn("closing {} failed", closeable.getClass().getSimpleName(), e);
    }
  }
}
