package dev.ticketing;

import java.time.Instant;

/**
 * One link between two tickets, read from the ticket named first: "{@code ticketId} {@code kind}
 * {@code otherTicketId}". A {@link LinkKind#RELATED} link has its two ids in a fixed order.
 *
 * @param ticketId the ticket the link is read from
 * @param kind how it is linked
 * @param otherTicketId the ticket it is linked to
 * @param createdBy who linked them
 * @param createdAt when
 * @since 0.2.0
 */
public record LinkView(
    String ticketId, LinkKind kind, String otherTicketId, String createdBy, Instant createdAt) {}
