package dev.ticketing.examples.desk;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code desk.embedded-s3.*} properties: the S3-compatible server (S3Proxy) the desk starts
 * for attachments when no real bucket is configured ({@code ticketing.s3.bucket} unset).
 *
 * @param enabled start it at all (when no bucket is configured); false keeps attachments in memory
 * @param host the loopback address it listens on; upload and download URLs point there
 * @param port its port; 0 picks a free one
 * @param bucket the bucket created in it
 * @param directory where the files are kept; default (or blank): a temporary directory deleted at
 *     shutdown
 */
@ConfigurationProperties("desk.embedded-s3")
record EmbeddedS3Properties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("127.0.0.1") String host,
    @DefaultValue("0") int port,
    @DefaultValue("support-desk") String bucket,
    @Nullable String directory) {

  /** The configured directory, or null for a temporary one. */
  @Nullable Path directoryPath() {
    return directory == null || directory.isBlank() ? null : Path.of(directory);
  }
}
