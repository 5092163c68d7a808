package dev.ticketing.spring.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a schema generation that would drop the ticketing tables. */
final class DestructiveSchemaGenerationFailureAnalyzer
    extends AbstractFailureAnalyzer<DestructiveSchemaGenerationException> {

  @Override
  protected FailureAnalysis analyze(
      Throwable rootFailure, DestructiveSchemaGenerationException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Set "
            + cause.property()
            + "=validate (or none, or update), or let your schema filter provider exclude the"
            + " tables named ticketing_*: the ticketing migrations own them.",
        cause);
  }
}
