package dev.ticketing.jpa;

import dev.ticketing.FieldCondition;
import dev.ticketing.TicketFilter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The custom field conditions of a listing, as one {@code exists} each over {@code
 * ticketing_ticket_field}: the field's key and its typed column equal to the value or within the
 * range. Each looks its ticket up by the primary key {@code (ticket_id, field_key, item)}; for a rare
 * value the planner may instead start from the index {@code (field_key, <typed value>, created_at,
 * ticket_id)}. Values arrive in canonical form from core and are bound parameters.
 */
final class FieldFilterHql {
  private FieldFilterHql() {}

  static void add(List<String> where, Map<String, Object> params, String t, TicketFilter f) {
    List<FieldCondition> conditions = f.fields();
    for (int i = 0; i < conditions.size(); i++) {
      FieldCondition c = conditions.get(i);
      String p = t + "f" + i;
      params.put(p + "k", c.key());
      StringBuilder cond = new StringBuilder();
      if (c.equalTo() != null) {
        Object v = stored(c.equalTo());
        params.put(p + "v", v);
        cond.append(" and fv.").append(column(v)).append(" = :").append(p).append("v");
      } else {
        Object bound = c.from() != null ? c.from() : c.to();
        String column = column(stored(java.util.Objects.requireNonNull(bound)));
        if (c.from() != null) {
          params.put(p + "a", stored(c.from()));
          cond.append(" and fv.").append(column).append(" >= :").append(p).append("a");
        }
        if (c.to() != null) {
          params.put(p + "b", stored(c.to()));
          cond.append(" and fv.").append(column).append(" <= :").append(p).append("b");
        }
      }
      where.add(
          "exists (select 1 from TicketFieldEntity fv where fv.companyId = "
              + t
              + ".companyId and fv.ticketId = "
              + t
              + ".id and fv.fieldKey = :"
              + p
              + "k"
              + cond
              + ")");
    }
  }

  /** The value as its typed column holds it: numbers as decimals, booleans as text. */
  private static Object stored(@Nullable Object v) {
    java.util.Objects.requireNonNull(v);
    if (v instanceof Long n) {
      return BigDecimal.valueOf(n);
    }
    if (v instanceof Boolean b) {
      return b.toString();
    }
    return v;
  }

  private static String column(Object stored) {
    if (stored instanceof BigDecimal) {
      return "numberValue";
    }
    if (stored instanceof LocalDate) {
      return "dateValue";
    }
    return "textValue";
  }
}
