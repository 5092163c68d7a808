package dev.ticketing.spi;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/** Object storage for attachments: pre-signed uploads and downloads, never proxying the bytes. */
public interface BlobStore {

  /**
   * A pre-signed PUT for the key whose signature covers the content type and the content length.
   */
  PresignedUpload presignUpload(String key, String contentType, long contentLength, Duration expiresIn);

  /** A pre-signed GET that downloads the object as a file named {@code fileName}. */
  String presignDownload(String key, String fileName, Duration expiresIn);

  /** The stored object's real size and type, or empty when there is no such object. */
  Optional<BlobInfo> head(String key);

  /** Deletes the objects; keys that do not exist are ignored. */
  void delete(Collection<String> keys);
}
