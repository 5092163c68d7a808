package dev.ticketing;

/**
 * The GraphQL ticket module's {@code _count}: what the actor can see of a ticket. For a customer,
 * internal notes and the files attached to them are not counted.
 *
 * @param comments comments visible to the actor
 * @param attachments attachments visible to the actor, on the ticket and on visible comments
 * @since 0.1.0
 */
public record Counts(long comments, long attachments) {}
