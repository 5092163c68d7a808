package dev.ticketing.spi;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The subjects tickets may be about: the host's own list (a table of predefined support subjects,
 * say), asked in batches like the {@link Directory}: one call per page of tickets, never one per
 * ticket. The default is {@code InMemorySubjectCatalog.of(options.categories())}, the configured
 * categories.
 *
 * <p>A ticket's {@link dev.ticketing.Category} is its subject's id. Creating a ticket, or changing
 * its subject, with an id the catalog does not know or reports inactive is a validation error on
 * the {@code category} field. Views carry each ticket's subject id and label; a subject the catalog
 * no longer knows shows its id as the label.
 *
 * @since 0.2.0
 */
public interface SubjectCatalog {

  /** Subjects by id, active or not; ids the host does not know are left out. */
  Map<String, Subject> subjects(Collection<String> ids);

  /** Every subject, active or not, in the order people should see them. */
  List<Subject> all();
}
