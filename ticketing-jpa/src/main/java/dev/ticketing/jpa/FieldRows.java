package dev.ticketing.jpa;

import dev.ticketing.FieldType;
import dev.ticketing.FieldValue;
import dev.ticketing.jpa.entity.TicketFieldEntity;
import dev.ticketing.spi.TicketRecord;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rows of {@code ticketing_ticket_field}, kept equal to the custom field values of their
 * ticket's row in the same unit of work: they exist for the indexes a field filter walks.
 */
final class FieldRows {
  private FieldRows() {}

  static void insert(
      EntityManager em,
      String ticketId,
      String companyId,
      Instant createdAt,
      Map<String, FieldValue> values) {
    values.forEach((key, v) -> insert(em, ticketId, companyId, createdAt, key, v));
  }

  private static void insert(
      EntityManager em,
      String ticketId,
      String companyId,
      Instant createdAt,
      String key,
      FieldValue v) {
    if (v.type() == FieldType.MULTI_CHOICE) {
      List<String> choices = v.heldChoices();
      for (int i = 0; i < choices.size(); i++) {
        TicketFieldEntity row = row(ticketId, companyId, createdAt, key, i);
        row.textValue = choices.get(i);
        em.persist(row);
      }
      return;
    }
    TicketFieldEntity row = row(ticketId, companyId, createdAt, key, 0);
    Object value = v.value();
    if (value instanceof Long n) {
      row.numberValue = BigDecimal.valueOf(n);
    } else if (value instanceof BigDecimal d) {
      row.numberValue = d;
    } else if (value instanceof LocalDate d) {
      row.dateValue = d;
    } else {
      row.textValue = value.toString(); // text, a choice, true or false
    }
    em.persist(row);
  }

  private static TicketFieldEntity row(
      String ticketId, String companyId, Instant createdAt, String key, int item) {
    TicketFieldEntity row = TicketFieldEntity.create();
    row.ticketId = ticketId;
    row.companyId = companyId;
    row.fieldKey = key;
    row.item = (short) item;
    row.createdAt = createdAt;
    return row;
  }

  /** Replaces the rows of every field whose value differs between {@code before} and {@code after}. */
  static void replace(EntityManager em, TicketRecord before, TicketRecord after) {
    if (before.fields().equals(after.fields())) {
      return;
    }
    List<String> changed = new ArrayList<>();
    for (String key : before.fields().keySet()) {
      if (!Objects.equals(before.fields().get(key), after.fields().get(key))) {
        changed.add(key);
      }
    }
    if (!changed.isEmpty()) {
      em.createQuery(
              "delete from TicketFieldEntity f where f.companyId = :company and f.ticketId = :id"
                  + " and f.fieldKey in :keys")
          .setParameter("company", after.companyId())
          .setParameter("id", after.id())
          .setParameter("keys", changed)
          .executeUpdate();
    }
    after
        .fields()
        .forEach(
            (key, v) -> {
              if (!v.equals(before.fields().get(key))) {
                insert(em, after.id(), after.companyId(), before.createdAt(), key, v);
              }
            });
  }
}
