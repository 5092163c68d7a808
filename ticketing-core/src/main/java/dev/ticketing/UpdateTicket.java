package dev.ticketing;

import dev.ticketing.validation.Id;
import dev.ticketing.validation.Text;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link TicketService#updateTicket}: the fields to change; null leaves a field as it is.
 * Seed 000's {@code updateTicketInput}.
 */
public record UpdateTicket(
    @Id @Nullable String id,
    @Text(max = 200, optional = true) @Nullable String title,
    @Text(max = 10_000, optional = true) @Nullable String description,
    @Nullable Priority priority,
    @Nullable Category category) {}
