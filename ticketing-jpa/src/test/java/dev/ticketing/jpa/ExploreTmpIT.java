package dev.ticketing.jpa;

import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import java.sql.*;
import java.time.Instant;
import java.util.*;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.junit.jupiter.api.Test;

class ExploreTmpIT {
  @Test
  void explore() throws Exception {
    TestDatabase db = TestDatabase.POSTGRESQL;
    db.truncate();
    var ds = db.start().dataSource();
    int n = Integer.getInteger("explore.n", 5000);
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("insert into ticketing_ticket (id, company_id, created_by, title, description, status, priority, category, created_at, updated_at, version) values (?,?,?,?,?,'OPEN','LOW','GENERAL',?,?,0)");
           PreparedStatement pc = c.prepareStatement("insert into ticketing_comment (id, ticket_id, author_id, content, internal, created_at, updated_at) values (?,?,?,?,?,?,?)")) {
        Random r = new Random(1);
        for (int i = 0; i < n; i++) {
          String id = String.format("t%07d", i);
          ps.setString(1, id); ps.setString(2, "c" + (i % 50)); ps.setString(3, "u" + (i % 500));
          ps.setString(4, "Ticket about " + Long.toString(r.nextLong() & Long.MAX_VALUE, 36));
          ps.setString(5, "Description " + Long.toString(r.nextLong() & Long.MAX_VALUE, 36) + " " + Long.toString(r.nextLong() & Long.MAX_VALUE, 36));
          Timestamp ts = Timestamp.from(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i));
          ps.setTimestamp(6, ts); ps.setTimestamp(7, ts); ps.addBatch();
          pc.setString(1, id + "c"); pc.setString(2, id); pc.setString(3, "u1"); pc.setString(4, "Comment " + Long.toString(r.nextLong() & Long.MAX_VALUE, 36)); pc.setBoolean(5, i % 2 == 0); pc.setTimestamp(6, ts); pc.setTimestamp(7, ts); pc.addBatch();
          if (i % 1000 == 999) { ps.executeBatch(); pc.executeBatch(); }
        }
        ps.executeBatch(); pc.executeBatch();
      }
      c.commit();
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) { s.execute("analyze ticketing_ticket"); s.execute("analyze ticketing_comment"); }
    }
    List<String> sql = Collections.synchronizedList(new ArrayList<>());
    StatementInspector inspector = s -> { sql.add(s); return s; };
    var emf = TicketingPersistence.entityManagerFactory(ds, Map.of("hibernate.session_factory.statement_inspector", inspector));
    var store = JpaTicketStore.resourceLocal(emf);
    for (CommentSearch cs : CommentSearch.values()) {
      sql.clear();
      VisibilityScope scope = cs == CommentSearch.NONE ? VisibilityScope.createdBy("u7", "c7") : VisibilityScope.EVERYTHING;
      var rows = store.list(new TicketQuery(scope, TicketFilter.builder().searchTerm("zzq").build(), cs, SortOrder.NEWEST_FIRST, null, 21));
      String q = sql.get(0);
      System.out.println(cs + " rows=" + rows.size() + " SQL: " + q);
      for (String mode : List.of("on", "off")) {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("set enable_seqscan = " + mode);
        try (PreparedStatement ps = c.prepareStatement("explain (analyze, costs off) " + q)) {
          int params = ps.getParameterMetaData().getParameterCount();
          int k = 1;
          String rest = q;
          // bind in textual order: scope ids, then terms, then limit
          for (int i = 1; i <= params; i++) {
            String type = ps.getParameterMetaData().getParameterTypeName(i);
            System.out.println("  param " + i + " " + type);
          }
          int i = 1;
          if (cs == CommentSearch.NONE) { ps.setString(i++, "u7"); ps.setString(i++, "c7"); }
          while (i < params) ps.setString(i++, "%zzq%");
          ps.setInt(i, 21);
          try (ResultSet rs = ps.executeQuery()) { System.out.println(" enable_seqscan=" + mode); while (rs.next()) System.out.println("    " + rs.getString(1)); }
        }
        s.execute("reset enable_seqscan");
      }
      }
    }
    emf.close();
  }
}
