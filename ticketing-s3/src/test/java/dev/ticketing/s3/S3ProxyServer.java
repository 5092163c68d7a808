package dev.ticketing.s3;

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
 * S3Proxy in this JVM on a free loopback port, over jclouds' {@code transient} (in-memory) store,
 * with an access key: it checks AWS signatures (V2 or V4) like S3 does. Without credentials it
 * would accept anything, which would make every "rejected" assertion meaningless.
 */
final class S3ProxyServer implements AutoCloseable {

  static final String ACCESS_KEY = "ticketing-test-access-key";
  static final String SECRET_KEY = "ticketing-test-secret-key";
  static final String REGION = "us-east-1";

  private final BlobStoreContext context;
  private final S3Proxy proxy;
  private final URI endpoint;

  private S3ProxyServer(BlobStoreContext context, S3Proxy proxy, URI endpoint) {
    this.context = context;
    this.proxy = proxy;
    this.endpoint = endpoint;
  }

  static S3ProxyServer start() throws Exception {
    BlobStoreContext context =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .build(BlobStoreContext.class);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            // S3Proxy 3.0.0 answers 501 to any header it does not know, and it does not know the
            // x-amz-checksum-crc32 the SDK (2.30+) always adds to DeleteObjects, even with the
            // Content-MD5
            // the store also sends (gaul/s3proxy#962). Amazon S3 accepts both. This flag only skips
            // unknown headers: signatures are still checked, over every header that was signed.
            .ignoreUnknownHeaders(true)
            // Port 0: the kernel picks a free one; getPort() reports it once started.
            .endpoint(URI.create("http://127.0.0.1:0"))
            .build();
    proxy.start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
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

  URI endpoint() {
    return endpoint;
  }

  /** Settings of a store on this server, as a host would write them for an S3-compatible store. */
  S3Settings settings(String bucket) {
    return S3Settings.builder(bucket)
        .region(REGION)
        .endpoint(endpoint)
        .pathStyleAccess(true)
        .credentials(ACCESS_KEY, SECRET_KEY)
        .build();
  }

  /** The server's storage seen from behind S3Proxy, to set up buckets and check what is stored. */
  BlobStore backend() {
    return context.getBlobStore();
  }

  void createBucket(String bucket) {
    backend().createContainerInLocation(null, bucket);
  }

  /** Every key stored in the bucket. */
  List<String> keys(String bucket) {
    return backend().list(bucket, ListContainerOptions.Builder.recursive()).stream()
        .map(StorageMetadata::getName)
        .toList();
  }

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
