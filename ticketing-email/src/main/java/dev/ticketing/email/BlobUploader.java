package dev.ticketing.email;

import dev.ticketing.UploadUrl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Puts a file's bytes where the engine's pre-signed upload says, as a client would: the inbound
 * channel stores attachments through the same {@code requestUpload} and {@code confirmAttachment}
 * as any other, so the engine's size and type rules hold for mail too.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface BlobUploader {

  /** Uploads {@code bytes} to {@code upload}; throws when the store refused them. */
  void put(UploadUrl upload, String contentType, byte[] bytes) throws IOException;

  /** An HTTP {@code PUT} with the headers the upload requires (S3 and compatible stores). */
  static BlobUploader http() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return (upload, contentType, bytes) -> {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(upload.uploadUrl()))
              .timeout(Duration.ofMinutes(2))
              .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
      for (Map.Entry<String, String> h : upload.requiredHeaders().entrySet()) {
        if (!h.getKey().equalsIgnoreCase("content-length")
            && !h.getKey().equalsIgnoreCase("host")) {
          request.header(h.getKey(), h.getValue());
        }
      }
      if (upload.requiredHeaders().keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
        request.header("Content-Type", contentType);
      }
      HttpResponse<Void> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while uploading an attachment", e);
      }
      if (response.statusCode() / 100 != 2) {
        throw new IOException(
            "the blob store refused an attachment: HTTP " + response.statusCode());
      }
    };
  }
}
