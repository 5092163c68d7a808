package dev.ticketing.spring.s3;

import dev.ticketing.s3.S3BlobStore;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Attachments on S3: an {@link S3BlobStore} from the {@code ticketing.s3.*} properties. Active when
 * {@code ticketing-s3} is on the class path and {@code ticketing.s3.bucket} is set and not blank (so
 * a placeholder such as {@code ${S3_BUCKET:}} that resolves to nothing keeps the default); runs before
 * {@link TicketingAutoConfiguration} so that its in-memory blob store backs off. A host's own
 * {@link BlobStore} bean wins over both.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = TicketingAutoConfiguration.class)
@ConditionalOnClass(S3BlobStore.class)
@ConditionalOnBooleanProperty(name = "ticketing.enabled", matchIfMissing = true)
@Conditional(BucketConfigured.class)
@EnableConfigurationProperties(TicketingS3Properties.class)
public final class TicketingS3AutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TicketingS3AutoConfiguration.class);

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(BlobStore.class)
  S3BlobStore ticketingS3BlobStore(TicketingS3Properties properties) {
    S3BlobStore store = S3BlobStore.create(properties.toSettings());
    log.info(
        "Ticketing keeps attachments in S3 bucket {}{}",
        store.bucket(),
        properties.endpoint() == null ? "" : " at " + properties.endpoint());
    return store;
  }
}
