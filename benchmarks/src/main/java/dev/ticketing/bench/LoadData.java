package dev.ticketing.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.bench.BenchDatabase.Vendor;
import dev.ticketing.jpa.TicketingSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads the {@link Corpus} into a database of its own, migrated with {@link TicketingSchema#migrate}.
 *
 * <p>PostgreSQL: the store's secondary indexes are dropped, tickets and comments are streamed with
 * {@code COPY ... FROM STDIN} on two connections at once (the driver's {@code CopyManager}), the
 * indexes are rebuilt two at a time, then {@code VACUUM ANALYZE}. MariaDB: rows are generated sorted
 * by primary key into temporary files and read with {@code LOAD DATA LOCAL INFILE}; the ticket's
 * secondary indexes are rebuilt afterwards; then {@code ANALYZE TABLE}.
 *
 * <p>Idempotent: table {@code bench_load} records what was loaded. A run first removes whatever a
 * harness run wrote (rows dated after {@link #HARNESS_AFTER}, every outbox row); if the marker
 * names the same ticket count and data shape and the ticket table holds exactly that many rows,
 * nothing is loaded again. Otherwise every ticketing table is emptied and loaded afresh.
 *
 * <p>Long because loading is one procedure with a path per vendor that shares the idempotence
 * check, the clean-up and the index rebuild; apart, its steps would be read out of order.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.ticketing.bench.LoadData --tickets 1000000
 * [--vendor postgresql|mariadb] [--database ticketing_bench] [--url jdbc:...] [--force] [--streams N]
 * [--resume]}
 *
 * <p>PostgreSQL at ten million tickets: {@code --streams N} copies each table in N streams (ranges of
 * the tickets, 2N connections) and builds the indexes 2N at a time, the B-trees first;
 * {@code --resume} keeps a ticket table that is already complete and redoes the comments, the
 * indexes and the statistics (the dropped indexes' definitions are kept in {@code bench_load_index}).
 */
public final class LoadData {

  /** Loaded rows end before this; the harness writes at the current time, well after it. */
  static final Instant HARNESS_AFTER = Instant.parse("2026-02-01T00:00:00Z");

  // Every table of the store, children first, as the store's schema lists them.
  private static final List<String> TABLES = TicketingSchema.TABLES;

  /** The MariaDB ticket indexes rebuilt after the load (kept in step with the migration). */
  private static final List<String> MARIADB_TICKET_INDEXES =
      List.of(
          "ix_ticket_created (created_at desc, id desc)",
          "ix_ticket_company (company_id, created_at desc, id desc)",
          "ix_ticket_creator (created_by, created_at desc, id desc)",
          "ix_ticket_assignee (assignee_id, created_at desc, id desc)",
          "ix_ticket_status (status, created_at desc, id desc)",
          "ix_ticket_company_stats (company_id, deleted_at, status, priority, assignee_id)");

  /** The MariaDB FULLTEXT indexes (table, index, columns), rebuilt after the load: kept in step with V8 (MariaDB). */
  private static final List<String[]> MARIADB_FULLTEXT =
      List.of(
          new String[] {"ticketing_ticket", "ft_ticket_text", "title, description"},
          new String[] {"ticketing_comment", "ft_comment_content", "content"});

  /** What a load did. */
  record Result(boolean loaded, long tickets, long comments, double seconds, String note) {}

  private LoadData() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    BenchDatabase db = o.database();
    Result r = load(db, o.tickets(), o.force(), o.streams(), o.resume());
    System.out.printf(Locale.ROOT, "%s: %s%n", db.describe(), r.note());
  }

  static Result load(BenchDatabase db, int tickets, boolean force) throws Exception {
    return load(db, tickets, force, 1, false);
  }

  /**
   * Loads with {@code streams} copy streams per table (PostgreSQL; each a range of the tickets); with
   * {@code resume}, tickets already copied in full are kept and only the comments, the indexes and
   * the statistics are redone (PostgreSQL).
   */
  static Result load(BenchDatabase db, int tickets, boolean force, int streams, boolean resume)
      throws Exception {
    db.createIfMissing();
    try (HikariDataSource ds = db.pool("bench-load", 2)) {
      TicketingSchema.migrate(ds);
    }
    Corpus corpus = new Corpus(tickets);
    try (Connection c = db.connect()) {
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.executeUpdate(
            "create table if not exists bench_load (tickets bigint not null, shape integer not null,"
                + " comments bigint not null, seconds double precision not null, loaded_at varchar(40) not null)");
      }
      removeHarnessRows(c);
      if (!force && !resume) {
        Result existing = existing(c, tickets);
        if (existing != null) {
          return existing;
        }
      }
    }
    long start = System.nanoTime();
    long comments =
        db.vendor() == Vendor.POSTGRESQL
            ? loadPostgres(db, corpus, streams, resume)
            : loadMariaDb(db, corpus);
    double seconds = (System.nanoTime() - start) / 1e9;
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.executeUpdate("delete from bench_load");
      try (PreparedStatement p =
          c.prepareStatement("insert into bench_load values (?, ?, ?, ?, ?)")) {
        p.setLong(1, tickets);
        p.setInt(2, Corpus.SHAPE_VERSION);
        p.setLong(3, comments);
        p.setDouble(4, seconds);
        p.setString(5, Instant.now().toString());
        p.executeUpdate();
      }
    }
    return new Result(
        true,
        tickets,
        comments,
        seconds,
        String.format(
            Locale.ROOT,
            "loaded %,d tickets and %,d comments in %.1f s (indexes and ANALYZE included)",
            tickets,
            comments,
            seconds));
  }

  private static Result existing(Connection c, int tickets) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select tickets, shape, comments, seconds from bench_load")) {
      if (!rs.next() || rs.getLong(1) != tickets || rs.getInt(2) != Corpus.SHAPE_VERSION) {
        return null;
      }
      long comments = rs.getLong(3);
      double seconds = rs.getDouble(4);
      try (ResultSet n = s.executeQuery("select count(*) from ticketing_ticket")) {
        n.next();
        if (n.getLong(1) != tickets) {
          return null;
        }
      }
      return new Result(
          false,
          tickets,
          comments,
          seconds,
          String.format(
              Locale.ROOT,
              "already loaded: %,d tickets, %,d comments (the load took %.1f s); nothing to do",
              tickets,
              comments,
              seconds));
    }
  }

  /** Deletes what harness runs wrote: rows newer than the corpus, and every outbox row. */
  static void removeHarnessRows(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        PreparedStatement auditChanges =
            c.prepareStatement(
                "delete from ticketing_audit_change where entry_id in"
                    + " (select id from ticketing_audit_entry where created_at >= ?)");
        PreparedStatement audit =
            c.prepareStatement("delete from ticketing_audit_entry where created_at >= ?");
        PreparedStatement attachments =
            c.prepareStatement("delete from ticketing_attachment where created_at >= ?");
        PreparedStatement grants =
            c.prepareStatement("delete from ticketing_upload_grant where issued_at >= ?");
        PreparedStatement comments =
            c.prepareStatement("delete from ticketing_comment where created_at >= ?");
        PreparedStatement tickets =
            c.prepareStatement("delete from ticketing_ticket where created_at >= ?")) {
      s.executeUpdate("delete from ticketing_outbox_data");
      s.executeUpdate("delete from ticketing_outbox");
      Timestamp after = Timestamp.from(HARNESS_AFTER);
      for (PreparedStatement p : List.of(auditChanges, audit, attachments, grants, comments)) {
        p.setTimestamp(1, after);
        p.executeUpdate();
      }
      // The harness's comments, attachments and grants are gone: the foreign keys that point at
      // its tickets have nothing left to check. PostgreSQL would check them row by row, and
      // ticketing_comment has no index led by ticket_id (V20 leads with the company), so at a
      // million tickets each deleted ticket scanned three million comments.
      boolean postgres = c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
      if (postgres) {
        for (String child : List.of("ticketing_ticket_tag", "ticketing_ticket_field")) {
          try (PreparedStatement p =
              c.prepareStatement(
                  "delete from "
                      + child
                      + " where ticket_id in (select id from ticketing_ticket where created_at >= ?)")) {
            p.setTimestamp(1, after);
            p.executeUpdate();
          }
        }
        s.execute("set session_replication_role = replica");
      }
      try {
        tickets.setTimestamp(1, after);
        tickets.executeUpdate();
      } finally {
        if (postgres) {
          s.execute("set session_replication_role = default");
        }
      }
    }
  }

  // ------------------------------------------------------------------ PostgreSQL

  private static long loadPostgres(BenchDatabase db, Corpus corpus, int streams, boolean resume)
      throws Exception {
    List<String> indexes = new ArrayList<>();
    boolean ticketsCopied = false;
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      // The definitions of the dropped indexes outlive the load, so that a resumed load rebuilds
      // them.
      s.executeUpdate("create table if not exists bench_load_index (def text not null)");
      if (resume) {
        try (ResultSet rs = s.executeQuery("select count(*) from ticketing_ticket")) {
          rs.next();
          ticketsCopied = rs.getLong(1) == corpus.tickets();
        }
      }
      if (ticketsCopied) {
        log("resuming: %,d tickets already copied; copying the comments again", corpus.tickets());
        s.executeUpdate("truncate ticketing_comment cascade");
      } else {
        s.executeUpdate("truncate " + String.join(", ", TABLES));
      }
      List<String> present = new ArrayList<>();
      List<String> kept = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "select indexname, indexdef, tablename from pg_indexes where schemaname = current_schema()"
                  + " and tablename in ('ticketing_ticket', 'ticketing_comment') and indexname like 'ix\\_%'")) {
        while (rs.next()) {
          if (ticketsCopied && rs.getString(3).equals("ticketing_ticket")) {
            kept.add(rs.getString(2)); // a resumed load keeps the complete ticket table's indexes
          } else {
            present.add(rs.getString(2));
            log("dropping %s for the load", rs.getString(1));
          }
        }
      }
      if (!present.isEmpty() && !ticketsCopied) {
        s.executeUpdate("delete from bench_load_index");
        try (PreparedStatement p = c.prepareStatement("insert into bench_load_index values (?)")) {
          for (String def : present) {
            p.setString(1, def);
            p.executeUpdate();
          }
        }
      }
      try (ResultSet rs = s.executeQuery("select def from bench_load_index")) {
        while (rs.next()) {
          if (!kept.contains(rs.getString(1))) {
            indexes.add(rs.getString(1));
          }
        }
      }
      for (String def : present) {
        s.executeUpdate(
            "drop index " + def.replaceFirst("(?i)^create (unique )?index (\\S+) on .*$", "$2"));
      }
    }
    // The B-trees first (minutes), the trigram indexes last (most of the load).
    indexes.sort(
        java.util.Comparator.comparing(def -> def.toLowerCase(Locale.ROOT).contains(" gin ")));
    ExecutorService pool = Executors.newFixedThreadPool(2 * streams);
    try {
      List<Future<Long>> ticketCopies = new ArrayList<>();
      List<Future<Long>> commentCopies = new ArrayList<>();
      for (int k = 0; k < streams; k++) {
        int from = (int) ((long) corpus.tickets() * k / streams);
        int to = (int) ((long) corpus.tickets() * (k + 1) / streams);
        if (!ticketsCopied) {
          ticketCopies.add(
              pool.submit(
                  () ->
                      copy(
                          db, "ticketing_ticket", Corpus.TICKET_COLUMNS, corpus, false, from, to)));
        }
        commentCopies.add(
            pool.submit(
                () ->
                    copy(db, "ticketing_comment", Corpus.COMMENT_COLUMNS, corpus, true, from, to)));
      }
      long ticketRows = 0;
      for (Future<Long> f : ticketCopies) {
        ticketRows += f.get();
      }
      long commentRows = 0;
      for (Future<Long> f : commentCopies) {
        commentRows += f.get();
      }
      log("copied %,d tickets and %,d comments", ticketRows, commentRows);
      List<Future<?>> builds = new ArrayList<>();
      for (String def : indexes) {
        builds.add(
            pool.submit(
                () -> {
                  try (Connection c = db.connect();
                      Statement s = c.createStatement()) {
                    s.execute("set maintenance_work_mem = '1GB'");
                    long began = System.nanoTime();
                    s.executeUpdate(def);
                    log("built in %.1f s: %s", (System.nanoTime() - began) / 1e9, def);
                  }
                  return null;
                }));
      }
      for (Future<?> f : builds) {
        f.get();
      }
      try (Connection c = db.connect();
          Statement s = c.createStatement()) {
        s.execute("vacuum analyze ticketing_ticket");
        s.execute("vacuum analyze ticketing_comment");
      }
      return commentRows;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Copies the rows of tickets {@code from} (inclusive) to {@code to} (exclusive), or their comments. */
  private static long copy(
      BenchDatabase db,
      String table,
      String columns,
      Corpus corpus,
      boolean comments,
      int from,
      int to)
      throws SQLException {
    try (Connection c = db.connect()) {
      try (Statement s = c.createStatement()) {
        s.execute("set time zone 'UTC'");
        // Foreign keys are right by construction; without their per-row triggers the two streams
        // need not wait for each other. Needs a superuser; without one the checks simply run.
        try {
          s.execute("set session_replication_role = replica");
        } catch (SQLException e) {
          log("foreign-key triggers stay on (%s)", e.getMessage());
        }
      }
      CopyIn in =
          c.unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn("copy " + table + " (" + columns + ") from stdin");
      long rows = 0;
      StringBuilder buf = new StringBuilder(1 << 20);
      try {
        for (int i = from; i < to; i++) {
          Corpus.Ticket t = corpus.ticket(i);
          if (comments) {
            for (Corpus.Comment cm : corpus.comments(t)) {
              Corpus.commentRow(buf, cm);
              rows++;
            }
          } else {
            Corpus.ticketRow(buf, t);
            rows++;
          }
          if (buf.length() > (1 << 20) - 20_000) {
            byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            buf.setLength(0);
          }
        }
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        in.endCopy();
      } finally {
        if (in.isActive()) {
          in.cancelCopy();
        }
      }
      return rows;
    }
  }

  // ------------------------------------------------------------------ MariaDB

  private static long loadMariaDb(BenchDatabase db, Corpus corpus) throws Exception {
    Path dir = Files.createTempDirectory("ticketing-bench");
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("set foreign_key_checks = 0");
      s.execute("set unique_checks = 0");
      for (String table : TABLES) {
        s.executeUpdate("truncate table " + table);
      }
      for (String ix : MARIADB_TICKET_INDEXES) {
        s.executeUpdate(
            "alter table ticketing_ticket drop index " + ix.substring(0, ix.indexOf(' ')));
      }
      for (String[] ft : MARIADB_FULLTEXT) {
        s.executeUpdate("alter table " + ft[0] + " drop index " + ft[1]);
      }
      // InnoDB clusters rows by primary key: files sorted by id turn random inserts into appends.
      Path tickets = dir.resolve("tickets.tsv");
      Path comments = dir.resolve("comments.tsv");
      long commentRows = writeSorted(corpus, tickets, comments);
      log("wrote %,d tickets and %,d comments to %s", corpus.tickets(), commentRows, dir);
      s.execute("set time_zone = '+00:00'");
      long began = System.nanoTime();
      s.executeUpdate(
          "load data local infile '"
              + tickets
              + "' into table ticketing_ticket character set utf8mb4 ("
              + Corpus.TICKET_COLUMNS.replace(" ", "")
              + ")");
      log("tickets loaded in %.1f s", (System.nanoTime() - began) / 1e9);
      began = System.nanoTime();
      s.executeUpdate(
          "load data local infile '"
              + comments
              + "' into table ticketing_comment character set utf8mb4 ("
              + Corpus.COMMENT_COLUMNS.replace(" ", "")
              + ")");
      log("comments loaded in %.1f s", (System.nanoTime() - began) / 1e9);
      began = System.nanoTime();
      s.executeUpdate(
          "alter table ticketing_ticket add index "
              + String.join(", add index ", MARIADB_TICKET_INDEXES));
      log("ticket indexes built in %.1f s", (System.nanoTime() - began) / 1e9);
      for (String[] ft : MARIADB_FULLTEXT) {
        // InnoDB builds one FULLTEXT index per statement.
        began = System.nanoTime();
        s.executeUpdate(
            "alter table " + ft[0] + " add fulltext index " + ft[1] + " (" + ft[2] + ")");
        log("%s built in %.1f s", ft[1], (System.nanoTime() - began) / 1e9);
      }
      s.execute("analyze table ticketing_ticket, ticketing_comment");
      return commentRows;
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private static long writeSorted(Corpus corpus, Path tickets, Path comments) throws IOException {
    List<String> ticketRows = new ArrayList<>(corpus.tickets());
    List<String> commentRows = new ArrayList<>(corpus.tickets() * 3);
    StringBuilder b = new StringBuilder(1024);
    for (int i = 0; i < corpus.tickets(); i++) {
      Corpus.Ticket t = corpus.ticket(i);
      b.setLength(0);
      Corpus.ticketRow(b, t);
      ticketRows.add(b.toString());
      for (Corpus.Comment cm : corpus.comments(t)) {
        b.setLength(0);
        Corpus.commentRow(b, cm);
        commentRows.add(b.toString());
      }
    }
    // Ids are lower-case UUIDs, so string order is the binary collation's order.
    ticketRows.sort(null);
    commentRows.sort(null);
    write(tickets, ticketRows);
    write(comments, commentRows);
    return commentRows.size();
  }

  private static void write(Path file, List<String> rows) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (String row : rows) {
        w.write(row);
      }
    }
  }

  static void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
  }
}
