package dev.ticketing;

import org.jspecify.annotations.Nullable;

/**
 * A macro applied: the ticket as written and the reply or note it added.
 *
 * @param ticket the ticket after every change of the macro
 * @param comment the reply or internal note written; null when the macro has no body
 * @since 0.2.0
 */
public record MacroResult(TicketView ticket, @Nullable CommentView comment) {}
