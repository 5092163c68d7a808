package dev.ticketing;

import dev.ticketing.validation.Id;
import dev.ticketing.validation.IdempotencyKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link CustomFieldService#setValues}: custom field values to set and to clear on one
 * ticket, in one audited change. Values are given as {@link CustomFieldService} describes (typed
 * Java values, or text a host received). Fields not named keep their values, including choices
 * removed from their definition since.
 *
 * @param ticketId the ticket
 * @param set values by field key (null: none)
 * @param clear keys of fields to clear (null: none)
 * @param idempotencyKey optional client key: a repeat with the same input changes nothing again
 * @since 0.2.0
 */
public record SetFieldValues(
    @Id @Nullable String ticketId,
    @Nullable Map<String, Object> set,
    @Nullable List<String> clear,
    @IdempotencyKey @Nullable String idempotencyKey) {

  public SetFieldValues {
    set = set == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(set));
    clear = clear == null ? null : Collections.unmodifiableList(new ArrayList<>(clear));
  }

  /** Sets one field. */
  public static SetFieldValues set(String ticketId, String key, Object value) {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put(key, value);
    return new SetFieldValues(ticketId, one, null, null);
  }

  /** Clears fields. */
  public static SetFieldValues clear(String ticketId, String... keys) {
    return new SetFieldValues(ticketId, null, List.of(keys), null);
  }

  /** The same input with a client's idempotency key (null for none). */
  public SetFieldValues withIdempotencyKey(@Nullable String key) {
    return new SetFieldValues(ticketId, set, clear, key);
  }
}
