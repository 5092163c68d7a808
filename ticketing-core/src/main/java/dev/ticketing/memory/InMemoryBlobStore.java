package dev.ticketing.memory;

import dev.ticketing.memory.BlobRejectedException.Reason;
import dev.ticketing.spi.BlobInfo;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.PresignedUpload;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@link BlobStore} in memory that imitates S3 pre-signing, for tests and the quickstart.
 *
 * <p>URLs look like {@code memory://blobs/{key}?expires=..&type=..&length=..&sig=..}. The signature
 * is an HMAC-SHA256, under a secret made afresh for each instance, over the method, key, expiry and
 * (for uploads) content type and length or (for downloads) file name. {@link #upload} and {@link
 * #download} play the client's PUT and GET: like S3, they refuse a tampered or foreign URL, an
 * expired one, and an upload whose type or length differs from what was signed, by throwing {@link
 * BlobRejectedException}. {@link #copy} duplicates an object with its type, as S3's {@code
 * CopyObject} does.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class InMemoryBlobStore implements BlobStore {

  private static final String PREFIX = "memory://blobs/";
  private static final String HMAC = "HmacSHA256";

  private record Blob(byte[] bytes, String contentType) {}

  private final Clock clock;
  private final SecretKeySpec secret;
  private final Map<String, Blob> blobs = new ConcurrentHashMap<>();

  /** A store on the system clock (UTC). */
  public InMemoryBlobStore() {
    this(Clock.systemUTC());
  }

  /** A store whose URLs expire by {@code clock}. */
  public InMemoryBlobStore(Clock clock) {
    this.clock = clock;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.secret = new SecretKeySpec(key, HMAC);
  }

  @Override
  public PresignedUpload presignUpload(
      String key, String contentType, long contentLength, Duration expiresIn) {
    if (contentLength < 0) {
      throw new IllegalArgumentException("content length must not be negative: " + contentLength);
    }
    long expires = expiry(expiresIn);
    String sig =
        sign("PUT", key, String.valueOf(expires), contentType, String.valueOf(contentLength));
    String url =
        PREFIX
            + encodePath(key)
            + "?expires="
            + expires
            + "&type="
            + encode(contentType)
            + "&length="
            + contentLength
            + "&sig="
            + sig;
    return new PresignedUpload(
        url, Map.of("Content-Type", contentType, "Content-Length", String.valueOf(contentLength)));
  }

  @Override
  public String presignDownload(String key, String fileName, Duration expiresIn) {
    long expires = expiry(expiresIn);
    String sig = sign("GET", key, String.valueOf(expires), fileName);
    return PREFIX
        + encodePath(key)
        + "?expires="
        + expires
        + "&filename="
        + encode(fileName)
        + "&sig="
        + sig;
  }

  @Override
  public Optional<BlobInfo> head(String key) {
    return Optional.ofNullable(blobs.get(key))
        .map(b -> new BlobInfo(b.bytes().length, b.contentType()));
  }

  @Override
  public Optional<BlobInfo> copy(String sourceKey, String targetKey) {
    Blob source = blobs.get(sourceKey);
    if (source == null) {
      return Optional.empty();
    }
    blobs.put(targetKey, source);
    return head(targetKey);
  }

  @Override
  public void delete(Collection<String> keys) {
    keys.forEach(blobs::remove);
  }

  /**
   * Plays the client's PUT to a pre-signed upload URL: stores {@code body} under the URL's key.
   *
   * @param contentType the request's Content-Type header
   * @throws BlobRejectedException when the URL was not signed by this store or was altered, has
   *     expired, or the type or length differs from the signed one
   */
  public void upload(String url, String contentType, byte[] body) {
    Request request = Request.parse(url);
    String type = request.param("type");
    String length = request.param("length");
    verify(request, "PUT", type, length);
    if (!type.equals(contentType)) {
      throw new BlobRejectedException(
          Reason.CONTENT_TYPE_MISMATCH, "signed for " + type + " but sent " + contentType);
    }
    if (!length.equals(String.valueOf(body.length))) {
      throw new BlobRejectedException(
          Reason.CONTENT_LENGTH_MISMATCH,
          "signed for " + length + " bytes but sent " + body.length);
    }
    blobs.put(request.key(), new Blob(body.clone(), contentType));
  }

  /**
   * Plays the client's GET of a pre-signed download URL.
   *
   * @throws BlobRejectedException when the URL was not signed by this store or was altered, has
   *     expired, or the object does not exist
   */
  public byte[] download(String url) {
    Request request = Request.parse(url);
    verify(request, "GET", request.param("filename"));
    Blob blob = blobs.get(request.key());
    if (blob == null) {
      throw new BlobRejectedException(Reason.NO_SUCH_KEY, request.key());
    }
    return blob.bytes().clone();
  }

  /** Testing aid: the stored bytes of an object. */
  public Optional<byte[]> bytes(String key) {
    return Optional.ofNullable(blobs.get(key)).map(b -> b.bytes().clone());
  }

  /** Testing aid: the keys of the stored objects. */
  public Set<String> keys() {
    return Set.copyOf(blobs.keySet());
  }

  // ---- signing

  private long expiry(Duration expiresIn) {
    if (expiresIn.isNegative() || expiresIn.isZero()) {
      throw new IllegalArgumentException("expiry must be positive: " + expiresIn);
    }
    return clock.instant().plus(expiresIn).getEpochSecond();
  }

  private void verify(Request request, String method, String... signed) {
    String expires = request.param("expires");
    String[] fields = new String[signed.length + 2];
    fields[0] = request.key();
    fields[1] = expires;
    System.arraycopy(signed, 0, fields, 2, signed.length);
    byte[] expected = sign(method, fields).getBytes(StandardCharsets.US_ASCII);
    byte[] given = request.param("sig").getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new BlobRejectedException(Reason.BAD_SIGNATURE, "signature does not match");
    }
    // The signature covers `expires`, so it is a number we wrote.
    if (!clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(expires)))) {
      throw new BlobRejectedException(
          Reason.EXPIRED, "expired at " + Instant.ofEpochSecond(Long.parseLong(expires)));
    }
  }

  private String sign(String method, String... fields) {
    // Length-prefixing each field keeps two different field lists from signing the same bytes.
    StringBuilder canonical = new StringBuilder(method);
    for (String field : fields) {
      canonical.append('\n').append(field.length()).append(':').append(field);
    }
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(secret);
      byte[] digest = mac.doFinal(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has " + HMAC, e);
    }
  }

  // ---- URLs

  private static String encodePath(String key) {
    // Keep the slashes of the key readable; encode each segment.
    StringBuilder path = new StringBuilder();
    for (String segment : key.split("/", -1)) {
      if (!path.isEmpty()) {
        path.append('/');
      }
      path.append(encode(segment));
    }
    return path.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  /** A URL of ours taken apart. */
  private record Request(String key, Map<String, String> params) {

    static Request parse(String url) {
      if (!url.startsWith(PREFIX)) {
        throw new BlobRejectedException(Reason.MALFORMED, "not a URL of this store");
      }
      int query = url.indexOf('?');
      if (query < 0) {
        throw new BlobRejectedException(Reason.MALFORMED, "no query");
      }
      Map<String, String> params = new HashMap<>();
      try {
        String key = decode(url.substring(PREFIX.length(), query));
        for (String pair : url.substring(query + 1).split("&")) {
          int eq = pair.indexOf('=');
          if (eq < 0
              || params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)))
                  != null) {
            throw new BlobRejectedException(Reason.MALFORMED, "bad query parameter " + pair);
          }
        }
        return new Request(key, params);
      } catch (IllegalArgumentException e) {
        throw new BlobRejectedException(Reason.MALFORMED, "bad encoding");
      }
    }

    String param(String name) {
      String value = params.get(name);
      if (value == null) {
        throw new BlobRejectedException(Reason.MALFORMED, "missing " + name);
      }
      return value;
    }
  }
}
