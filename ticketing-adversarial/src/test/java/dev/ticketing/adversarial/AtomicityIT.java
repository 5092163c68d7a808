package dev.ticketing.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AuditAction;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.ExternalNote;
import dev.ticketing.Priority;
import dev.ticketing.RequestUpload;
import dev.ticketing.StoreUnavailableException;
import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.UpdateTicket;
import dev.ticketing.UploadUrl;
import dev.ticketing.testsupport.FaultyDataSource;
import dev.ticketing.testsupport.FaultyDataSource.Fault;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Atomicity of every write that ticketing-jpa's FaultsIT does not cover (it covers create, comment
 * and status change): update, assign, delete, restore, purge, confirm attachment, external note and
 * bulk resolve. A failure is injected after the ticket write — the audit insert fails, the outbox
 * insert fails (for the writes that notify), the server kills the connection — and leaves neither
 * the change nor its audit entry nor its outbox row: the whole database is compared value by value,
 * object storage is not touched, and the same call succeeds once the fault is gone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AtomicityIT {

  private static final String AUDIT_INSERT = "^\\s*insert\\s+into\\s+ticketing_audit_entry\\b";
  private static final String OUTBOX_INSERT = "^\\s*insert\\s+into\\s+ticketing_outbox\\b";

  /** What a case sets up with a healthy service and hands to the call under test. */
  record Prepared(String ticketId, String key) {}

  /** One write under test: its set-up, the call, the audit action it records, whether it notifies. */
  record Write(
      String name,
      Function<TicketService, Prepared> setup,
      BiConsumer<TicketService, Prepared> call,
      AuditAction audited,
      boolean notifies) {}

  static final List<Write> WRITES =
      List.of(
          new Write(
              "updateTicket",
              s -> created(s),
              (s, p) ->
                  s.updateTicket(
                      Desk.ADMIN,
                      new UpdateTicket(
                          p.ticketId(), "Changed", "Changed too", Priority.URGENT, null)),
              AuditAction.UPDATED,
              false),
          new Write(
              "assignTicket",
              s -> created(s),
              (s, p) -> s.assignTicket(Desk.ADMIN, new AssignTicket(p.ticketId(), "sarah")),
              AuditAction.TICKET_ASSIGNED,
              true),
          new Write(
              "deleteTicket",
              s -> created(s),
              (s, p) -> s.deleteTicket(Desk.ADMIN, p.ticketId()),
              AuditAction.DELETED,
              false),
          new Write(
              "restoreTicket",
              s -> {
                Prepared p = created(s);
                s.deleteTicket(Desk.ADMIN, p.ticketId());
                return p;
              },
              (s, p) -> s.restoreTicket(Desk.ROOT, p.ticketId()),
              AuditAction.RESTORED,
              false),
          new Write(
              "purgeTicket",
              s -> {
                Prepared p = created(s);
                s.addComment(
                    Desk.ADMIN, new AddComment(p.ticketId(), "A reply that goes with it", false));
                Prepared withFile = uploaded(s, p);
                s.confirmAttachment(
                    Desk.JOHN, new ConfirmAttachment(p.ticketId(), withFile.key(), null));
                return p;
              },
              (s, p) -> s.purgeTicket(Desk.ROOT, p.ticketId()),
              AuditAction.PURGED,
              false),
          new Write(
              "confirmAttachment",
              s -> uploaded(s, created(s)),
              (s, p) ->
                  s.confirmAttachment(
                      Desk.JOHN, new ConfirmAttachment(p.ticketId(), p.key(), null)),
              AuditAction.ATTACHMENT_ADDED,
              false),
          new Write(
              "recordExternalNote",
              s -> created(s),
              (s, p) ->
                  s.recordExternalNote(
                      Desk.ADMIN,
                      new ExternalNote(
                          "hasura-" + p.ticketId(),
                          p.ticketId(),
                          "Recorded elsewhere",
                          null,
                          false)),
              AuditAction.TICKET_COMMENT_ADDED,
              true),
          new Write(
              "resolveTickets",
              s -> created(s),
              (s, p) -> s.resolveTickets(Desk.ADMIN, List.of(p.ticketId())),
              AuditAction.TICKET_RESOLVED,
              true));

  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeAll
  void coversEveryWriteFaultsItDoesNot() {
    assertThat(WRITES)
        .extracting(Write::name)
        .containsExactly(
            "updateTicket",
            "assignTicket",
            "deleteTicket",
            "restoreTicket",
            "purgeTicket",
            "confirmAttachment",
            "recordExternalNote",
            "resolveTickets");
  }

  @AfterAll
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void aFailureAfterTheTicketWriteLeavesNoChangeNoAuditNoOutboxRow(Db db) {
    db.truncate();
    AtomicReference<FaultyDataSource> faults = new AtomicReference<>();
    Db.Instance faulty =
        db.instance(
            2,
            ds -> {
              FaultyDataSource f = FaultyDataSource.over(ds, db.start().dataSource());
              faults.set(f);
              return f.dataSource();
            });
    open.add(faulty);
    WatchedBlobs blobs = new WatchedBlobs(S3.blobStore());
    Ticketing healthy =
        Ticketing.builder()
            .store(db.newStore())
            .blobStore(blobs)
            .directory(Desk.DIRECTORY)
            .backgroundDispatch(false)
            .build();
    Ticketing victim =
        Ticketing.builder()
            .store(faulty.store())
            .blobStore(blobs)
            .directory(Desk.DIRECTORY)
            .backgroundDispatch(false)
            .build();
    open.add(healthy);
    open.add(victim);

    int cases = 0;
    for (Write write : WRITES) {
      List<String> points =
          write.notifies() ? List.of(AUDIT_INSERT, OUTBOX_INSERT) : List.of(AUDIT_INSERT);
      for (String point : points) {
        for (Fault fault : Fault.values()) {
          String what =
              write.name()
                  + " with "
                  + fault
                  + " at "
                  + (point.equals(AUDIT_INSERT) ? "audit" : "outbox");
          Prepared p = write.setup().apply(healthy.service());
          blobs.takeTouched();
          Map<String, List<List<Object>>> before = db.fingerprint();
          int fired = faults.get().fired();

          faults.get().arm(point, fault);
          Throwable thrown = null;
          try {
            write.call().accept(victim.service(), p);
          } catch (Throwable e) {
            thrown = e;
          } finally {
            faults.get().disarm();
          }
          assertThat(faults.get().fired()).as("%s: the fault fired", what).isEqualTo(fired + 1);
          assertThat(thrown)
              .as(what)
              .isInstanceOfSatisfying(
                  StoreUnavailableException.class,
                  e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.retryable()).isTrue();
                  });
          assertThat(db.fingerprint()).as("%s left something behind", what).isEqualTo(before);
          if (write.name().equals("confirmAttachment")) {
            // The upload was copied to its key before the failed record: the copy, and only it, is
            // gone again.
            assertThat(blobs.takeTouched())
                .as("%s: object storage", what)
                .filteredOn(t -> t.startsWith("delete"))
                .containsExactly("delete [" + p.key() + "]");
            assertThat(S3.blobStore().head(p.key()))
                .as("%s: no orphan under the served key", what)
                .isEmpty();
          } else {
            assertThat(blobs.takeTouched())
                .as("%s: object storage untouched", what)
                .noneMatch(t -> t.startsWith("delete"));
          }

          // The pool recovers; the same call goes through, with its audit entry (and notification).
          List<List<Object>> outboxBefore = db.query("select id from ticketing_outbox");
          write.call().accept(victim.service(), p);
          assertThat(
                  db.number(
                      "select count(*) from ticketing_audit_entry where ticket_id = ? and action = ?",
                      p.ticketId(),
                      write.audited().name()))
              .as("%s: audited once after the retry", what)
              .isEqualTo(1);
          List<List<Object>> notified =
              new ArrayList<>(db.query("select id from ticketing_outbox"));
          notified.removeAll(outboxBefore);
          if (write.notifies()) {
            assertThat(notified).as("%s notifies", what).isNotEmpty();
          } else {
            assertThat(notified).as("%s notifies nobody", what).isEmpty();
          }
          cases++;
        }
      }
    }
    assertThat(cases).isEqualTo(2 * (WRITES.size() + 3));
  }

  private static Prepared created(TicketService s) {
    return new Prepared(
        s.createTicket(Desk.JOHN, CreateTicket.of("Atomic", "All or nothing", "acme")).id(), null);
  }

  private static Prepared uploaded(TicketService s, Prepared p) {
    byte[] body = "evidence".getBytes(StandardCharsets.UTF_8);
    UploadUrl url =
        s.requestUpload(
            Desk.JOHN, new RequestUpload(p.ticketId(), "evidence.txt", "text/plain", body.length));
    S3.upload(url, body);
    return new Prepared(p.ticketId(), url.key());
  }
}
