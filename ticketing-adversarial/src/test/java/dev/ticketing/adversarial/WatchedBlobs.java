package dev.ticketing.adversarial;

import dev.ticketing.spi.BlobInfo;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.PresignedUpload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A blob store that remembers every URL it issued and every object it was asked about. */
final class WatchedBlobs implements BlobStore {
  private final BlobStore target;
  private final List<String> issued = new ArrayList<>();
  private final List<String> touched = new ArrayList<>();

  WatchedBlobs(BlobStore target) {
    this.target = target;
  }

  @Override
  public synchronized PresignedUpload presignUpload(
      String key, String contentType, long contentLength, Duration expiresIn) {
    PresignedUpload upload = target.presignUpload(key, contentType, contentLength, expiresIn);
    issued.add(upload.url());
    return upload;
  }

  @Override
  public synchronized String presignDownload(String key, String fileName, Duration expiresIn) {
    String url = target.presignDownload(key, fileName, expiresIn);
    issued.add(url);
    return url;
  }

  @Override
  public synchronized Optional<BlobInfo> head(String key) {
    touched.add("head " + key);
    return target.head(key);
  }

  @Override
  public synchronized Optional<BlobInfo> copy(String sourceKey, String targetKey) {
    touched.add("copy " + sourceKey + " -> " + targetKey);
    return target.copy(sourceKey, targetKey);
  }

  @Override
  public synchronized void delete(Collection<String> keys) {
    touched.add("delete " + keys);
    target.delete(keys);
  }

  /** URLs issued since the last call, and forgets them. */
  synchronized List<String> takeIssued() {
    List<String> out = List.copyOf(issued);
    issued.clear();
    return out;
  }

  /** Objects asked about or deleted since the last call, and forgets them. */
  synchronized List<String> takeTouched() {
    List<String> out = List.copyOf(touched);
    touched.clear();
    return out;
  }
}
