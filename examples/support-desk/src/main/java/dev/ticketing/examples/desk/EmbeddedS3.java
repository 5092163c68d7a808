package dev.ticketing.examples.desk;

import dev.ticketing.s3.S3Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server in this JVM (S3Proxy over a local directory), so that attachments work
 * end to end without a cloud account: the library's {@code S3BlobStore} signs real pre-signed URLs
 * against it, and it checks those signatures (with a random access key of this run) as S3 does.
 * It listens on a loopback address only.
 */
final class EmbeddedS3 implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedS3.class);
  static final String REGION = "us-east-1";

  private final BlobStoreContext context;
  private final S3Proxy proxy;
  private final URI endpoint;
  private final String bucket;
  private final String accessKey;
  private final String secretKey;
  private final @Nullable Path temporaryDirectory;

  private EmbeddedS3(
      BlobStoreContext context,
      S3Proxy proxy,
      URI endpoint,
      String bucket,
      String accessKey,
      String secretKey,
      @Nullable Path temporaryDirectory) {
    this.context = context;
    this.proxy = proxy;
    this.endpoint = endpoint;
    this.bucket = bucket;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.temporaryDirectory = temporaryDirectory;
  }

  static EmbeddedS3 start(EmbeddedS3Properties properties) throws Exception {
    Path temporary = null;
    Path directory = properties.directoryPath();
    if (directory == null) {
      temporary = Files.createTempDirectory("support-desk-s3-");
      directory = temporary;
    }
    Files.createDirectories(directory);
    BlobStoreContext context = storage(directory);
    String accessKey = "desk-" + random(8);
    String secretKey = random(24);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            // S3Proxy 3.0.0 answers 501 to headers it does not know, such as the x-amz-checksum-*
            // the AWS SDK
            // adds to some requests; signatures are still checked over every signed header.
            .ignoreUnknownHeaders(true)
            // Browsers upload attachments straight to pre-signed URLs (the web components), from
            // the desk's origin: the signature, not the origin, is what authorises a request.
            .corsRules(
                new CrossOriginResourceSharing(
                    List.of("*"),
                    List.of("GET", "PUT", "HEAD"),
                    List.of("*"),
                    List.of("ETag"),
                    "false"))
            .endpoint(URI.create("http://" + properties.host() + ":" + properties.port()))
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
    URI endpoint = URI.create("http://" + properties.host() + ":" + proxy.getPort());
    context.getBlobStore().createContainerInLocation(null, properties.bucket());
    log.info(
        "Embedded S3 (S3Proxy) at {}, bucket {}, files in {}",
        endpoint,
        properties.bucket(),
        directory);
    return new EmbeddedS3(
        context, proxy, endpoint, properties.bucket(), accessKey, secretKey, temporary);
  }

  /**
   * jclouds' filesystem store keeps each object's content type in an extended attribute; where the
   * file system has none, the objects are kept in memory instead (the library checks the stored
   * type when an upload is confirmed, so a lost type would reject every attachment).
   */
  private static BlobStoreContext storage(Path directory) {
    if (supportsUserAttributes(directory)) {
      Properties overrides = new Properties();
      overrides.setProperty(FilesystemConstants.PROPERTY_BASEDIR, directory.toString());
      return ContextBuilder.newBuilder("filesystem")
          .overrides(overrides)
          .build(BlobStoreContext.class);
    }
    log.warn(
        "{} has no user-defined file attributes: the embedded S3 keeps attachments in memory",
        directory);
    return ContextBuilder.newBuilder("transient").build(BlobStoreContext.class);
  }

  private static boolean supportsUserAttributes(Path directory) {
    try {
      Path probe = Files.createTempFile(directory, ".xattr-probe", "");
      try {
        UserDefinedFileAttributeView view =
            Files.getFileAttributeView(probe, UserDefinedFileAttributeView.class);
        if (view == null) {
          return false;
        }
        view.write("desk.probe", ByteBuffer.wrap(new byte[] {1}));
        return true;
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** How the library's S3 blob store reaches this server. */
  S3Settings settings() {
    return S3Settings.builder(bucket)
        .region(REGION)
        .endpoint(endpoint)
        .pathStyleAccess(true)
        .credentials(accessKey, secretKey)
        .build();
  }

  /** The origin browsers reach it at (for the desk's Content-Security-Policy). */
  String browserOrigin() {
    return endpoint.getScheme() + "://" + endpoint.getHost() + ":" + endpoint.getPort();
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws IOException {
    try {
      proxy.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not stop", e);
    } finally {
      context.close();
      if (temporaryDirectory != null) {
        deleteRecursively(temporaryDirectory);
      }
    }
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException exc)
              throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
