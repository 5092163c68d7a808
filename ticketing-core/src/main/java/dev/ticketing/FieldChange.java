package dev.ticketing;

import org.jspecify.annotations.Nullable;

/**
 * One field's change in an audit entry, as text.
 *
 * @param field the field, named as in the views ({@code status}, {@code assignedTo}, ...)
 * @param oldValue the value before, or null
 * @param newValue the value after, or null
 * @since 0.1.0
 */
public record FieldChange(String field, @Nullable String oldValue, @Nullable String newValue) {}
