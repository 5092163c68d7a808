package dev.ticketing;

import dev.ticketing.validation.Id;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link TicketService#assignTicket}. Seed 000's {@code assignTicketInput}.
 *
 * @param ticketId the ticket
 * @param assignedToId a staff user's id, or null to unassign
 */
public record AssignTicket(@Id @Nullable String ticketId, @Id(optional = true) @Nullable String assignedToId) {}
