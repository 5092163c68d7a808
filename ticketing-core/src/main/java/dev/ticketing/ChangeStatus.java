package dev.ticketing;

import dev.ticketing.validation.Id;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/** Input of {@link TicketService#changeStatus}. Seed 000's {@code updateTicketStatusInput}. */
public record ChangeStatus(@Id @Nullable String ticketId, @NotNull @Nullable Status status) {}
