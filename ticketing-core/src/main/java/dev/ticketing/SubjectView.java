package dev.ticketing;

/**
 * A ticket's subject as views show it.
 *
 * @param id the subject's id (the ticket's {@link Category} name)
 * @param label the catalog's label, or the id when the catalog no longer knows the subject
 * @since 0.2.0
 */
public record SubjectView(String id, String label) {

  /** A subject the catalog does not know: its id stands in for the label. */
  public static SubjectView unknown(String id) {
    return new SubjectView(id, id);
  }
}
