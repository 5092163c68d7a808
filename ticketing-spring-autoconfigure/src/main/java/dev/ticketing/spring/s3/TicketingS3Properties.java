package dev.ticketing.spring.s3;

import dev.ticketing.s3.S3Settings;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code ticketing.s3.*} configuration properties: where attachments are stored when {@code
 * ticketing-s3} is on the class path. Limits, URL lifetimes and the key prefix are {@code
 * ticketing.attachments.*}.
 *
 * @param bucket the bucket attachments are stored in; setting it switches the S3 blob store on
 * @param region the AWS region of the bucket, for example eu-west-1; default: the AWS SDK's region
 *     provider chain (AWS_REGION, profile, instance metadata)
 * @param endpoint endpoint override for S3-compatible stores (MinIO, Ceph, Garage...), for example
 *     http://localhost:9000; default: Amazon S3
 * @param pathStyleAccess address the bucket in the URL path instead of the host name (most
 *     S3-compatible stores need it)
 * @param accessKeyId access key id; default: the AWS SDK's default credentials provider chain
 *     (environment, system properties, profile, container or instance role)
 * @param secretAccessKey secret access key, required with access-key-id
 * @since 0.1.0
 */
@ConfigurationProperties("ticketing.s3")
public record TicketingS3Properties(
    @Nullable String bucket,
    @Nullable String region,
    @Nullable URI endpoint,
    @DefaultValue("false") boolean pathStyleAccess,
    @Nullable String accessKeyId,
    @Nullable String secretAccessKey) {

  /** The store settings these properties describe; needs a bucket. */
  S3Settings toSettings() {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalStateException("ticketing.s3.bucket is not set");
    }
    return new S3Settings(bucket, region, endpoint, pathStyleAccess, accessKeyId, secretAccessKey);
  }

  @Override
  public String toString() {
    // Records print every component; the secret must not reach logs or the actuator.
    return "TicketingS3Properties[bucket="
        + bucket
        + ", region="
        + region
        + ", endpoint="
        + endpoint
        + ", pathStyleAccess="
        + pathStyleAccess
        + ", accessKeyId="
        + accessKeyId
        + ", secretAccessKey="
        + (secretAccessKey == null ? "null" : "****")
        + "]";
  }
}
