package dev.ticketing.memory;

import dev.ticketing.FieldCondition;
import dev.ticketing.FieldValue;
import dev.ticketing.spi.TicketRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The custom field conditions of a filter, over a ticket's values: the same comparisons the SQL
 * stores write. Conditions arrive in canonical form; numbers compare by value, dates by day, a
 * multiple choice value equals each choice it holds.
 */
final class FieldMatching {
  private FieldMatching() {}

  static boolean matches(TicketRecord t, List<FieldCondition> conditions) {
    for (FieldCondition c : conditions) {
      FieldValue v = t.fields().get(c.key());
      if (v == null || !meets(v, c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean meets(FieldValue v, FieldCondition c) {
    Object eq = c.equalTo();
    if (eq != null) {
      if (!v.heldChoices().isEmpty() || eq instanceof String && v.value() instanceof String) {
        return v.heldChoices().isEmpty() ? v.value().equals(eq) : v.heldChoices().contains(eq);
      }
      Integer cmp = compare(v.value(), eq);
      return cmp != null && cmp == 0;
    }
    Integer low = c.from() == null ? Integer.valueOf(1) : compare(v.value(), c.from());
    Integer high = c.to() == null ? Integer.valueOf(-1) : compare(v.value(), c.to());
    return low != null && high != null && low >= 0 && high <= 0;
  }

  private static @Nullable Integer compare(Object stored, Object given) {
    if (stored instanceof Number a && given instanceof Number b) {
      return decimal(a).compareTo(decimal(b));
    }
    if (stored instanceof LocalDate a && given instanceof LocalDate b) {
      return a.compareTo(b);
    }
    if (stored instanceof Boolean a && given instanceof Boolean b) {
      return a.equals(b) ? 0 : 1;
    }
    return null;
  }

  private static BigDecimal decimal(Number n) {
    return n instanceof BigDecimal b ? b : BigDecimal.valueOf(n.longValue());
  }
}
