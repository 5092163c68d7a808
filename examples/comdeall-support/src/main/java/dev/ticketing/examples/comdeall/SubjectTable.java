package dev.ticketing.examples.comdeall;

import dev.ticketing.spi.Subject;
import dev.ticketing.spi.SubjectCatalog;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The platform's predefined support subjects, from its {@code support_subject} table (UUID ids, a
 * label, an active flag). The library asks in batches: one query per page of tickets.
 */
@Component
class SubjectTable implements SubjectCatalog {
  private final JdbcClient jdbc;

  SubjectTable(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Subject> subjects(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return jdbc
        .sql("select id, label, active from support_subject where id in (:ids)")
        .param("ids", List.copyOf(ids))
        .query(
            (rs, n) ->
                new Subject(rs.getString("id"), rs.getString("label"), rs.getBoolean("active")))
        .list()
        .stream()
        .collect(Collectors.toMap(Subject::id, Function.identity()));
  }

  @Override
  public List<Subject> all() {
    return jdbc.sql("select id, label, active from support_subject order by position, id")
        .query(
            (rs, n) ->
                new Subject(rs.getString("id"), rs.getString("label"), rs.getBoolean("active")))
        .list();
  }
}
