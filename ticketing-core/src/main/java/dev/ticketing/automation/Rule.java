package dev.ticketing.automation;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored rule as it is now: its definition at its current version. Every edit makes a new
 * version; the audit entries of what a rule did name the version that did it.
 *
 * @param enabled whether it runs; false when an admin disabled it or the engine did
 * @param disabledReason why the engine disabled it (for example, a chain of rules ran too long);
 *     null when it is enabled or an admin disabled it without a reason
 * @param updatedBy who saved this version (an admin's id, or {@code automation} when the engine
 *     disabled the rule)
 * @since 0.2
 */
public record Rule(
    String id,
    int version,
    RuleDefinition definition,
    boolean enabled,
    @Nullable String disabledReason,
    Instant createdAt,
    Instant updatedAt,
    String updatedBy) {

  /** The actor id the rule's changes are audited under: {@code rule:<id>@<version>}. */
  public String actorId() {
    return actorId(id, version);
  }

  /** The actor id of a rule's version. */
  public static String actorId(String ruleId, int version) {
    return "rule:" + ruleId + "@" + version;
  }
}
