package dev.ticketing.spi;

import dev.ticketing.Category;
import java.util.Objects;

/**
 * One subject a ticket can be about, as the host's {@link SubjectCatalog} describes it.
 *
 * @param id the subject's id, a well-formed id (a UUID, or a name such as {@code TECHNICAL}); a
 *     ticket keeps it as its {@link Category}
 * @param label what people read, for example "Therapy session"
 * @param active whether new tickets (and changes of subject) may use it; tickets that already have
 *     an inactive subject keep it
 * @since 0.1.0
 */
public record Subject(String id, String label, boolean active) {

  public Subject {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    if (!Category.isValid(id)) {
      throw new IllegalArgumentException(
          "subject id must be 1 to 128 letters, digits or . _ : @ -, but was '" + id + "'");
    }
    if (label.isBlank()) {
      throw new IllegalArgumentException("subject " + id + " needs a label");
    }
  }

  /** The subject as the category a ticket stores. */
  public Category category() {
    return Category.of(id);
  }
}
