package dev.ticketing.spring.s3;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code ticketing.s3.bucket} is set and not blank. Not {@code @ConditionalOnProperty}:
 * that matches an empty value, and a placeholder such as {@code ${S3_BUCKET:}} that resolves to
 * nothing must keep the in-memory default rather than fail on a bucket without a name.
 */
final class BucketConfigured extends SpringBootCondition {
  static final String PROPERTY = "ticketing.s3.bucket";

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    String bucket = context.getEnvironment().getProperty(PROPERTY);
    return bucket == null || bucket.isBlank()
        ? ConditionOutcome.noMatch(PROPERTY + " is not set")
        : ConditionOutcome.match(PROPERTY + " is set");
  }
}
