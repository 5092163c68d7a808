package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRow;
import dev.ticketing.testsupport.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The migrations on each database: they build a schema the entities validate against, they are
 * idempotent, they keep their own history beside a host's Flyway history, and on PostgreSQL the
 * search is served by the trigram indexes.
 */
class SchemaIT {

  /** The scripts of each vendor's migration set, counted in this build's classes. */
  private static int scripts(TestDatabase db) {
    String folder = "dev/ticketing/jpa/migration/" + db.name().toLowerCase(Locale.ROOT);
    try {
      java.net.URL url = SchemaIT.class.getClassLoader().getResource(folder);
      assertThat(url).as(folder).isNotNull();
      try (var files = java.nio.file.Files.list(java.nio.file.Path.of(url.toURI()))) {
        int n =
            (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        // V1 the schema; V5 one outbox row per channel and the idempotency keys, on every vendor.
        assertThat(n).isGreaterThanOrEqualTo(2);
        return n;
      }
    } catch (java.io.IOException | java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Indexes every list, filter and sort of the service relies on. */
  private static final Map<String, List<String>> LIST_INDEXES =
      Map.of(
          "ticketing_ticket",
          List.of(
              "ix_ticket_created",
              "ix_ticket_company",
              "ix_ticket_creator",
              "ix_ticket_assignee",
              "ix_ticket_status",
              "ix_ticket_requester"),
          "ticketing_ticket_tag",
          List.of("ix_ticket_tag", "ix_ticket_tag_company", "ix_ticket_tag_requester"),
          "ticketing_comment",
          List.of("ix_comment_ticket"),
          "ticketing_attachment",
          List.of("ix_attachment_ticket"),
          "ticketing_audit_entry",
          List.of("ix_audit_ticket"),
          "ticketing_outbox",
          List.of("ix_outbox_due", "ix_outbox_ticket", "ix_outbox_channel"),
          "ticketing_idempotency_key",
          List.of("ix_idempotency_key_expiry"));

  // ------------------------------------------------------------------ validation and idempotence

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void theMigratedSchemaValidatesAgainstTheEntities(TestDatabase db) {
    // TicketingPersistence sets hbm2ddl.auto=validate: opening the factory is the validation.
    EntityManagerFactory emf = TicketingPersistence.entityManagerFactory(db.start().dataSource());
    try {
      assertThat(emf.isOpen()).isTrue();
      assertThat(emf.getProperties()).containsEntry("hibernate.hbm2ddl.auto", "validate");
      var em = emf.createEntityManager();
      try {
        assertThat(
                em.createQuery("select count(t) from TicketEntity t", Long.class).getSingleResult())
            .isNotNegative();
      } finally {
        em.close();
      }
    } finally {
      emf.close();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void migrationsAreIdempotent(TestDatabase db) {
    DataSource ds = db.start().dataSource(); // migrated once already when the database started

    assertThat(TicketingSchema.migrate(ds)).isZero();
    assertThat(TicketingSchema.migrate(ds)).isZero();

    Flyway flyway = TicketingSchema.flyway(ds);
    assertThat(flyway.getConfiguration().getTable()).isEqualTo("ticketing_schema_history");
    assertThat(flyway.info().pending()).isEmpty();
    assertThat(versioned(flyway.info().applied())).hasSize(scripts(db));
    assertThat(flyway.info().current().getState().isApplied()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void everyListAndFilterHasItsIndex(TestDatabase db) throws SQLException {
    try (Connection c = db.start().dataSource().getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      for (var table : LIST_INDEXES.entrySet()) {
        Set<String> names = new TreeSet<>();
        String name =
            meta.storesUpperCaseIdentifiers()
                ? table.getKey().toUpperCase(Locale.ROOT)
                : table.getKey();
        try (ResultSet rs = meta.getIndexInfo(c.getCatalog(), c.getSchema(), name, false, false)) {
          while (rs.next()) {
            if (rs.getString("INDEX_NAME") != null) {
              names.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
            }
          }
        }
        assertThat(names)
            .as("indexes of %s on %s", table.getKey(), db)
            .containsAll(table.getValue());
      }
    }
  }

  // ------------------------------------------------------------------ beside a host's own Flyway

  /** A host's own migrations, as Java so that this test needs no script resources. */
  static final class V1__Host_users extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws SQLException {
      try (Statement s = context.getConnection().createStatement()) {
        s.execute(
            "create table host_user (id varchar(64) not null primary key, email varchar(200))");
      }
    }
  }

  static final class V2__Host_user_names extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws SQLException {
      try (Statement s = context.getConnection().createStatement()) {
        s.execute("alter table host_user add display_name varchar(200)");
      }
    }
  }

  private static Flyway hostFlyway(
      DataSource ds, boolean baselineOnMigrate, BaseJavaMigration... migrations) {
    return Flyway.configure()
        .dataSource(ds)
        .locations(
            "classpath:dev/ticketing/jpa/no-host-scripts") // the Java migrations are the host's
        // only ones
        .javaMigrations(migrations)
        .baselineOnMigrate(baselineOnMigrate)
        .baselineVersion(
            "0") // a baseline means "nothing of ours is here yet": every host script runs
        .load();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void ticketingMigrationsArriveInAHostSchemaThatFlywayAlreadyManages(TestDatabase db) {
    try (FreshDatabase fresh = FreshDatabase.create(db)) {
      // The host's schema, under the host's own Flyway history (default table
      // flyway_schema_history).
      assertThat(
              hostFlyway(fresh.dataSource, false, new V1__Host_users())
                  .migrate()
                  .migrationsExecuted)
          .isEqualTo(1);

      // Before the ticketing migrations ran, the entities do not validate: validation is really on.
      assertThatThrownBy(() -> TicketingPersistence.entityManagerFactory(fresh.dataSource).close())
          .hasStackTraceContaining("missing table")
          .hasStackTraceContaining("ticketing_");

      // The ticketing migrations: the schema is not empty, so they baseline their own history at 0.
      assertThat(TicketingSchema.migrate(fresh.dataSource)).isEqualTo(scripts(db));
      // The host goes on with its own history; neither sees the other's migrations.
      assertThat(
              hostFlyway(fresh.dataSource, false, new V1__Host_users(), new V2__Host_user_names())
                  .migrate()
                  .migrationsExecuted)
          .isEqualTo(1);
      assertThat(TicketingSchema.migrate(fresh.dataSource)).isZero();

      assertThat(
              descriptions(
                  hostFlyway(
                          fresh.dataSource, false, new V1__Host_users(), new V2__Host_user_names())
                      .info()
                      .applied()))
          .containsExactly("Host users", "Host user names");
      assertThat(
              hostFlyway(fresh.dataSource, false, new V1__Host_users(), new V2__Host_user_names())
                  .getConfiguration()
                  .getTable())
          .isEqualTo("flyway_schema_history");
      MigrationInfo[] ticketing = TicketingSchema.flyway(fresh.dataSource).info().applied();
      assertThat(versioned(ticketing))
          .hasSize(scripts(db))
          .allSatisfy(m -> assertThat(m.getDescription()).doesNotContain("Host"));
      assertThat(fresh.tables())
          .contains(
              "host_user",
              "flyway_schema_history",
              "ticketing_schema_history",
              "ticketing_ticket",
              "ticketing_outbox");

      EntityManagerFactory emf = TicketingPersistence.entityManagerFactory(fresh.dataSource);
      assertThat(emf.isOpen()).isTrue();
      emf.close();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aHostThatAdoptsFlywayLaterBaselinesBesideTheTicketingTables(TestDatabase db) {
    try (FreshDatabase fresh = FreshDatabase.create(db)) {
      // Ticketing first, into an empty schema: no baseline, every script runs.
      assertThat(TicketingSchema.migrate(fresh.dataSource)).isEqualTo(scripts(db));
      assertThat(TicketingSchema.flyway(fresh.dataSource).info().applied()).hasSize(scripts(db));

      // Flyway refuses any non-empty schema without its history table unless told to baseline
      // (a Flyway rule, not ours); with baselineOnMigrate the host's scripts run beside ours.
      assertThat(
              hostFlyway(fresh.dataSource, true, new V1__Host_users(), new V2__Host_user_names())
                  .migrate()
                  .migrationsExecuted)
          .isEqualTo(2);
      assertThat(TicketingSchema.migrate(fresh.dataSource)).isZero();
      assertThat(fresh.tables())
          .contains("host_user", "flyway_schema_history", "ticketing_schema_history");
    }
  }

  // ------------------------------------------------------------------ PostgreSQL trigram search

  @Test
  void postgresqlHasTheTrigramIndexes() {
    List<List<Object>> rows =
        Rows.query(
            TestDatabase.POSTGRESQL,
            "select indexname, indexdef from pg_indexes where indexname in"
                + " ('ix_ticket_title_trgm', 'ix_ticket_description_trgm', 'ix_comment_content_trgm') order by indexname");
    assertThat(rows)
        .extracting(r -> r.get(0))
        .containsExactly(
            "ix_comment_content_trgm", "ix_ticket_description_trgm", "ix_ticket_title_trgm");
    assertThat(rows)
        .extracting(r -> (String) r.get(1))
        .allSatisfy(
            def ->
                assertThat(def).contains("USING gin").contains("lower(").contains("gin_trgm_ops"));
  }

  /**
   * The store's own search SQL, captured as Hibernate sends it, explained with its parameters bound:
   * the customer's shape (title or description) uses the title and description trigram indexes; the
   * staff shape (also comment text, as a union of two arms) uses all three, for the page and for
   * its count.
   */
  @Test
  void postgresqlSearchUsesTheTrigramIndexes() throws SQLException {
    TestDatabase db = TestDatabase.POSTGRESQL;
    db.truncate();
    int tickets = 2000;
    fillWithRandomTickets(db.start().dataSource(), tickets);

    List<String> captured = Collections.synchronizedList(new ArrayList<>());
    StatementInspector inspector =
        sql -> {
          captured.add(sql);
          return sql;
        };
    EntityManagerFactory emf =
        TicketingPersistence.entityManagerFactory(
            db.start().dataSource(),
            Map.of("hibernate.session_factory.statement_inspector", inspector));
    try {
      JpaTicketStore store = JpaTicketStore.resourceLocal(emf);
      TicketFilter search = TicketFilter.builder().searchTerm("S3_Upload_Failed").build();
      for (CommentSearch comments : CommentSearch.values()) {
        TicketQuery query =
            new TicketQuery(
                VisibilityScope.EVERYTHING, search, comments, SortOrder.NEWEST_FIRST, null, 21);

        captured.clear();
        List<TicketRow> rows = store.list(query);
        String listSql = captured.get(0);
        captured.clear();
        long count = store.count(query);
        String countSql = captured.get(0);

        // Seeded: 3 tickets match by title, 3 by description, 3 by a public comment, 1 by an
        // internal note.
        int expected =
            switch (comments) {
              case NONE -> 6;
              case PUBLIC -> 9;
              case ALL -> 10;
            };
        assertThat(rows).hasSize(expected);
        assertThat(count).isEqualTo(expected);

        List<String> indexes =
            new ArrayList<>(List.of("ix_ticket_title_trgm", "ix_ticket_description_trgm"));
        if (comments != CommentSearch.NONE) {
          indexes.add("ix_comment_content_trgm");
        }
        for (String sql : List.of(listSql, countSql)) {
          String plan = explain(db.start().dataSource(), sql, "%s3!_upload!_failed%", 21);
          assertThat(plan).as("plan of %s search:%n%s%n%s", comments, sql, plan).contains(indexes);
        }
      }
    } finally {
      emf.close();
    }
  }

  /**
   * EXPLAIN of a captured statement, text parameters bound to the pattern and integer ones to the
   * limit, in a transaction of its own with {@code enable_seqscan} and {@code enable_indexscan}
   * off. On a table of a few thousand rows, walking the newest-first index until the page is full
   * and asking the trigram index cost about the same, so the planner's pick would be a coin flip
   * (at a million tickets it takes the trigram index: 3 ms against 860 ms for the walk). With
   * only bitmap scans left, the plan answers the question this test asks: can the trigram indexes
   * serve the statement the store sends? The old single-query staff search failed exactly that.
   */
  private static String explain(DataSource ds, String sql, String pattern, int limit)
      throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (Statement s = c.createStatement()) {
          s.execute("set local enable_seqscan = off");
          s.execute("set local enable_indexscan = off");
        }
        try (PreparedStatement ps = c.prepareStatement("explain " + sql)) {
          ParameterMetaData meta = ps.getParameterMetaData();
          for (int i = 1; i <= meta.getParameterCount(); i++) {
            String type = meta.getParameterTypeName(i);
            if (type.startsWith("int")) {
              ps.setInt(i, limit);
            } else {
              ps.setString(i, pattern);
            }
          }
          StringBuilder plan = new StringBuilder();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              plan.append(rs.getString(1)).append('\n');
            }
          }
          return plan.toString();
        }
      } finally {
        c.rollback();
      }
    }
  }

  /** Tickets with random words, two comments each, and a few matching "s3_upload_failed" in each place. */
  private static void fillWithRandomTickets(DataSource ds, int tickets) throws SQLException {
    java.util.Random random = new java.util.Random(42);
    Instant base = Instant.parse("2025-01-01T00:00:00Z");
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement t =
              c.prepareStatement(
                  "insert into ticketing_ticket (id, company_id, created_by, title,"
                      + " description, status, priority, category, created_at, updated_at, version,"
                      + " requester_id) values (?, ?, ?, ?, ?, 'OPEN', 'LOW', 'GENERAL', ?, ?, 0,"
                      + " 'requester')");
          PreparedStatement cm =
              c.prepareStatement(
                  "insert into ticketing_comment (id, ticket_id, author_id, content,"
                      + " internal, created_at, updated_at, company_id) values (?, ?, 'agent', ?,"
                      + " ?, ?, ?, ?)")) {
        for (int i = 0; i < tickets; i++) {
          String id = String.format("t%06d", i);
          String title = "Ticket " + word(random) + " " + word(random);
          String description =
              "Description " + word(random) + " " + word(random) + " " + word(random);
          if (i % 700 == 1) {
            title = "Error S3_UPLOAD_FAILED on " + word(random);
          } else if (i % 700 == 2) {
            description = "Logs say: s3_upload_failed, " + word(random);
          }
          Timestamp at = Timestamp.from(base.plusSeconds(i));
          t.setString(1, id);
          t.setString(2, "c" + (i % 20));
          t.setString(3, "u" + (i % 200));
          t.setString(4, title);
          t.setString(5, description);
          t.setTimestamp(6, at);
          t.setTimestamp(7, at);
          t.addBatch();
          for (int k = 0; k < 2; k++) {
            String content = "Comment " + word(random) + " " + word(random);
            boolean internal = k == 1;
            if (i % 700 == 3 && k == 0) {
              content = "Still S3_Upload_Failed here";
            } else if (i == 4 && internal) {
              content = "internal: s3_upload_failed is a quota problem";
            }
            cm.setString(1, id + "-" + k);
            cm.setString(2, id);
            cm.setString(3, content);
            cm.setBoolean(4, internal);
            cm.setTimestamp(5, at);
            cm.setTimestamp(6, at);
            cm.setString(7, "c" + (i % 20));
            cm.addBatch();
          }
          if (i % 500 == 499) {
            t.executeBatch();
            cm.executeBatch();
          }
        }
        t.executeBatch();
        cm.executeBatch();
      }
      c.commit();
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        // VACUUM as well as ANALYZE: it moves the rows just inserted out of the GIN indexes'
        // pending
        // lists, whose size the planner otherwise charges to every trigram index scan.
        s.execute("vacuum analyze ticketing_ticket");
        s.execute("vacuum analyze ticketing_comment");
      }
    }
  }

  private static String word(java.util.Random random) {
    return Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
  }

  // ------------------------------------------------------------------ helpers

  private static List<MigrationInfo> versioned(MigrationInfo[] applied) {
    // A baseline marker (version 0) is written when the schema held the host's tables already.
    return Arrays.stream(applied).filter(m -> !m.getType().isBaseline()).toList();
  }

  private static List<String> descriptions(MigrationInfo[] applied) {
    return Arrays.stream(applied).map(MigrationInfo::getDescription).toList();
  }

  // ------------------------------------------------------------------ V5: rows from before
  // per-channel delivery

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void outboxRowsFromBeforeV5AreDeliveredOncePerChannelUnderTheirOwnIds(TestDatabase db)
      throws SQLException {
    try (FreshDatabase fresh = FreshDatabase.create(db)) {
      // The schema as it was before V5, with rows its dispatchers wrote: one per recipient.
      org.flywaydb.core.api.MigrationVersion v5 =
          org.flywaydb.core.api.MigrationVersion.fromVersion("5");
      org.flywaydb.core.api.MigrationVersion previous =
          Arrays.stream(TicketingSchema.flyway(fresh.dataSource).info().all())
              .map(MigrationInfo::getVersion)
              .filter(v -> v != null && v.compareTo(v5) < 0)
              .max(java.util.Comparator.naturalOrder())
              .orElseThrow();
      Flyway before =
          Flyway.configure()
              .configuration(TicketingSchema.flyway(fresh.dataSource).getConfiguration())
              .target(previous)
              .load();
      long fromV5 =
          Arrays.stream(TicketingSchema.flyway(fresh.dataSource).info().all())
              .filter(m -> m.getVersion() != null && m.getVersion().compareTo(v5) >= 0)
              .count();
      assertThat(before.migrate().migrationsExecuted).isEqualTo(scripts(db) - (int) fromV5);
      String at =
          db == TestDatabase.MARIADB
              ? "'2026-01-05 10:00:00'"
              : "timestamp with time zone '2026-01-05 10:00:00+00'";
      try (Connection c = fresh.dataSource.getConnection();
          Statement s = c.createStatement()) {
        for (String[] row :
            List.of(
                new String[] {"legacy-pending", "PENDING", "2", "null", "'smtp down'"},
                new String[] {"legacy-dead", "DEAD", "10", "null", "'smtp 550'"},
                new String[] {"legacy-done", "DELIVERED", "1", at, "null"})) {
          s.executeUpdate(
              "insert into ticketing_outbox (id, template, recipient_id, ticket_id, comment_id, actor_id,"
                  + " occurred_at, state, attempts, next_attempt_at, last_error, lease_owner, lease_until, delivered_at)"
                  + " values ('"
                  + row[0]
                  + "', 'ticket-created', 'admin', 't-legacy', null, 'john', "
                  + at
                  + ", '"
                  + row[1]
                  + "', "
                  + row[2]
                  + ", "
                  + at
                  + ", "
                  + row[4]
                  + ", null, null, "
                  + row[3]
                  + ")");
          s.executeUpdate(
              "insert into ticketing_outbox_data (notification_id, data_name, data_value) values ('"
                  + row[0]
                  + "', 'ticketTitle', 'Printer on fire')");
        }
      }

      assertThat(TicketingSchema.migrate(fresh.dataSource))
          .as("V5 and what follows it")
          .isEqualTo((int) fromV5);
      try (Connection c = fresh.dataSource.getConnection();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "select id, channel, notification_id, recipient_id, recipients, state"
                      + " from ticketing_outbox order by id")) {
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(
              Arrays.asList(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6)));
        }
        assertThat(rows)
            .containsExactly(
                Arrays.asList("legacy-dead", "recipients", "legacy-dead", "admin", null, "DEAD"),
                Arrays.asList(
                    "legacy-done", "recipients", "legacy-done", "admin", null, "DELIVERED"),
                Arrays.asList(
                    "legacy-pending", "recipients", "legacy-pending", "admin", null, "PENDING"));
      }

      EntityManagerFactory emf = TicketingPersistence.entityManagerFactory(fresh.dataSource);
      try {
        JpaTicketStore store = JpaTicketStore.resourceLocal(emf);
        MutableClock clock = MutableClock.frozen(Instant.parse("2026-01-06T00:00:00Z"));
        List<dev.ticketing.spi.Delivery> delivered =
            java.util.Collections.synchronizedList(new ArrayList<>());
        dev.ticketing.spi.Notifier recording =
            new dev.ticketing.spi.Notifier() {
              @Override
              public void deliver(dev.ticketing.spi.Notification n) {
                throw new AssertionError("channels get deliveries");
              }

              @Override
              public void deliver(dev.ticketing.spi.Delivery d) {
                delivered.add(d);
              }
            };
        dev.ticketing.notification.OutboxDispatcher dispatcher =
            dev.ticketing.notification.OutboxDispatcher.builder(store.outbox())
                .channel("mail", recording)
                .channel("push", recording)
                .clock(clock)
                .build();

        assertThat(dispatcher.drain())
            .as("the pending row resolved, then one delivery per channel")
            .isEqualTo(3);
        assertThat(delivered)
            .extracting(dev.ticketing.spi.Delivery::channel)
            .containsExactlyInAnyOrder("mail", "push");
        assertThat(delivered)
            .allSatisfy(
                d -> {
                  assertThat(d.notification().id())
                      .as("receivers saw this id before")
                      .isEqualTo("legacy-pending");
                  assertThat(d.notification().recipientId()).isEqualTo("admin");
                  assertThat(d.notification().data())
                      .containsEntry("ticketTitle", "Printer on fire");
                  assertThat(d.id())
                      .isEqualTo(
                          dev.ticketing.notification.DeliveryIds.deliveryId(
                              "legacy-pending", d.channel()));
                });

        // The dead one is a dead letter of the recipients stage; re-driven, it goes out on each
        // channel once.
        assertThat(dispatcher.deadLetters(10))
            .singleElement()
            .satisfies(
                e -> {
                  assertThat(e.id()).isEqualTo("legacy-dead");
                  assertThat(e.channel()).isEqualTo(dev.ticketing.spi.OutboxStore.RECIPIENTS);
                  assertThat(e.lastError()).isEqualTo("smtp 550");
                });
        delivered.clear();
        assertThat(dispatcher.redrive("legacy-dead")).isTrue();
        dispatcher.drain();
        assertThat(delivered)
            .extracting(d -> d.notification().id())
            .containsExactly("legacy-dead", "legacy-dead");
        assertThat(delivered)
            .extracting(dev.ticketing.spi.Delivery::channel)
            .containsExactlyInAnyOrder("mail", "push");

        // The delivered one was never sent again and goes with the next purge.
        delivered.clear();
        assertThat(dispatcher.drain()).isZero();
        assertThat(delivered).isEmpty();
        assertThat(store.outbox().pendingCount()).isZero();
        assertThat(store.outbox().deadCount()).isZero();
        clock.advance(java.time.Duration.ofMinutes(1));
        assertThat(dispatcher.purgeDelivered(java.time.Duration.ZERO))
            .as("3 old rows and 4 deliveries")
            .isEqualTo(7);
      } finally {
        emf.close();
      }
    }
  }

  /** An empty database (PostgreSQL, MariaDB) or in-memory H2 of its own, dropped at close. */
  private static final class FreshDatabase implements AutoCloseable {
    private final TestDatabase db;
    private final String name;
    final HikariDataSource dataSource;

    private FreshDatabase(TestDatabase db, String name, HikariDataSource dataSource) {
      this.db = db;
      this.name = name;
      this.dataSource = dataSource;
    }

    static FreshDatabase create(TestDatabase db) {
      HikariDataSource shared = db.start().dataSource();
      String shape = shared.getJdbcUrl();
      int slash = shape.lastIndexOf('/');
      int query = shape.indexOf('?', slash);
      // Named after the test database, so runs pointed at other test databases do not meet here.
      String name =
          (query < 0 ? shape.substring(slash + 1) : shape.substring(slash + 1, query))
              + "_schema_it";
      String url;
      if (db == TestDatabase.H2) {
        url =
            "jdbc:h2:mem:schema_it_"
                + UUID.randomUUID().toString().replace("-", "")
                + ";DB_CLOSE_DELAY=-1";
      } else {
        run(
            shared,
            db == TestDatabase.POSTGRESQL
                ? "drop database if exists " + name + " with (force)"
                : "drop database if exists " + name);
        run(
            shared,
            db == TestDatabase.POSTGRESQL
                ? "create database " + name
                : "create database " + name + " character set utf8mb4 collate utf8mb4_bin");
        url = shape.substring(0, slash + 1) + name + (query < 0 ? "" : shape.substring(query));
      }
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setUsername(shared.getUsername());
      config.setPassword(shared.getPassword());
      config.setMaximumPoolSize(2);
      config.setPoolName("ticketing-schema-it-" + db.name().toLowerCase(Locale.ROOT));
      return new FreshDatabase(db, name, new HikariDataSource(config));
    }

    /** Table names in the database's current schema, lower case. */
    Set<String> tables() {
      try (Connection c = dataSource.getConnection();
          ResultSet rs =
              c.getMetaData()
                  .getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
        Set<String> out = new TreeSet<>();
        while (rs.next()) {
          out.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
        }
        return out;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      if (db == TestDatabase.H2) {
        run(dataSource, "drop all objects");
      }
      dataSource.close();
      if (db != TestDatabase.H2) {
        run(
            db.start().dataSource(),
            db == TestDatabase.POSTGRESQL
                ? "drop database if exists " + name + " with (force)"
                : "drop database if exists " + name);
      }
    }

    private static void run(DataSource ds, String sql) {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot run " + sql, e);
      }
    }
  }
}
