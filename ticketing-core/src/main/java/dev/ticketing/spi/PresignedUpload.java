package dev.ticketing.spi;

import java.util.Map;

/**
 * A pre-signed upload.
 *
 * @param url where to PUT the bytes
 * @param requiredHeaders headers the PUT must carry with exactly these values
 * @since 0.1.0
 */
public record PresignedUpload(String url, Map<String, String> requiredHeaders) {
  public PresignedUpload {
    requiredHeaders = Map.copyOf(requiredHeaders);
  }
}
