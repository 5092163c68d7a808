package dev.ticketing;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What applying a macro to a ticket would do, computed without writing anything.
 *
 * @param macroId the macro
 * @param ticketId the ticket
 * @param body the reply or note as it would be written (variables filled in); null for none
 * @param internal whether it would be an internal note
 * @param changes the fields that would change, old and new values as text (fields already at the
 *     macro's value are left out)
 * @since 0.2.0
 */
public record MacroPreview(
    String macroId,
    String ticketId,
    @Nullable String body,
    boolean internal,
    List<FieldChange> changes) {

  public MacroPreview {
    changes = List.copyOf(changes);
  }
}
