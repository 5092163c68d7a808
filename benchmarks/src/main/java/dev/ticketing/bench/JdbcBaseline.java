package dev.ticketing.bench;

import dev.ticketing.bench.BenchDatabase.Vendor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * What a developer would write by hand with plain JDBC for the same work as the library: the
 * baselines every figure of the {@link Suite} is divided by. The writes insert exactly the rows the
 * service inserts (ticket or comment, audit entry with its changes, outbox rows with their data),
 * batched per table, in one transaction; the reads return the same columns.
 *
 * <p>Long because each method is the hand-written twin of one library operation and is read side
 * by side with it: split across files, it would be harder to see that the baseline does no less
 * work than the library.
 */
final class JdbcBaseline {

  private final DataSource ds;
  private final Vendor vendor;

  JdbcBaseline(DataSource ds, Vendor vendor) {
    this.ds = ds;
    this.vendor = vendor;
  }

  /** The visibility scope of a listing, as the hand-written query applies it. */
  record Scope(
      @Nullable String createdBy, @Nullable String companyId, @Nullable String assigneeId) {
    static final Scope ALL = new Scope(null, null, null);

    String where(String t) {
      StringBuilder w = new StringBuilder(t + ".deleted_at is null");
      if (createdBy != null) {
        w.append(" and ").append(t).append(".created_by = ?");
      }
      if (companyId != null) {
        w.append(" and ").append(t).append(".company_id = ?");
      }
      if (assigneeId != null) {
        w.append(" and ").append(t).append(".assignee_id = ?");
      }
      return w.toString();
    }

    int bind(PreparedStatement p, int index) throws SQLException {
      for (String v : new String[] {createdBy, companyId, assigneeId}) {
        if (v != null) {
          p.setString(index++, v);
        }
      }
      return index;
    }
  }

  // ------------------------------------------------------------------ writes

  /** Ticket + CREATED audit entry with 5 changes + one outbox request row for the admins (5 data values). */
  String createTicket(String companyId, String customerId, String title, String description)
      throws SQLException {
    String id = UUID.randomUUID().toString();
    Timestamp now = now();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement p =
            c.prepareStatement(
                "insert into ticketing_ticket (id, company_id, created_by, title,"
                    + " description, status, priority, category, created_at, updated_at, version,"
                    + " requester_id) values (?, ?, ?, ?, ?, 'OPEN', 'MEDIUM', 'GENERAL', ?, ?, 0,"
                    + " ?)")) {
          p.setString(1, id);
          p.setString(2, companyId);
          p.setString(3, customerId);
          p.setString(8, customerId);
          p.setString(4, title);
          p.setString(5, description);
          p.setTimestamp(6, now);
          p.setTimestamp(7, now);
          p.executeUpdate();
        }
        audit(
            c,
            id,
            "CREATED",
            customerId,
            "CUSTOMER",
            now,
            new String[][] {
              {"title", null, title},
              {"status", null, "OPEN"},
              {"priority", null, "MEDIUM"},
              {"category", null, "GENERAL"},
              {"companyId", null, companyId}
            });
        outbox(
            c,
            "ticket-created",
            "admins",
            id,
            null,
            customerId,
            now,
            Map.of(
                "ticketId",
                id,
                "ticketTitle",
                title,
                "status",
                "OPEN",
                "priority",
                "MEDIUM",
                "companyId",
                companyId));
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    return id;
  }

  /**
   * Reads the ticket (the service must, to check visibility, permission and status), then inserts
   * the comment, its audit entry (2 changes) and one outbox request row for the owner (7 data values).
   */
  void addComment(String ticketId, String staffId, String content) throws SQLException {
    String id = UUID.randomUUID().toString();
    Timestamp now = now();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        String owner;
        String title;
        String status;
        String priority;
        String company;
        try (PreparedStatement p =
            c.prepareStatement(
                "select id, company_id, created_by, title, description, status,"
                    + " priority, category, assignee_id, created_at, updated_at, resolved_at, closed_at, deleted_at, deleted_by,"
                    + " status_before_delete, version from ticketing_ticket where id = ?")) {
          p.setString(1, ticketId);
          try (ResultSet rs = p.executeQuery()) {
            if (!rs.next() || rs.getTimestamp(14) != null) {
              throw new IllegalStateException("no ticket " + ticketId);
            }
            company = rs.getString(2);
            owner = rs.getString(3);
            title = rs.getString(4);
            status = rs.getString(6);
            priority = rs.getString(7);
          }
        }
        try (PreparedStatement p =
            c.prepareStatement(
                "insert into ticketing_comment (id, ticket_id, author_id, content,"
                    + " internal, created_at, updated_at, company_id) values (?, ?, ?, ?, ?, ?, ?,"
                    + " (select company_id from ticketing_ticket where id = ?))")) {
          p.setString(1, id);
          p.setString(2, ticketId);
          p.setString(3, staffId);
          p.setString(4, content);
          p.setBoolean(5, false);
          p.setTimestamp(6, now);
          p.setTimestamp(7, now);
          p.setString(8, ticketId);
          p.executeUpdate();
        }
        audit(
            c,
            ticketId,
            "TICKET_COMMENT_ADDED",
            staffId,
            "ADMIN",
            now,
            new String[][] {{"commentId", null, id}, {"internal", null, "false"}});
        outbox(
            c,
            "comment-added",
            "owner:" + owner,
            ticketId,
            id,
            staffId,
            now,
            Map.of(
                "ticketId",
                ticketId,
                "ticketTitle",
                title,
                "status",
                status,
                "priority",
                priority,
                "companyId",
                company,
                "commentContent",
                content,
                "authorId",
                staffId));
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  static void audit(
      Connection c,
      String ticketId,
      String action,
      String actor,
      String role,
      Timestamp at,
      String[][] changes)
      throws SQLException {
    String entry = UUID.randomUUID().toString();
    try (PreparedStatement p =
        c.prepareStatement(
            "insert into ticketing_audit_entry (id, ticket_id, action, actor_id,"
                + " actor_role, created_at, company_id) values (?, ?, ?, ?, ?, ?,"
                + " (select company_id from ticketing_ticket where id = ?))")) {
      p.setString(1, entry);
      p.setString(2, ticketId);
      p.setString(3, action);
      p.setString(4, actor);
      p.setString(5, role);
      p.setTimestamp(6, at);
      p.setString(7, ticketId);
      p.executeUpdate();
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "insert into ticketing_audit_change (entry_id, change_index,"
                + " field_name, old_value, new_value, company_id) values (?, ?, ?, ?, ?,"
                + " (select company_id from ticketing_audit_entry where id = ?))")) {
      for (int i = 0; i < changes.length; i++) {
        p.setString(1, entry);
        p.setInt(2, i);
        p.setString(3, changes[i][0]);
        p.setString(4, changes[i][1]);
        p.setString(5, changes[i][2]);
        p.setString(6, entry);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /**
   * One request row for the change (channel {@code recipients}, who must be told as the change
   * records it) and its data values: what the service writes since deliveries are resolved at
   * dispatch, one row per change whatever the number of recipients.
   */
  static void outbox(
      Connection c,
      String template,
      String recipients,
      String ticketId,
      @Nullable String commentId,
      String actor,
      Timestamp at,
      Map<String, String> data)
      throws SQLException {
    String id = UUID.randomUUID().toString();
    try (PreparedStatement p =
        c.prepareStatement(
            "insert into ticketing_outbox (id, template, recipients, channel,"
                + " notification_id, ticket_id, comment_id, actor_id, occurred_at, state, attempts, next_attempt_at)"
                + " values (?, ?, ?, 'recipients', ?, ?, ?, ?, ?, 'PENDING', 0, ?)")) {
      p.setString(1, id);
      p.setString(2, template);
      p.setString(3, recipients);
      p.setString(4, id);
      p.setString(5, ticketId);
      p.setString(6, commentId);
      p.setString(7, actor);
      p.setTimestamp(8, at);
      p.setTimestamp(9, at);
      p.executeUpdate();
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "insert into ticketing_outbox_data (notification_id, data_name, data_value) values (?, ?, ?)")) {
      for (Map.Entry<String, String> e : data.entrySet()) {
        p.setString(1, id);
        p.setString(2, e.getKey());
        p.setString(3, e.getValue());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  static Timestamp now() {
    return Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
  }

  // ------------------------------------------------------------------ reads

  private static final String TICKET_COLUMNS =
      "t.id, t.company_id, t.created_by, t.title, t.description, t.status,"
          + " t.priority, t.category, t.assignee_id, t.created_at, t.updated_at, t.resolved_at, t.closed_at, t.deleted_at,"
          + " t.deleted_by, t.status_before_delete, t.version";

  /**
   * One statement: the page of tickets (keyset after {@code afterCreatedAt/afterId}, or {@code
   * offset} rows skipped) with comment and attachment counts and last-comment times from
   * correlated sub-queries.
   */
  int page(
      Scope scope,
      int limit,
      @Nullable Timestamp afterCreatedAt,
      @Nullable String afterId,
      long offset)
      throws SQLException {
    String inner =
        "select "
            + TICKET_COLUMNS
            + " from ticketing_ticket t where "
            + scope.where("t")
            // The expanded position, which every planner bounds (MariaDB walks its whole index for
            // the row value).
            + (afterCreatedAt != null
                ? " and t.created_at <= ? and (t.created_at < ? or (t.created_at = ? and t.id < ?))"
                : "")
            + " order by t.created_at desc, t.id desc limit "
            + limit
            + (offset > 0 ? " offset " + offset : "");
    // The activity by company and ticket: the indexes lead with the company since V20.
    String sql =
        "select p.*,"
            + " (select count(*) from ticketing_comment c where c.company_id = p.company_id and c.ticket_id = p.id),"
            + " (select count(*) from ticketing_comment c where c.company_id = p.company_id and c.ticket_id = p.id and c.internal = false),"
            + " (select max(c.created_at) from ticketing_comment c where c.company_id = p.company_id and c.ticket_id = p.id),"
            + " (select max(c.created_at) from ticketing_comment c where c.company_id = p.company_id and c.ticket_id = p.id and c.internal = false),"
            + " (select count(*) from ticketing_attachment a where a.company_id = p.company_id and a.ticket_id = p.id),"
            + " (select count(*) from ticketing_attachment a where a.company_id = p.company_id and a.ticket_id = p.id and a.internal = false)"
            + " from ("
            + inner
            + ") p order by p.created_at desc, p.id desc";
    try (Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement(sql)) {
      int i = scope.bind(p, 1);
      if (afterCreatedAt != null) {
        p.setTimestamp(i++, afterCreatedAt);
        p.setTimestamp(i++, afterCreatedAt);
        p.setTimestamp(i++, afterCreatedAt);
        p.setString(i, afterId);
      }
      return consume(p);
    }
  }

  /**
   * The plain substring search: {@code lower(title) like ? or lower(description) like ?} (and,
   * for staff, a comment that matches), newest first, without the trigram indexes.
   */
  int search(Scope scope, String term, boolean comments, boolean withoutIndex, int limit)
      throws SQLException {
    if (vendor == Vendor.MARIADB) {
      return fullTextSearch(scope, term, comments, limit);
    }
    String like = "%" + term.toLowerCase() + "%";
    String sql =
        "select "
            + TICKET_COLUMNS
            + " from ticketing_ticket t where "
            + scope.where("t")
            + " and (lower(t.title) like ? or lower(t.description) like ?"
            + (comments
                ? " or exists (select 1 from ticketing_comment c where c.ticket_id = t.id"
                    + " and lower(c.content) like ?)"
                : "")
            + ") order by t.created_at desc, t.id desc limit "
            + limit;
    try (Connection c = ds.getConnection()) {
      boolean pg = vendor == Vendor.POSTGRESQL;
      if (pg && withoutIndex) {
        c.setAutoCommit(false); // set local lasts for this transaction only
        try (Statement s = c.createStatement()) {
          // A trigram GIN index is only ever read through a bitmap scan.
          s.execute("set local enable_bitmapscan = off");
        }
      }
      try (PreparedStatement p = c.prepareStatement(sql)) {
        int i = scope.bind(p, 1);
        p.setString(i++, like);
        p.setString(i++, like);
        if (comments) {
          p.setString(i, like);
        }
        return consume(p);
      } finally {
        if (pg && withoutIndex) {
          c.rollback();
          c.setAutoCommit(true);
        }
      }
    }
  }

  /**
   * MariaDB: the FULLTEXT search one would write by hand, the same as the store's ({@code +word*} for
   * each word, the {@code LIKE} rechecking the phrase byte for byte, two arms for comments), without
   * its bounded probe for common words. The corpus's search terms are single plain words.
   */
  private int fullTextSearch(Scope scope, String term, boolean comments, int limit)
      throws SQLException {
    String lower = term.toLowerCase(java.util.Locale.ROOT);
    String like = "%" + lower + "%";
    String against = "+" + lower + "*";
    String text =
        " and match(t.title, t.description) against (? in boolean mode) > 0"
            + " and (lower(t.title) collate utf8mb4_bin like ? or lower(t.description) collate utf8mb4_bin like ?)";
    String order = " order by t.created_at desc, t.id desc limit " + limit;
    String sql =
        "select "
            + TICKET_COLUMNS
            + " from ticketing_ticket t where "
            + scope.where("t")
            + text
            + order;
    if (comments) {
      String commentArm =
          " and exists (select 1 from ticketing_comment c where c.ticket_id = t.id"
              + " and match(c.content) against (? in boolean mode) > 0 and lower(c.content) collate utf8mb4_bin like ?)";
      sql =
          "select "
              + TICKET_COLUMNS
              + " from ticketing_ticket t join ("
              + "(select t.id from ticketing_ticket t where "
              + scope.where("t")
              + text
              + order
              + ") union "
              + "(select t.id from ticketing_ticket t where "
              + scope.where("t")
              + commentArm
              + order
              + ")"
              + ") m on m.id = t.id"
              + order;
    }
    try (Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement(sql)) {
      int i = scope.bind(p, 1);
      p.setString(i++, against);
      p.setString(i++, like);
      p.setString(i++, like);
      if (comments) {
        i = scope.bind(p, i);
        p.setString(i++, against);
        p.setString(i, like);
      }
      return consume(p);
    }
  }

  /** The statistics as one aggregate query, the way one would write it for this database. */
  long[] stats(@Nullable String companyId) throws SQLException {
    String active = "status in ('OPEN', 'IN_PROGRESS', 'WAITING_FOR_CUSTOMER', 'REOPENED')";
    String[] conditions = {
      "status = 'OPEN'",
      "status = 'IN_PROGRESS'",
      "status = 'WAITING_FOR_CUSTOMER'",
      "status = 'RESOLVED'",
      "status = 'CLOSED'",
      "status = 'CANCELLED'",
      "status = 'REOPENED'",
      "priority = 'URGENT' and " + active,
      "priority = 'HIGH' and " + active,
      "assignee_id is null and " + active
    };
    StringBuilder sql = new StringBuilder("select count(*)");
    for (String cond : conditions) {
      sql.append(
          vendor == Vendor.POSTGRESQL
              ? ", count(*) filter (where " + cond + ")"
              : ", sum(" + cond + ")");
    }
    sql.append(" from ticketing_ticket where deleted_at is null")
        .append(companyId != null ? " and company_id = ?" : "");
    try (Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement(sql.toString())) {
      if (companyId != null) {
        p.setString(1, companyId);
      }
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        long[] out = new long[conditions.length + 1];
        for (int i = 0; i < out.length; i++) {
          out[i] = rs.getLong(i + 1);
        }
        return out;
      }
    }
  }

  private static int consume(PreparedStatement p) throws SQLException {
    int rows = 0;
    try (ResultSet rs = p.executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          rs.getObject(i);
        }
        rows++;
      }
    }
    return rows;
  }
}
