package dev.ticketing.spring.jpa;

import java.util.Locale;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.spi.SchemaFilter;
import org.hibernate.tool.schema.spi.SchemaFilterProvider;

/**
 * Keeps the ticketing tables ({@code ticketing_*}) out of Hibernate's schema generation in the
 * host's persistence unit: whatever {@code spring.jpa.hibernate.ddl-auto} says ({@code
 * create-drop}, Spring Boot's default on an embedded database, included), Hibernate creates, drops,
 * truncates and updates only the host's own tables, and the ticketing migrations own theirs.
 * Validation still covers them.
 */
final class TicketingTablesExcluded implements SchemaFilterProvider {
  static final String PREFIX = "ticketing_";

  private static final SchemaFilter HOST_TABLES_ONLY =
      new SchemaFilter() {
        @Override
        public boolean includeNamespace(Namespace namespace) {
          return true;
        }

        @Override
        public boolean includeTable(Table table) {
          return !table.getName().toLowerCase(Locale.ROOT).startsWith(PREFIX);
        }

        @Override
        public boolean includeSequence(Sequence sequence) {
          return true;
        }
      };

  @Override
  public SchemaFilter getCreateFilter() {
    return HOST_TABLES_ONLY;
  }

  @Override
  public SchemaFilter getDropFilter() {
    return HOST_TABLES_ONLY;
  }

  @Override
  public SchemaFilter getTruncatorFilter() {
    return HOST_TABLES_ONLY;
  }

  @Override
  public SchemaFilter getMigrateFilter() {
    return HOST_TABLES_ONLY;
  }

  @Override
  public SchemaFilter getValidateFilter() {
    return SchemaFilter.ALL;
  }
}
