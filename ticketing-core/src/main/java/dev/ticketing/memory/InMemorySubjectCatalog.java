package dev.ticketing.memory;

import dev.ticketing.Category;
import dev.ticketing.spi.Subject;
import dev.ticketing.spi.SubjectCatalog;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fixed {@link SubjectCatalog}: the default one, made from the configured categories, and a
 * handy one for tests and hosts whose subjects are known at start-up. Immutable.
 *
 * @since 0.2.0
 */
public final class InMemorySubjectCatalog implements SubjectCatalog {

  private final Map<String, Subject> byId;

  private InMemorySubjectCatalog(Collection<Subject> subjects) {
    Map<String, Subject> map = new LinkedHashMap<>();
    for (Subject s : subjects) {
      if (map.putIfAbsent(s.id(), s) != null) {
        throw new IllegalArgumentException("subject id " + s.id() + " is listed twice");
      }
    }
    this.byId = java.util.Collections.unmodifiableMap(map);
  }

  /** The given subjects, in this order. */
  public static InMemorySubjectCatalog of(Collection<Subject> subjects) {
    return new InMemorySubjectCatalog(subjects);
  }

  /**
   * One active subject per category, labelled from its name ({@code FEATURE_REQUEST} reads
   * "Feature request"), sorted by name so that the order does not depend on a set's iteration.
   */
  public static InMemorySubjectCatalog ofCategories(Collection<Category> categories) {
    return new InMemorySubjectCatalog(
        categories.stream()
            .map(Category::name)
            .sorted()
            .map(name -> new Subject(name, label(name), true))
            .toList());
  }

  @Override
  public Map<String, Subject> subjects(Collection<String> ids) {
    Map<String, Subject> found = new HashMap<>();
    for (String id : ids) {
      Subject s = byId.get(id);
      if (s != null) {
        found.put(id, s);
      }
    }
    return found;
  }

  @Override
  public List<Subject> all() {
    return List.copyOf(byId.values());
  }

  /** {@code FEATURE_REQUEST} to "Feature request"; names that are not upper snake case stay as they are. */
  static String label(String name) {
    if (!name.equals(name.toUpperCase(Locale.ROOT))) {
      return name;
    }
    String words = name.replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
