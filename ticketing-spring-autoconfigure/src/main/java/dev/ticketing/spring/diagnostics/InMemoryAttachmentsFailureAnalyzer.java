package dev.ticketing.spring.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains attachments that would be kept in memory beside tickets in a database. */
final class InMemoryAttachmentsFailureAnalyzer
    extends AbstractFailureAnalyzer<InMemoryAttachmentsException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InMemoryAttachmentsException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Keep attachments on S3: add ticketing-spring-boot-starter-s3 and set"
            + " ticketing.s3.bucket=<your bucket>; or declare your own BlobStore bean; or, if"
            + " your host uses no attachments or may lose them, set"
            + " ticketing.attachments.store=memory.",
        cause);
  }
}
