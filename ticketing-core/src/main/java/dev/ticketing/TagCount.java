package dev.ticketing;

/**
 * How many tickets carry a tag: one row of the statistics by tag.
 *
 * @param tag the tag, as stored (normalised)
 * @param tickets the non-deleted tickets in scope that carry it
 * @param active those of them in an active status (OPEN, IN_PROGRESS, WAITING_FOR_CUSTOMER,
 *     REOPENED)
 * @since 0.1.0
 */
public record TagCount(String tag, long tickets, long active) {}
