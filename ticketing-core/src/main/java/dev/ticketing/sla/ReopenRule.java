package dev.ticketing.sla;

/**
 * What a policy does to its clocks when a resolved, closed or cancelled ticket comes back.
 *
 * @since 0.1.0
 */
public enum ReopenRule {
  /**
   * The resolution clock resumes with the time it had counted (time spent resolved does not
   * count), and a next-response cycle starts: the customer who reopened is owed an answer. The
   * default.
   */
  RESUME,
  /** New first-response and resolution cycles start from the reopening, with full targets. */
  RESTART
}
