package dev.ticketing.jpa;

import dev.ticketing.spi.SlaRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The query behind {@link JpaSlaStore#settled}: clocks that breached, or were fulfilled, in a
 * period, in primary-key order after a keyset. Each half of the condition has its index ({@code
 * breach_at}, and {@code stopped_at} since V15).
 */
final class SlaSettledQuery {

  private SlaSettledQuery() {}

  static List<SlaRecord> run(
      Connection c, Instant from, Instant to, @Nullable SlaRecord after, int limit)
      throws SQLException {
    String sql =
        "select "
            + JpaSlaStore.COLUMNS
            + " from ticketing_sla_clock where ((breach_at >= ? and breach_at < ?)"
            + " or (state = 'FULFILLED' and stopped_at >= ? and stopped_at < ?))"
            + (after == null ? "" : " and (ticket_id, target_kind, cycle_no) > (?, ?, ?)")
            + " order by ticket_id, target_kind, cycle_no limit ?";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      long start = JpaSlaStore.micros(from);
      long end = JpaSlaStore.micros(to);
      int i = 1;
      s.setLong(i++, start);
      s.setLong(i++, end);
      s.setLong(i++, start);
      s.setLong(i++, end);
      if (after != null) {
        s.setString(i++, after.ticketId());
        s.setString(i++, after.clock().target().name());
        s.setInt(i++, after.clock().cycle());
      }
      s.setInt(i, limit);
      return JpaSlaStore.read(s);
    }
  }
}
