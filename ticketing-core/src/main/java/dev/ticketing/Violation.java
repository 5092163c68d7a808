package dev.ticketing;

/**
 * One broken input rule.
 *
 * @param field the path of the offending input field, for example {@code title} or {@code first}
 * @param message what is wrong, in English
 * @since 0.1.0
 */
public record Violation(String field, String message) {}
