package dev.ticketing.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A round-robin assignment written by hand, as a host would without the library: read the ticket,
 * pick the available agent with room whose last assignment is oldest, claim them with a
 * conditional update (room re-checked under the row lock), assign the ticket under its version,
 * write the audit entry and the assignee's outbox row, in one transaction.
 */
final class AssignmentSqlBaseline {

  private final DataSource ds;

  AssignmentSqlBaseline(DataSource ds) {
    this.ds = ds;
  }

  /** Assigns {@code ticketId} round robin on behalf of {@code adminId}; returns the agent, or null. */
  String assign(String ticketId, String adminId) throws SQLException {
    Timestamp now = JdbcBaseline.now();
    long micros = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, now.toInstant());
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        long version;
        String status;
        String title;
        try (PreparedStatement p =
            c.prepareStatement(
                "select status, version, title, assignee_id from ticketing_ticket where id = ?")) {
          p.setString(1, ticketId);
          try (ResultSet rs = p.executeQuery()) {
            if (!rs.next() || rs.getString(4) != null) {
              throw new IllegalStateException("no unassigned ticket " + ticketId);
            }
            status = rs.getString(1);
            version = rs.getLong(2);
            title = rs.getString(3);
          }
        }
        String agent = null;
        while (agent == null) {
          String candidate;
          try (PreparedStatement p =
              c.prepareStatement(
                  "select agent_id from ticketing_agent where availability = 'AVAILABLE'"
                      + " and open_count < capacity"
                      + " order by coalesce(last_assigned_at, -1), agent_id limit 1")) {
            try (ResultSet rs = p.executeQuery()) {
              if (!rs.next()) {
                c.rollback();
                return null;
              }
              candidate = rs.getString(1);
            }
          }
          try (PreparedStatement p =
              c.prepareStatement(
                  "update ticketing_agent set last_assigned_at = ?, open_count = open_count + 1"
                      + " where agent_id = ? and availability = 'AVAILABLE'"
                      + " and open_count < capacity")) {
            p.setLong(1, micros);
            p.setString(2, candidate);
            if (p.executeUpdate() == 1) {
              agent = candidate;
            }
          }
        }
        try (PreparedStatement p =
            c.prepareStatement(
                "update ticketing_ticket set assignee_id = ?, status = 'IN_PROGRESS',"
                    + " updated_at = ?, version = version + 1 where id = ? and version = ?")) {
          p.setString(1, agent);
          p.setTimestamp(2, now);
          p.setString(3, ticketId);
          p.setLong(4, version);
          if (p.executeUpdate() != 1) {
            throw new IllegalStateException("ticket " + ticketId + " moved");
          }
        }
        JdbcBaseline.audit(
            c,
            ticketId,
            "TICKET_ASSIGNED",
            adminId,
            "ADMIN",
            now,
            new String[][] {{"assignedTo", null, agent}, {"status", status, "IN_PROGRESS"}});
        JdbcBaseline.outbox(
            c,
            "ticket-assigned",
            "user:" + agent,
            ticketId,
            null,
            adminId,
            now,
            Map.of("ticketId", ticketId, "ticketTitle", title, "assignedToId", agent));
        c.commit();
        return agent;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
