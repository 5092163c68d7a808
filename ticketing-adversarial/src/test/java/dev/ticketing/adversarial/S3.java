package dev.ticketing.adversarial;

import dev.ticketing.UploadUrl;
import dev.ticketing.s3.S3BlobStore;
import dev.ticketing.s3.S3Settings;
import dev.ticketing.testsupport.S3ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One shared {@link S3ProxyServer} and bucket for the whole run (object keys are unique per upload
 * anyway), and the blob store on it.
 */
final class S3 {
  static final String BUCKET = "adversarial";
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
      S3ProxyServer server = S3ProxyServer.start();
      server.createBucket(BUCKET);
      S3BlobStore s3 =
          S3BlobStore.create(
              S3Settings.builder(BUCKET)
                  .region(S3ProxyServer.REGION)
                  .endpoint(server.endpoint())
                  .pathStyleAccess(true)
                  .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                  .build());
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      s3.close();
                    } catch (Exception ignored) {
                      // the JVM is going away
                    } finally {
                      server.close();
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
