package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CommentView;
import dev.ticketing.ConflictException;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.ExternalNote;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.StoreUnavailableException;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingException;
import dev.ticketing.UpdateTicket;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.testsupport.FaultyDataSource;
import dev.ticketing.testsupport.FaultyDataSource.Fault;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.Race;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 3's "bad input and faults" on real servers, through the whole service: a connection lost
 * in the middle of a unit of work, two application instances changing one ticket (one waits for the
 * other; a write built on a stale read is a conflict),
 * constraint violations and a burst of concurrent writers on one ticket all surface as the core's
 * coded exceptions, and nothing is ever half-written (row counts by plain JDBC).
 */
class FaultsIT {

  private static final String COMPANY = "acme";
  private static final Actor CUSTOMER = Actor.customer("customer-1", COMPANY);
  private static final Actor ADMIN = Actor.admin("admin-1");
  private static final String AGENT_ID = "agent-1";
  private static final InMemoryDirectory DIRECTORY =
      InMemoryDirectory.builder()
          .company(COMPANY, "Acme", "support@acme.test")
          .user(CUSTOMER.id(), "Cora", "Customer", "cora@acme.test", Role.CUSTOMER)
          .user(AGENT_ID, "Al", "Agent", "al@support.test", Role.AGENT)
          .user(ADMIN.id(), "Ada", "Admin", "ada@support.test", Role.ADMIN)
          .build();

  /** Hibernate's SQL for the statements the faults hit (table names end at a word boundary). */
  private static final String AUDIT_INSERT = "^\\s*insert\\s+into\\s+ticketing_audit_entry\\b";

  private static final String OUTBOX_INSERT = "^\\s*insert\\s+into\\s+ticketing_outbox\\b";

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  static Stream<Arguments> databasesAndFaults() {
    return Stream.of(TestDatabase.POSTGRESQL, TestDatabase.MARIADB)
        .flatMap(db -> Stream.of(Fault.values()).map(f -> Arguments.of(db, f)));
  }

  // ------------------------------------------------------------------ lost connection

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("databasesAndFaults")
  void connectionLostAtTheAuditInsertOfCreateTicketWritesNothing(TestDatabase db, Fault fault) {
    db.truncate();
    Faulty app = faultyInstance(db);
    TicketService service = service(app.instance().store());
    service.createTicket(CUSTOMER, CreateTicket.of("Before the fault", "Works", COMPANY));
    Map<String, Long> before = Rows.counts(db);

    app.faults().arm(AUDIT_INSERT, fault);
    assertUnavailable(
        () ->
            service.createTicket(
                CUSTOMER, CreateTicket.of("Lost", "The connection goes", COMPANY)));
    assertThat(app.faults().fired()).isEqualTo(1);
    assertThat(Rows.counts(db))
        .as("nothing of the ticket, its audit entry or its notification")
        .isEqualTo(before);

    // The pool recovers; the same call succeeds now.
    TicketView created =
        service.createTicket(CUSTOMER, CreateTicket.of("Lost", "The connection goes", COMPANY));
    assertThat(Rows.number(db, "select count(*) from ticketing_ticket where id = ?", created.id()))
        .isEqualTo(1);
    assertThat(
            Rows.number(
                db, "select count(*) from ticketing_audit_entry where ticket_id = ?", created.id()))
        .isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("databasesAndFaults")
  void connectionLostAtTheOutboxInsertOfAddCommentWritesNothing(TestDatabase db, Fault fault) {
    db.truncate();
    Faulty app = faultyInstance(db);
    TicketService service = service(app.instance().store());
    TicketView ticket =
        service.createTicket(CUSTOMER, CreateTicket.of("Printer", "Jammed", COMPANY));
    Map<String, Long> before = Rows.counts(db);

    app.faults().arm(OUTBOX_INSERT, fault);
    // A staff reply notifies the owner: comment, audit entry and outbox row in one unit of work.
    assertUnavailable(
        () ->
            service.addComment(
                ADMIN, new AddComment(ticket.id(), "Try turning it off and on", false)));
    assertThat(app.faults().fired()).isEqualTo(1);
    assertThat(Rows.counts(db)).isEqualTo(before);

    CommentView comment =
        service.addComment(ADMIN, new AddComment(ticket.id(), "Try turning it off and on", false));
    assertThat(Rows.number(db, "select count(*) from ticketing_comment where id = ?", comment.id()))
        .isEqualTo(1);
    assertThat(
            Rows.number(
                db, "select count(*) from ticketing_outbox where comment_id = ?", comment.id()))
        .isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("databasesAndFaults")
  void connectionLostAfterTheTicketUpdateWasSentRollsTheUpdateBack(TestDatabase db, Fault fault) {
    db.truncate();
    Faulty app = faultyInstance(db);
    TicketService service = service(app.instance().store());
    TicketView ticket =
        service.createTicket(CUSTOMER, CreateTicket.of("Printer", "Jammed", COMPANY));
    Map<String, Long> before = Rows.counts(db);

    // The store flushes the ticket update at once (version check); the audit insert follows at
    // commit.
    app.faults().arm(AUDIT_INSERT, fault);
    assertUnavailable(
        () -> service.changeStatus(ADMIN, new ChangeStatus(ticket.id(), Status.RESOLVED)));
    assertThat(app.faults().fired()).isEqualTo(1);
    assertThat(Rows.counts(db)).isEqualTo(before);
    assertThat(
            Rows.query(
                db,
                "select status, version, resolved_at from ticketing_ticket where id = ?",
                ticket.id()))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get(0)).isEqualTo("OPEN");
              assertThat(((Number) row.get(1)).longValue()).isZero();
              assertThat(row.get(2)).isNull();
            });
    assertThat(
            service.changeStatus(ADMIN, new ChangeStatus(ticket.id(), Status.RESOLVED)).version())
        .isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(names = {"POSTGRESQL", "MARIADB"})
  void anUnreachableDatabaseIsUnavailableAndTheServiceRecovers(TestDatabase db) {
    db.truncate();
    Faulty app = faultyInstance(db);
    TicketService service = service(app.instance().store());
    TicketView ticket =
        service.createTicket(CUSTOMER, CreateTicket.of("Printer", "Jammed", COMPANY));
    Map<String, Long> before = Rows.counts(db);

    // Every unit of work asks the data source for its connection: now none comes.
    app.faults().unreachable();
    try {
      assertUnavailable(
          () -> service.addComment(ADMIN, new AddComment(ticket.id(), "Nobody hears this", false)));
      assertUnavailable(
          () ->
              service.createTicket(
                  CUSTOMER, CreateTicket.of("Down", "The database is down", COMPANY)));
    } finally {
      app.faults().disarm();
    }
    assertThat(app.faults().fired()).isPositive();
    assertThat(Rows.counts(db)).isEqualTo(before);
    service.addComment(ADMIN, new AddComment(ticket.id(), "Back again", false));
  }

  // ------------------------------------------------------------------ optimistic locking

  @ParameterizedTest
  @EnumSource(names = {"POSTGRESQL", "MARIADB"})
  void aStaleRecordFromAnotherInstanceIsAConflictAndChangesNothing(TestDatabase db) {
    db.truncate();
    AppInstance one = instance(db);
    AppInstance two = instance(db);
    TicketService service1 = service(one.store());
    TicketView ticket =
        service1.createTicket(CUSTOMER, CreateTicket.of("Shared", "Edited twice", COMPANY));
    TicketRecord stale = two.store().findTicket(ticket.id()).orElseThrow();
    assertThat(stale.version()).isZero();
    service1.updateTicket(
        ADMIN, new UpdateTicket(ticket.id(), "Changed by instance 1", null, null, null));

    JpaTicketStore store2 = two.store();
    Throwable thrown =
        catchThrowable(
            () ->
                store2.inTransaction(
                    () -> {
                      store2.updateTicket(
                          stale
                              .edit()
                              .title("Changed by instance 2")
                              .updatedAt(Instant.now())
                              .build());
                      store2.appendAudit(
                          new AuditEntry(
                              "audit-of-2",
                              ticket.id(),
                              AuditAction.UPDATED,
                              ADMIN.id(),
                              Role.ADMIN,
                              Instant.now(),
                              List.of()));
                      return null;
                    }));
    assertConflict(thrown, ticket.id());
    assertTicketRow(db, ticket.id(), "Changed by instance 1", 1);
    assertThat(
            Rows.number(db, "select count(*) from ticketing_audit_entry where id = 'audit-of-2'"))
        .isZero();
  }

  @ParameterizedTest
  @EnumSource(names = {"POSTGRESQL", "MARIADB"})
  void aChangeOfAnotherInstanceWaitsForTheChangeHoldingTheTicketAndLosesNothing(TestDatabase db)
      throws Exception {
    db.truncate();
    AppInstance one = instance(db);
    AppInstance two = instance(db);
    TicketService service1 = service(one.store());
    // Instance 2's clock lets the test act at the moment the service has read the ticket for its
    // change and is about to write it: the first clock reading of an update comes after the read.
    MutableClock clock2 = MutableClock.followingSystemTime();
    TicketService service2 = service(two.store(), clock2);
    TicketView ticket =
        service1.createTicket(CUSTOMER, CreateTicket.of("Shared", "Edited twice", COMPANY));

    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      List<Future<TicketView>> first = new ArrayList<>();
      clock2.beforeNextReading(
          () ->
              first.add(
                  other.submit(
                      () ->
                          service1.updateTicket(
                              ADMIN,
                              new UpdateTicket(
                                  ticket.id(),
                                  "Changed by instance 1",
                                  null,
                                  Priority.URGENT,
                                  null)))));
      TicketView second =
          service2.updateTicket(
              ADMIN, new UpdateTicket(ticket.id(), "Changed by instance 2", null, null, null));
      assertThat(second.version()).isEqualTo(1);
      // Instance 1's change waited for instance 2's to commit, then applied on top of it.
      TicketView waited = first.get(0).get(30, TimeUnit.SECONDS);
      assertThat(waited.version()).isEqualTo(2);
      assertThat(waited.priority()).isEqualTo(Priority.URGENT);
      assertTicketRow(db, ticket.id(), "Changed by instance 1", 2);
      assertThat(
              Rows.number(
                  db,
                  "select count(*) from ticketing_audit_entry where ticket_id = ? and action = 'UPDATED'",
                  ticket.id()))
          .as("both updates are audited")
          .isEqualTo(2);

      // Code that reads the ticket without holding it (a host's own code on the store): the version
      // column catches what the read missed.
      JpaTicketStore store2 = two.store();
      Throwable inStore =
          catchThrowable(
              () ->
                  store2.inTransaction(
                      () -> {
                        TicketRecord read = store2.findTicket(ticket.id()).orElseThrow();
                        run(
                            other,
                            () ->
                                service1.updateTicket(
                                    ADMIN,
                                    new UpdateTicket(ticket.id(), null, "Moved on", null, null)));
                        return store2.updateTicket(
                            read.edit().title("Changed by instance 2").build());
                      }));
      assertConflict(inStore, ticket.id());
      assertTicketRow(db, ticket.id(), "Changed by instance 1", 3);

      // Retryable means retryable: the same call now reads the new version and succeeds.
      TicketView retried =
          service2.updateTicket(
              ADMIN, new UpdateTicket(ticket.id(), "Changed by instance 2", null, null, null));
      assertThat(retried.version()).isEqualTo(4);
      assertThat(retried.priority())
          .as("instance 1's change is not lost")
          .isEqualTo(Priority.URGENT);
      assertTicketRow(db, ticket.id(), "Changed by instance 2", 4);
    } finally {
      other.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ constraint violations

  @ParameterizedTest
  @EnumSource(names = {"POSTGRESQL", "MARIADB"})
  void constraintViolationsAreCodedAndTheirUnitOfWorkLeavesNoTrace(TestDatabase db) {
    db.truncate();
    JpaTicketStore store = db.newStore();
    TicketService service = service(store);
    TicketView ticket =
        service.createTicket(CUSTOMER, CreateTicket.of("Existing", "Ticket", COMPANY));
    service.recordExternalNote(
        ADMIN, new ExternalNote("ext-1", ticket.id(), "From the host", null, false));
    Map<String, Long> before = Rows.counts(db);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    TicketRecord fresh =
        new TicketRecord(
            "fresh-ticket",
            COMPANY,
            CUSTOMER.id(),
            "Fresh",
            "Written first",
            Status.OPEN,
            Priority.LOW,
            dev.ticketing.Category.GENERAL,
            null,
            now,
            now,
            null,
            null,
            null,
            null,
            null,
            0);

    // A foreign key: a comment on a ticket that does not exist, after valid writes in the same
    // unit.
    Throwable fk =
        catchThrowable(
            () ->
                store.inTransaction(
                    () -> {
                      store.insertTicket(fresh);
                      store.appendAudit(
                          new AuditEntry(
                              "audit-fresh",
                              fresh.id(),
                              AuditAction.CREATED,
                              CUSTOMER.id(),
                              Role.CUSTOMER,
                              now,
                              List.of()));
                      store.insertComment(
                          new CommentRecord(
                              "orphan",
                              "no-such-ticket",
                              ADMIN.id(),
                              "Orphan",
                              false,
                              null,
                              now,
                              now));
                      return null;
                    }));
    assertCoded(fk);
    assertThat(Rows.counts(db)).isEqualTo(before);

    // A unique key: the host's note id recorded twice.
    Throwable unique =
        catchThrowable(
            () ->
                store.inTransaction(
                    () -> {
                      store.insertComment(
                          new CommentRecord(
                              "dup-note",
                              ticket.id(),
                              ADMIN.id(),
                              "Again",
                              false,
                              "ext-1",
                              now,
                              now));
                      store.appendAudit(
                          new AuditEntry(
                              "audit-dup",
                              ticket.id(),
                              AuditAction.TICKET_COMMENT_ADDED,
                              ADMIN.id(),
                              Role.ADMIN,
                              now,
                              List.of()));
                      return null;
                    }));
    assertCoded(unique);
    assertThat(Rows.counts(db)).isEqualTo(before);

    // A primary key: a ticket id that is taken.
    Throwable pk =
        catchThrowable(
            () ->
                store.inTransaction(
                    () -> {
                      store.insertTicket(
                          new TicketRecord(
                              ticket.id(),
                              COMPANY,
                              CUSTOMER.id(),
                              "Clash",
                              "Same id",
                              Status.OPEN,
                              Priority.LOW,
                              dev.ticketing.Category.GENERAL,
                              null,
                              now,
                              now,
                              null,
                              null,
                              null,
                              null,
                              null,
                              0));
                      return null;
                    }));
    assertCoded(pk);
    assertThat(Rows.counts(db)).isEqualTo(before);
    assertTicketRow(db, ticket.id(), "Existing", 0);

    // The store is usable afterwards, on the same pool.
    store.inTransaction(
        () -> {
          store.insertTicket(fresh);
          return null;
        });
    assertThat(store.findTicket(fresh.id())).isPresent();
  }

  /**
   * The host's webhook fires the same note several times at once: the unique key on the external id
   * decides, the losers' violation is a retryable conflict, and their retry finds the winner's note.
   */
  @ParameterizedTest
  @EnumSource(names = {"POSTGRESQL", "MARIADB"})
  void aNoteDeliveredManyTimesAtOnceIsRecordedOnce(TestDatabase db) throws Exception {
    db.truncate();
    TicketService service = service(db.newStore());
    TicketView ticket =
        service.createTicket(CUSTOMER, CreateTicket.of("Webhook", "Fires twice", COMPANY));
    long outboxBefore = Rows.number(db, "select count(*) from ticketing_outbox");
    Set<String> ids = new java.util.HashSet<>();
    for (Race.Outcome<CommentView> o :
        Race.run(
            8,
            i ->
                () ->
                    service.recordExternalNote(
                        ADMIN,
                        new ExternalNote(
                            "hasura-note-1", ticket.id(), "Recorded elsewhere", null, false)))) {
      assertThat(o.failure()).as(o.stackTrace()).isNull();
      ids.add(o.value().id());
    }
    assertThat(ids).hasSize(1);
    String commentId = ids.iterator().next();
    assertThat(Rows.number(db, "select count(*) from ticketing_comment")).isEqualTo(1);
    assertThat(
            Rows.number(
                db,
                "select count(*) from ticketing_audit_entry where action = 'TICKET_COMMENT_ADDED'"))
        .isEqualTo(1);
    assertThat(
            Rows.number(
                db,
                "select count(*) from ticketing_outbox where comment_id is not null and comment_id <> ?",
                commentId))
        .isZero();
    long notified = Rows.number(db, "select count(*) from ticketing_outbox") - outboxBefore;
    assertThat(notified).as("one notification request, recorded once").isOne();
    assertThat(
            Rows.query(
                db, "select recipients from ticketing_outbox where comment_id = ?", commentId))
        .extracting(r -> r.get(0))
        .containsExactly("owner:" + CUSTOMER.id());
  }

  // ------------------------------------------------------------------ concurrent writers

  private enum Op {
    STATUS,
    ASSIGN,
    UNASSIGN,
    EDIT,
    PUBLIC_REPLY,
    INTERNAL_NOTE,
    CUSTOMER_REPLY,
    STATUS_2
  }

  private record Outcome(Op op, @Nullable Object result, @Nullable Throwable failure) {}

  /**
   * 32 writers released together on one ticket, in rounds that start from statuses where a
   * customer's reply triggers an automation (which updates the ticket row, so comments race the
   * version too).
   */
  @ParameterizedTest
  @EnumSource(names = {"POSTGRESQL", "MARIADB"})
  void thirtyTwoConcurrentWritersOnOneTicketLoseNothing(TestDatabase db) throws Exception {
    db.truncate();
    TicketService service = service(db.newStore());
    TicketView ticket =
        service.createTicket(CUSTOMER, CreateTicket.of("Busy", "Everyone at once", COMPANY));
    String id = ticket.id();
    List<String> commentIds = new ArrayList<>();
    Map<String, Long> summary = new TreeMap<>();
    for (Status start :
        List.of(
            Status.OPEN,
            Status.WAITING_FOR_CUSTOMER,
            Status.RESOLVED,
            Status.WAITING_FOR_CUSTOMER)) {
      moveTo(service, id, start);
      commentIds.addAll(concurrentRound(service, id, summary));
    }
    System.out.println("32 concurrent writers x 4 rounds on " + db + ": " + summary);

    // Every comment stored exactly once.
    assertThat(
            Rows.query(db, "select id from ticketing_comment where ticket_id = ?", id).stream()
                .map(r -> (String) r.get(0))
                .toList())
        .containsExactlyInAnyOrderElementsOf(commentIds);
    assertThat(
            Rows.number(
                db,
                "select count(*) from ticketing_audit_entry where ticket_id = ?"
                    + " and action = 'TICKET_COMMENT_ADDED'",
                id))
        .isEqualTo(commentIds.size());

    // No lost update: each committed change of the row moved the version once and has its audit
    // entry.
    Map<AuditAction, Long> actions = new EnumMap<>(AuditAction.class);
    for (List<Object> row :
        Rows.query(
            db,
            "select action, count(*) from ticketing_audit_entry where ticket_id = ?"
                + " group by action",
            id)) {
      actions.put(AuditAction.valueOf((String) row.get(0)), ((Number) row.get(1)).longValue());
    }
    long rowChanges =
        actions.entrySet().stream()
            .filter(
                e ->
                    !Set.of(
                            AuditAction.CREATED,
                            AuditAction.TICKET_COMMENT_ADDED,
                            AuditAction.ATTACHMENT_ADDED)
                        .contains(e.getKey()))
            .mapToLong(Map.Entry::getValue)
            .sum();
    assertThat(actions.get(AuditAction.CREATED)).isEqualTo(1);
    assertThat(Rows.number(db, "select version from ticketing_ticket where id = ?", id))
        .as("version vs audit entries %s", actions)
        .isEqualTo(rowChanges);
    // The row the service reports is the row in the database.
    TicketView last = service.ticket(ADMIN, id).ticket();
    assertThat(last.version()).isEqualTo(rowChanges);
  }

  /** One round: 32 writers released together; returns the ids of the comments added. */
  private static List<String> concurrentRound(
      TicketService service, String id, Map<String, Long> summary) throws Exception {
    List<Status> targets =
        List.of(Status.IN_PROGRESS, Status.WAITING_FOR_CUSTOMER, Status.RESOLVED, Status.REOPENED);
    int writers = 32;
    List<Op> ops = new ArrayList<>();
    List<Callable<Object>> calls = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      Op op = Op.values()[i % Op.values().length];
      int k = i / Op.values().length;
      Callable<Object> call =
          switch (op) {
            case STATUS ->
                () -> service.changeStatus(ADMIN, new ChangeStatus(id, targets.get(k % 4)));
            case STATUS_2 ->
                () -> service.changeStatus(ADMIN, new ChangeStatus(id, targets.get((k + 2) % 4)));
            case ASSIGN -> () -> service.assignTicket(ADMIN, new AssignTicket(id, AGENT_ID));
            case UNASSIGN -> () -> service.assignTicket(ADMIN, new AssignTicket(id, null));
            case EDIT ->
                () ->
                    service.updateTicket(
                        ADMIN,
                        new UpdateTicket(
                            id,
                            "Edit " + k + " " + System.nanoTime(),
                            null,
                            Priority.values()[k % Priority.values().length],
                            null));
            case PUBLIC_REPLY ->
                () -> service.addComment(ADMIN, new AddComment(id, "Staff reply " + k, false));
            case INTERNAL_NOTE ->
                () -> service.addComment(ADMIN, new AddComment(id, "Internal note " + k, true));
            case CUSTOMER_REPLY ->
                () ->
                    service.addComment(CUSTOMER, new AddComment(id, "Customer reply " + k, false));
          };
      ops.add(op);
      calls.add(call);
    }
    List<Outcome> outcomes =
        Race.run(writers, calls::get).stream()
            .map(o -> new Outcome(ops.get(o.racer()), o.value(), o.failure()))
            .toList();
    outcomes.forEach(o -> summary.merge(o.op() + ":" + Race.ending(o.failure()), 1L, Long::sum));

    List<Outcome> comments =
        outcomes.stream()
            .filter(
                o ->
                    o.op() == Op.PUBLIC_REPLY
                        || o.op() == Op.INTERNAL_NOTE
                        || o.op() == Op.CUSTOMER_REPLY)
            .toList();
    assertThat(comments)
        .as("no comment fails because of concurrent activity (so far: %s)", summary)
        .allSatisfy(o -> assertThat(o.failure()).isNull());
    Set<ErrorCode> allowed =
        Set.of(ErrorCode.CONFLICT, ErrorCode.INVALID_TRANSITION, ErrorCode.INVALID_STATE);
    assertThat(outcomes)
        .as("failures are conflicts or legal refusals only (so far: %s)", summary)
        .allSatisfy(
            o -> {
              if (o.failure() != null) {
                assertThat(o.failure()).isInstanceOf(TicketingException.class);
                assertThat(((TicketingException) o.failure()).code()).isIn(allowed);
                if (o.failure() instanceof ConflictException c) {
                  assertThat(c.retryable()).isTrue();
                }
              }
            });
    return comments.stream().map(o -> ((CommentView) o.result()).id()).toList();
  }

  /** Walks the ticket to {@code target} by legal transitions (never through CLOSED or CANCELLED). */
  private static void moveTo(TicketService service, String id, Status target) {
    for (int step = 0; step < 5; step++) {
      Status now = service.ticket(ADMIN, id).ticket().status();
      if (now == target) {
        return;
      }
      Status next =
          switch (target) {
            case OPEN ->
                throw new IllegalStateException("a ticket never returns to OPEN; it is " + now);
            case RESOLVED -> Status.RESOLVED;
            case WAITING_FOR_CUSTOMER ->
                switch (now) {
                  case IN_PROGRESS -> Status.WAITING_FOR_CUSTOMER;
                  case RESOLVED -> Status.REOPENED;
                  default -> Status.IN_PROGRESS;
                };
            default -> throw new IllegalArgumentException("no route to " + target);
          };
      service.changeStatus(ADMIN, new ChangeStatus(id, next));
    }
    throw new IllegalStateException("could not move " + id + " to " + target);
  }

  // ------------------------------------------------------------------ helpers

  private record Faulty(AppInstance instance, FaultyDataSource faults) {}

  private Faulty faultyInstance(TestDatabase db) {
    AtomicReference<FaultyDataSource> faults = new AtomicReference<>();
    AppInstance app =
        AppInstance.start(
            db,
            2,
            ds -> {
              FaultyDataSource f = FaultyDataSource.over(ds, db.start().dataSource());
              faults.set(f);
              return f.dataSource();
            });
    toClose.add(app);
    return new Faulty(app, faults.get());
  }

  private AppInstance instance(TestDatabase db) {
    AppInstance app = AppInstance.start(db, 2);
    toClose.add(app);
    return app;
  }

  private TicketService service(TicketStore store) {
    return service(store, Clock.systemUTC());
  }

  private TicketService service(TicketStore store, Clock clock) {
    Ticketing ticketing =
        Ticketing.builder()
            .store(store)
            .directory(DIRECTORY)
            .clock(clock)
            .backgroundDispatch(false)
            .build();
    toClose.add(ticketing);
    return ticketing.service();
  }

  private static void assertUnavailable(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StoreUnavailableException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
              assertThat(e.retryable()).isTrue();
              // Reset, killed session (PostgreSQL 57P01, MariaDB 08000) and no connection alike say
              // what happened.
              assertThat(e.getMessage()).startsWith("lost the connection to the database");
            });
  }

  private static void assertConflict(@Nullable Throwable thrown, String ticketId) {
    assertThat(thrown)
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
              assertThat(e.retryable()).isTrue();
              assertThat(e.ticketId()).isEqualTo(ticketId);
            });
  }

  private static void assertCoded(@Nullable Throwable thrown) {
    assertThat(thrown).isInstanceOf(TicketingException.class);
    assertThat(((TicketingException) thrown).code())
        .isIn(ErrorCode.CONFLICT, ErrorCode.UNAVAILABLE);
  }

  private static void assertTicketRow(TestDatabase db, String id, String title, long version) {
    assertThat(Rows.query(db, "select title, version from ticketing_ticket where id = ?", id))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get(0)).isEqualTo(title);
              assertThat(((Number) row.get(1)).longValue()).isEqualTo(version);
            });
  }

  /** Runs {@code work} on {@code other} and waits for it: a second instance acting meanwhile. */
  private static void run(ExecutorService other, Runnable work) {
    try {
      other.submit(work).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the other instance failed", e);
    }
  }
}
