package dev.ticketing.adversarial;

import dev.ticketing.UploadUrl;
import dev.ticketing.s3.S3BlobStore;
import dev.ticketing.s3.S3Settings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * S3Proxy in this JVM on a free loopback port, over jclouds' in-memory store, checking AWS
 * signatures (as ticketing-s3's {@code S3ProxyServer}, which is package-private there). One server
 * and one bucket serve the whole run; object keys are unique per upload anyway.
 */
final class S3 {
  static final String BUCKET = "adversarial";
  private static final String ACCESS_KEY = "adversarial-access-key";
  private static final String SECRET_KEY = "adversarial-secret-key";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static S3BlobStore store;

  private S3() {}

  /** The blob store on the shared server (started on first use, stopped with the JVM). */
  static synchronized S3BlobStore blobStore() {
    if (store == null) {
      store = start();
    }
    return store;
  }

  private static S3BlobStore start() {
    try {
      BlobStoreContext context =
          ContextBuilder.newBuilder("transient")
              .credentials("identity", "credential")
              .build(BlobStoreContext.class);
      S3Proxy proxy =
          S3Proxy.builder()
              .blobStore(context.getBlobStore())
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
              .ignoreUnknownHeaders(
                  true) // the SDK's x-amz-checksum-crc32 on DeleteObjects (gaul/s3proxy#962)
              .endpoint(URI.create("http://127.0.0.1:0"))
              .build();
      proxy.start();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
      while (!"STARTED".equals(proxy.getState())) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
        }
        Thread.sleep(10);
      }
      context.getBlobStore().createContainerInLocation(null, BUCKET);
      S3BlobStore s3 =
          S3BlobStore.create(
              S3Settings.builder(BUCKET)
                  .region("us-east-1")
                  .endpoint(URI.create("http://127.0.0.1:" + proxy.getPort()))
                  .pathStyleAccess(true)
                  .credentials(ACCESS_KEY, SECRET_KEY)
                  .build());
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      s3.close();
                      proxy.stop();
                    } catch (Exception ignored) {
                      // the JVM is going away
                    } finally {
                      context.close();
                    }
                  }));
      return s3;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not start", e);
    }
  }

  /** PUTs the body as the engine said to (Content-Length comes from the body). */
  static void upload(UploadUrl url, byte[] body) {
    HttpRequest.Builder put =
        HttpRequest.newBuilder(URI.create(url.uploadUrl()))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    url.requiredHeaders()
        .forEach(
            (name, value) -> {
              if (!name.equalsIgnoreCase("Content-Length")) {
                put.header(name, value);
              }
            });
    try {
      HttpResponse<String> response = HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "upload refused with " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
