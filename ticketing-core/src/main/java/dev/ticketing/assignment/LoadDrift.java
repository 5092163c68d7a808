package dev.ticketing.assignment;

/**
 * One agent whose kept load disagreed with their tickets, as {@link AssignmentService#reconcile}
 * found (and corrected) it.
 *
 * @param agentId the agent
 * @param kept the load the store kept
 * @param actual the open tickets actually assigned to the agent
 * @since 0.2.0
 */
public record LoadDrift(String agentId, int kept, int actual) {}
