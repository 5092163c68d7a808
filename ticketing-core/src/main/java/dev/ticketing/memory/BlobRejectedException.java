package dev.ticketing.memory;

/**
 * {@link InMemoryBlobStore} refused an upload or a download, as S3 answers 403 (or 404) to a
 * pre-signed request that does not match its signature.
 *
 * @since 0.1.0
 */
public final class BlobRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a request was refused. */
  public enum Reason {
    /** Not a URL this store issued. */
    MALFORMED,
    /** The signature does not match the URL: tampered with, or issued by another store. */
    BAD_SIGNATURE,
    /** The URL's expiry has passed. */
    EXPIRED,
    /** The upload's content type is not the one signed. */
    CONTENT_TYPE_MISMATCH,
    /** The upload's length is not the one signed. */
    CONTENT_LENGTH_MISMATCH,
    /** A download of an object that does not exist (S3's 404). */
    NO_SUCH_KEY
  }

  private final Reason reason;

  /** A refusal for {@code reason}, with details in {@code message}. */
  public BlobRejectedException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  /** Why the request was refused. */
  public Reason reason() {
    return reason;
  }
}
