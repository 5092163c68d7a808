package dev.ticketing.spring.diagnostics;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Explains {@code operator class "gin_trgm_ops" does not exist}: PostgreSQL's {@code pg_trgm} is
 * installed in a schema the migrating connection does not search. The ticketing migrations find it
 * there themselves; a host's own Flyway running them ({@code ticketing.store.schema=host}) does
 * not.
 */
final class TrigramSearchPathFailureAnalyzer implements FailureAnalyzer {

  @Override
  public @Nullable FailureAnalysis analyze(Throwable failure) {
    for (@Nullable Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null
          && message.contains("gin_trgm_ops")
          && message.contains("does not exist")) {
        return new FailureAnalysis(
            "The ticketing search indexes need pg_trgm's operator class gin_trgm_ops, but the"
                + " migrating connection does not search the schema pg_trgm is installed in"
                + " (find it with: select extnamespace::regnamespace from pg_extension where"
                + " extname = 'pg_trgm').",
            "Put that schema on the connections' search path: add ?currentSchema=public,extensions"
                + " (your schemas) to spring.datasource.url, or leave the ticketing migrations to"
                + " ticketing (ticketing.store.schema=ticketing, the default), which finds it.",
            t);
      }
    }
    return null;
  }
}
