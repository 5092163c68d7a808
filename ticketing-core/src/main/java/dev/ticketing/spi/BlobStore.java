package dev.ticketing.spi;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * Object storage for attachments: pre-signed uploads and downloads, never proxying the bytes.
 *
 * <p>The engine signs uploads only for staging keys and downloads only for the keys of confirmed
 * files, which it fills with {@link #copy}: a client never holds a URL that writes a served object.
 *
 * @since 0.1.0
 */
public interface BlobStore {

  /**
   * A pre-signed PUT for the key whose signature covers the content type and the content length.
   */
  PresignedUpload presignUpload(
      String key, String contentType, long contentLength, Duration expiresIn);

  /** A pre-signed GET that downloads the object as a file named {@code fileName}. */
  String presignDownload(String key, String fileName, Duration expiresIn);

  /** The stored object's real size and type, or empty when there is no such object. */
  Optional<BlobInfo> head(String key);

  /**
   * Copies an object inside the store (the bytes do not pass through the caller), with its content
   * type, replacing whatever {@code targetKey} held.
   *
   * @return the size and type of the object now stored under {@code targetKey}, as the store reports
   *     them after the copy; empty when {@code sourceKey} does not exist (nothing was copied)
   */
  Optional<BlobInfo> copy(String sourceKey, String targetKey);

  /** Deletes the objects; keys that do not exist are ignored. */
  void delete(Collection<String> keys);
}
