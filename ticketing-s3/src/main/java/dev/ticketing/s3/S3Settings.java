package dev.ticketing.s3;

import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where {@link S3BlobStore#create(S3Settings)} keeps attachments and how it signs in.
 *
 * <p>There is no key prefix here: the engine builds every key, starting with {@code
 * TicketingOptions.keyPrefix()} ({@code tickets/attachments/} by default), and the store uses the
 * keys it is given as they are.
 *
 * @param bucket the bucket; it must exist
 * @param region the AWS region, for example {@code eu-west-1}; null: the SDK's region provider
 *     chain ({@code AWS_REGION}, the profile, instance metadata). S3-compatible stores usually
 *     accept {@code us-east-1}
 * @param endpoint an endpoint override for S3-compatible stores (MinIO, Ceph, Garage, S3Proxy…),
 *     {@code http} or {@code https}; null for AWS
 * @param pathStyleAccess address the bucket in the path ({@code https://host/bucket/key}) instead
 *     of the host name; most S3-compatible stores need it
 * @param accessKeyId explicit access key id; null (together with the secret): the SDK's default
 *     credentials provider chain (environment, system properties, profile, container or instance
 *     role)
 * @param secretAccessKey the secret of {@code accessKeyId}; never printed by {@link #toString()}
 * @since 0.1.0
 */
public record S3Settings(
    String bucket,
    @Nullable String region,
    @Nullable URI endpoint,
    boolean pathStyleAccess,
    @Nullable String accessKeyId,
    @Nullable String secretAccessKey) {

  /**
   * Checks the settings: a bucket is required, an endpoint is an http or https URL, an access key
   * comes with its secret; a blank region or access key stands for none.
   *
   * @param bucket the bucket; required
   * @param region the AWS region, or null
   * @param endpoint the endpoint override, or null
   * @param pathStyleAccess whether the bucket is addressed in the path
   * @param accessKeyId the access key id, or null for the SDK's credentials chain
   * @param secretAccessKey its secret, or null
   */
  public S3Settings {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("bucket is required");
    }
    if (region != null && region.isBlank()) {
      region = null;
    }
    if (endpoint != null) {
      String scheme =
          endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
        throw new IllegalArgumentException(
            "endpoint must be an http or https URL with a host: " + endpoint);
      }
    }
    boolean hasId = accessKeyId != null && !accessKeyId.isBlank();
    boolean hasSecret = secretAccessKey != null && !secretAccessKey.isBlank();
    if (hasId != hasSecret) {
      throw new IllegalArgumentException(
          "give both accessKeyId and secretAccessKey, or neither for the default credentials chain");
    }
    if (!hasId) {
      accessKeyId = null;
      secretAccessKey = null;
    }
  }

  /**
   * Settings for {@code bucket}, to complete with the builder.
   *
   * @param bucket the bucket attachments are stored in
   * @return a builder with the defaults: the SDK's region and credentials, virtual-host addressing
   */
  public static Builder builder(String bucket) {
    return new Builder(bucket);
  }

  /**
   * Whether an access key was given, rather than the SDK's default credentials chain.
   *
   * @return true when the builder's {@link Builder#credentials} was called
   */
  public boolean explicitCredentials() {
    return accessKeyId != null;
  }

  @Override
  public String toString() {
    return "S3Settings[bucket="
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

  /** Builder of {@link S3Settings}. */
  public static final class Builder {
    private final String bucket;
    private @Nullable String region;
    private @Nullable URI endpoint;
    private boolean pathStyleAccess;
    private @Nullable String accessKeyId;
    private @Nullable String secretAccessKey;

    private Builder(String bucket) {
      this.bucket = bucket;
    }

    /**
     * The bucket's AWS region.
     *
     * @param v the region, for example eu-west-1; null for the SDK's region provider chain
     * @return this builder
     */
    public Builder region(@Nullable String v) {
      region = v;
      return this;
    }

    /**
     * Where an S3-compatible store (MinIO, Ceph, Garage...) listens, instead of AWS.
     *
     * @param v the endpoint; null for AWS's own
     * @return this builder
     */
    public Builder endpoint(@Nullable URI v) {
      endpoint = v;
      return this;
    }

    /**
     * Whether the bucket is addressed in the URL's path rather than its host name, as most
     * S3-compatible stores need.
     *
     * @param v true for path-style URLs
     * @return this builder
     */
    public Builder pathStyleAccess(boolean v) {
      pathStyleAccess = v;
      return this;
    }

    /**
     * Explicit credentials; without this call the SDK's default credentials chain is used.
     *
     * @param accessKeyId the access key id
     * @param secretAccessKey its secret
     * @return this builder
     */
    public Builder credentials(String accessKeyId, String secretAccessKey) {
      this.accessKeyId = accessKeyId;
      this.secretAccessKey = secretAccessKey;
      return this;
    }

    /**
     * The settings.
     *
     * @return settings with what was set and the defaults for the rest
     */
    public S3Settings build() {
      return new S3Settings(
          bucket, region, endpoint, pathStyleAccess, accessKeyId, secretAccessKey);
    }
  }
}
