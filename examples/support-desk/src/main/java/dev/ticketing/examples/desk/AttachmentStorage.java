package dev.ticketing.examples.desk;

import dev.ticketing.s3.S3BlobStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Attachments on the embedded default. With {@code ticketing.s3.bucket} set, the library's own S3
 * auto-configuration serves a real bucket ({@code ticketing.s3.*}) and none of this runs. Without
 * it, the desk starts {@link EmbeddedS3} and gives the library an {@link S3BlobStore} on it: the same
 * store, pre-signed URLs and checks as on AWS, with no cloud account. A host's own {@code
 * BlobStore} bean replaces the library's default, so the in-memory one backs off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${ticketing.s3.bucket:}'.isBlank() and ${desk.embedded-s3.enabled:true}")
class AttachmentStorage {

  @Bean(destroyMethod = "close")
  EmbeddedS3 embeddedS3(EmbeddedS3Properties properties) throws Exception {
    return EmbeddedS3.start(properties);
  }

  @Bean(destroyMethod = "close")
  S3BlobStore deskBlobStore(EmbeddedS3 s3) {
    return S3BlobStore.create(s3.settings());
  }
}
