package dev.ticketing.jpa;

import dev.ticketing.spi.SlaListing;
import dev.ticketing.spi.SlaRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The queries behind {@link JpaSlaStore#list}: one ordered index walk per state, so that a page
 * costs the same however much history lies before it. "Due soonest" walks {@code ix_sla_clock_due}
 * for active clocks; "overdue" walks {@code ix_sla_clock_overdue} once for active and once for
 * paused clocks and merges the two short lists (a single condition on both states lets a planner
 * walk every clock that ever breached instead); "breached" walks {@code ix_sla_clock_breach}.
 */
final class SlaListingQuery {

  private SlaListingQuery() {}

  static List<SlaRecord> run(Connection c, SlaListing listing) throws SQLException {
    boolean due = listing.order() == SlaListing.Order.DUE_SOONEST;
    String at = due ? "due_at" : "breach_at";
    List<String> states =
        switch (listing.order()) {
          case DUE_SOONEST -> List.of("ACTIVE");
          case OVERDUE -> List.of("ACTIVE", "PAUSED");
          case BREACHED -> List.of("");
        };
    List<String> branches = new ArrayList<>();
    for (String state : states) {
      StringBuilder b =
          new StringBuilder("select ")
              .append(JpaSlaStore.COLUMNS)
              .append(", ")
              .append(at)
              .append(" as sort_at from ticketing_sla_clock where ");
      List<String> where = new ArrayList<>();
      if (!state.isEmpty()) {
        where.add("state = '" + state + "'");
      }
      if (!due) {
        where.add("breach_at <= ?");
      }
      if (listing.target() != null) {
        where.add("target_kind = ?");
      }
      if (listing.after() != null) {
        // The first condition alone is redundant; it lets MariaDB seek the index (it does not
        // seek by a row comparison).
        where.add(at + " >= ?");
        where.add("(" + at + ", ticket_id, target_kind, cycle_no) > (?, ?, ?, ?)");
      }
      b.append(String.join(" and ", where))
          .append(" order by ")
          .append(at)
          .append(", ticket_id, target_kind, cycle_no limit ?");
      branches.add(b.toString());
    }
    String sql =
        branches.size() == 1
            ? branches.get(0)
            : "select * from (("
                + String.join(") union all (", branches)
                + ")) merged order by sort_at, ticket_id, target_kind, cycle_no limit ?";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      int i = 1;
      for (int branch = 0; branch < branches.size(); branch++) {
        if (!due) {
          s.setLong(i++, JpaSlaStore.micros(listing.now()));
        }
        if (listing.target() != null) {
          s.setString(i++, listing.target().name());
        }
        SlaListing.Position after = listing.after();
        if (after != null) {
          s.setLong(i++, JpaSlaStore.micros(after.at()));
          s.setLong(i++, JpaSlaStore.micros(after.at()));
          s.setString(i++, after.ticketId());
          s.setString(i++, after.target().name());
          s.setInt(i++, after.cycle());
        }
        s.setInt(i++, listing.limit());
      }
      if (branches.size() > 1) {
        s.setInt(i, listing.limit());
      }
      return JpaSlaStore.read(s);
    }
  }
}
