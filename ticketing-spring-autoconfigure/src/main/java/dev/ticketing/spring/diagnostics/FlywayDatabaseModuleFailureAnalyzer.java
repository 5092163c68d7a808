package dev.ticketing.spring.diagnostics;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Explains Flyway's {@code Unsupported Database: PostgreSQL 15.x} (Flyway 10 and later keep each
 * database in a module of its own). Reads messages rather than types: the host may have no Flyway
 * on its class path at all, and this analyser must still load.
 */
final class FlywayDatabaseModuleFailureAnalyzer implements FailureAnalyzer {
  private static final String UNSUPPORTED = "Unsupported Database";

  @Override
  public @Nullable FailureAnalysis analyze(Throwable failure) {
    for (@Nullable Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null
          && message.contains(UNSUPPORTED)
          && t.getClass().getName().startsWith("org.flywaydb")) {
        return new FailureAnalysis(
            "Flyway cannot run the ticketing migrations: " + firstLine(message),
            action(message),
            t);
      }
    }
    return null;
  }

  private static String action(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    String module;
    if (lower.contains("postgres")) {
      module = "org.flywaydb:flyway-database-postgresql";
    } else if (lower.contains("mariadb") || lower.contains("mysql")) {
      module = "org.flywaydb:flyway-mysql";
    } else {
      module = "the Flyway database module of your database";
    }
    return "Add the dependency "
        + module
        + " (runtime scope), or use ticketing-spring-boot-starter-jpa, which brings the"
        + " PostgreSQL and MariaDB modules.";
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
