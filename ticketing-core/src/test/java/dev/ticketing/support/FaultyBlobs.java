package dev.ticketing.support;

import dev.ticketing.StoreUnavailableException;
import dev.ticketing.spi.BlobInfo;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.PresignedUpload;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory blob store with failures on demand, as object storage fails: every call goes
 * through to it unless a failure was armed for its operation ({@code copy}, {@code delete}, ...).
 */
public final class FaultyBlobs implements BlobStore {
  private final BlobStore target;
  private final List<String> armed = new ArrayList<>();
  private final AtomicInteger copies = new AtomicInteger();

  public FaultyBlobs(BlobStore target) {
    this.target = target;
  }

  /** The next {@code times} calls of {@code operation} fail with {@link StoreUnavailableException}. */
  public synchronized void fail(String operation, int times) {
    for (int i = 0; i < times; i++) {
      armed.add(operation);
    }
  }

  /** Disarms every failure not yet fired. */
  public synchronized void heal() {
    armed.clear();
  }

  /** How many copies were asked for. */
  public int copies() {
    return copies.get();
  }

  private synchronized void maybeFail(String operation) {
    if (armed.remove(operation)) {
      String message = "injected failure of " + operation;
      throw new StoreUnavailableException(message, new IOException(message));
    }
  }

  @Override
  public PresignedUpload presignUpload(
      String key, String contentType, long contentLength, Duration expiresIn) {
    maybeFail("presignUpload");
    return target.presignUpload(key, contentType, contentLength, expiresIn);
  }

  @Override
  public String presignDownload(String key, String fileName, Duration expiresIn) {
    maybeFail("presignDownload");
    return target.presignDownload(key, fileName, expiresIn);
  }

  @Override
  public Optional<BlobInfo> head(String key) {
    maybeFail("head");
    return target.head(key);
  }

  @Override
  public Optional<BlobInfo> copy(String sourceKey, String targetKey) {
    copies.incrementAndGet();
    maybeFail("copy");
    return target.copy(sourceKey, targetKey);
  }

  @Override
  public void delete(Collection<String> keys) {
    maybeFail("delete");
    target.delete(keys);
  }
}
