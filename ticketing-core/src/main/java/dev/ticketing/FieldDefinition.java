package dev.ticketing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One version of a custom field's definition. Changing a definition writes a new version; earlier
 * versions stay readable ({@link CustomFieldService#versions}). Values already on tickets are never
 * rewritten by a change: a choice removed from {@link #choices()} stays on the tickets that hold
 * it, readable and kept through unrelated updates, but no ticket may be given it anew.
 *
 * @param key the field's name in inputs, views, filters and audit entries ({@code fields.<key>});
 *     1 to 64 of {@code a-z 0-9 _}, starting with a letter; never changes
 * @param label what screens show, 1 to 200 characters
 * @param type what the values are; never changes
 * @param category the subject id of the tickets the field applies to, or null for every ticket
 * @param required whether a new ticket the field applies to must carry a value (and no update may
 *     clear it)
 * @param visibility who sees the field and its values
 * @param choices the allowed choices of a {@link FieldType#CHOICE} or {@link
 *     FieldType#MULTI_CHOICE} field, in display order; empty for other types
 * @param pattern the regular expression a {@link FieldType#PATTERN} value matches in full; null for
 *     other types
 * @param active false once retired: values stay readable, none may be set
 * @param version 1 for the first definition, +1 for every change
 * @param changedAt when this version was written
 * @param changedBy who wrote this version
 * @since 0.2.0
 */
public record FieldDefinition(
    String key,
    String label,
    FieldType type,
    @Nullable String category,
    boolean required,
    FieldVisibility visibility,
    List<String> choices,
    @Nullable String pattern,
    boolean active,
    int version,
    Instant changedAt,
    String changedBy) {

  /** Longest text or pattern-checked text value; the length the filter index holds. */
  public static final int MAX_TEXT_LENGTH = 255;

  /** Most choices a field may offer. */
  public static final int MAX_CHOICES = 200;

  /** Longest choice. */
  public static final int MAX_CHOICE_LENGTH = 100;

  /** Most active fields an installation may define. */
  public static final int MAX_FIELDS = 500;

  public FieldDefinition {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(visibility, "visibility");
    Objects.requireNonNull(changedAt, "changedAt");
    Objects.requireNonNull(changedBy, "changedBy");
    choices = List.copyOf(choices);
  }

  /** Whether customers may see the field. */
  public boolean customerVisible() {
    return visibility == FieldVisibility.CUSTOMERS;
  }

  /** Whether the field applies to tickets of this subject id. */
  public boolean appliesTo(String categoryId) {
    return category == null || category.equals(categoryId);
  }
}
