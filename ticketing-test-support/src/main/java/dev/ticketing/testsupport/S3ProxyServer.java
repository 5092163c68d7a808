package dev.ticketing.testsupport;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;

/**
 * An S3-compatible server in the test's own JVM: S3Proxy on a free loopback port over jclouds'
 * in-memory store, so attachment tests sign and follow real pre-signed URLs without a cloud
 * account. It checks AWS signatures (V2 or V4) against an access key as S3 does; a server without
 * credentials would accept anything, and every "rejected" assertion would then prove nothing.
 *
 * <p>S3Proxy is an optional dependency of this artifact: a host that uses this class adds {@code
 * org.gaul:s3proxy} with test scope itself.
 *
 * <pre>{@code
 * try (S3ProxyServer server = S3ProxyServer.start()) {
 *   server.createBucket("attachments");
 *   S3BlobStore store = S3BlobStore.create(S3Settings.builder("attachments")
 *       .region(S3ProxyServer.REGION).endpoint(server.endpoint()).pathStyleAccess(true)
 *       .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY).build());
 *   // ... upload through the engine, then:
 *   assertThat(server.keys("attachments")).hasSize(1);
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
public final class S3ProxyServer implements AutoCloseable {

  /** The access key requests must be signed with. */
  public static final String ACCESS_KEY = "ticketing-test-access-key";

  /** The secret of {@link #ACCESS_KEY}. */
  public static final String SECRET_KEY = "ticketing-test-secret-key";

  /** The region to sign for; S3Proxy accepts any, the store needs one. */
  public static final String REGION = "us-east-1";

  /** How long {@link #start()} waits for the server to listen: 20 seconds. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final BlobStoreContext context;
  private final S3Proxy proxy;
  private final URI endpoint;

  private S3ProxyServer(BlobStoreContext context, S3Proxy proxy, URI endpoint) {
    this.context = context;
    this.proxy = proxy;
    this.endpoint = endpoint;
  }

  /** Starts a server on a free loopback port and waits until it listens. */
  public static S3ProxyServer start() throws Exception {
    BlobStoreContext context =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .build(BlobStoreContext.class);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            // S3Proxy 3.0.0 answers 501 to any header it does not know, and it does not know the
            // x-amz-checksum-crc32 the AWS SDK (2.30+) always adds to DeleteObjects, even with the
            // Content-MD5 the store also sends (gaul/s3proxy#962). Amazon S3 accepts both. This
            // flag
            // only skips unknown headers: signatures are still checked over every signed header.
            .ignoreUnknownHeaders(true)
            // Port 0: the kernel picks a free one; getPort() reports it once started.
            .endpoint(URI.create("http://127.0.0.1:0"))
            .build();
    proxy.start();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (!"STARTED".equals(proxy.getState())) {
      if (Instant.now().isAfter(deadline)) {
        proxy.stop();
        context.close();
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    return new S3ProxyServer(context, proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
  }

  /** Where the server listens, for path-style access ({@code http://127.0.0.1:port}). */
  public URI endpoint() {
    return endpoint;
  }

  /** The server's storage seen from behind S3Proxy, to set up buckets and check what is stored. */
  public BlobStore backend() {
    return context.getBlobStore();
  }

  /** Creates a bucket (directly in the storage, without a signed request). */
  public void createBucket(String bucket) {
    backend().createContainerInLocation(null, bucket);
  }

  /** Every key stored in the bucket. */
  public List<String> keys(String bucket) {
    return backend().list(bucket, ListContainerOptions.Builder.recursive()).stream()
        .map(StorageMetadata::getName)
        .toList();
  }

  /** Stops the server and drops what it stored. */
  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not stop", e);
    } finally {
      context.close();
    }
  }
}
