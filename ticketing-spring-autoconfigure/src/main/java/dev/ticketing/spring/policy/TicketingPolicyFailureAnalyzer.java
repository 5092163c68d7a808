package dev.ticketing.spring.policy;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains an invalid {@code ticketing.policy.*} block on the start-up failure report. */
final class TicketingPolicyFailureAnalyzer
    extends AbstractFailureAnalyzer<ConfiguredPolicy.InvalidPolicyException> {

  @Override
  protected FailureAnalysis analyze(
      Throwable rootFailure, ConfiguredPolicy.InvalidPolicyException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Correct the ticketing.policy.* properties named above. Roles are CUSTOMER, AGENT, ADMIN and SUPER_ADMIN; "
            + "a grant is a reach (NONE, OWN, COMPANY, ASSIGNED, ALL), optionally followed by 'while' or 'except' "
            + "statuses and, for CHANGE_STATUS, 'to' statuses.",
        cause);
  }
}
