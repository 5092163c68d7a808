package dev.ticketing.tck;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.Category;
import dev.ticketing.ConcurrentModificationException;
import dev.ticketing.FieldChange;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketStats;
import dev.ticketing.policy.Role;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.Activity;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.IdempotencyRecord;
import dev.ticketing.spi.Keyset;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.ObjectDeletion;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.PurgedTicket;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.Recipient;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketRow;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spi.UploadGrant;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link TicketStore} must show, as an abstract JUnit Jupiter suite.
 *
 * <p>A store module runs it by extending this class in its tests:
 *
 * <pre>{@code
 * class JpaTicketStorePostgresIT extends TicketStoreContract {
 *   @Override
 *   protected TicketStore createStore() {
 *     return newStoreOnEmptySchema();   // a fresh, empty store for every test
 *   }
 *
 *   @Override
 *   protected void cleanUp(TicketStore store) {
 *     truncateTables();                  // optional; runs after every test
 *   }
 * }
 * }</pre>
 *
 * <p>The capabilities are {@link Nested} groups (CRUD and versioning, transactions, visibility
 * scoping, filters, keyset pagination, search, activity, statistics, audit, soft delete and purge,
 * concurrency, idempotency keys); JUnit runs every group for each subclass. The outbox has a
 * contract of its own, {@link OutboxStoreContract}.
 *
 * <p>Conventions the suite relies on, beyond the Javadoc of the SPI:
 *
 * <ul>
 *   <li>Every write happens inside {@link TicketStore#inTransaction}; reads and {@link
 *       OutboxStore} calls are made outside one (a dispatcher calls the outbox on its own thread).
 *   <li>The instants the suite writes carry microseconds and no nanoseconds, the precision SQL
 *       timestamp columns keep; instants read back are compared at microsecond precision.
 *   <li>Ids are UUID strings, so a store may keep them in native UUID columns. Ties on {@code
 *       createdAt} are expected to be broken by {@link String#compareTo} of the ids, which for
 *       lower-case UUID strings is also their byte order.
 *   <li>Outbox claims use instants long after both the notifications' {@code occurredAt} and the
 *       wall clock, because {@link TicketStore#enqueue} takes no time and a store may stamp the
 *       first due time from its own clock.
 * </ul>
 */
public abstract class TicketStoreContract {

  /** The base instant of the fixtures: microsecond precision, as SQL timestamp columns keep. */
  protected static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456Z");

  /**
   * Outbox "now": after every {@code occurredAt} the suite writes and after the wall clock, yet
   * (with the at most 400 days the suite adds to it) before 2038, so that 32-bit timestamp columns
   * are not what a store fails on.
   */
  protected static final Instant LATER = Instant.parse("2036-01-01T08:00:00.000001Z");

  /** The largest page the suite asks for (the service never asks for more). */
  protected static final int MAX_LIMIT = 100;

  private static final Duration LEASE = Duration.ofSeconds(30);

  private static final Comparator<TicketRecord> NEWEST_FIRST =
      Comparator.comparing(TicketRecord::createdAt)
          .thenComparing(TicketRecord::id)
          .reversed();

  private static final Comparator<TicketRecord> OLDEST_FIRST =
      Comparator.comparing(TicketRecord::createdAt).thenComparing(TicketRecord::id);

  // The people and tenants of the fixtures: host ids, fresh for every test.
  protected final String acme = newId();
  protected final String globex = newId();
  protected final String initech = newId();
  /** Customers of ACME. */
  protected final String alice = newId();
  protected final String bob = newId();
  /** Customer of Globex. */
  protected final String carol = newId();
  /** Customer of Initech. */
  protected final String dave = newId();
  /** Agents. */
  protected final String ann = newId();
  protected final String ben = newId();
  protected final String admin = newId();

  private @Nullable TicketStore store;

  /** A fresh, empty store; called before every test. */
  protected abstract TicketStore createStore();

  /** Releases or empties what {@link #createStore()} made; called after every test. */
  protected void cleanUp(TicketStore store) {}

  @BeforeEach
  protected final void openStore() {
    store = createStore();
  }

  @AfterEach
  protected final void closeStore() {
    TicketStore s = store;
    store = null;
    if (s != null) {
      cleanUp(s);
    }
  }

  /** The store under test. */
  protected final TicketStore store() {
    return Objects.requireNonNull(store, "no store: createStore() runs before each test");
  }

  // ======================================================================== CRUD and versioning

  /** Tickets, comments, attachments and upload grants round-trip; optimistic versioning. */
  @Nested
  public class CrudAndVersioning {

    @Test
    void insertedTicketRoundTripsEveryField() {
      TicketRecord t =
          new TicketRecord(
              newId(),
              acme,
              alice,
              "Cannot export invoices",
              "Export to PDF fails with error E-42.\nTried twice.\tStill failing.",
              Status.CANCELLED,
              Priority.URGENT,
              Category.BILLING,
              ann,
              T0,
              T0.plusSeconds(3_600).plusNanos(1_000),
              T0.plusSeconds(7_200),
              T0.plusSeconds(10_800),
              T0.plusSeconds(14_400).plusNanos(999_000),
              admin,
              Status.CLOSED,
              0);

      insert(t);

      assertThat(found(t.id())).isEqualTo(t);
    }

    @Test
    void nullableFieldsRoundTripAsNull() {
      TicketRecord t = ticket(acme, bob, T0);
      assertThat(t.assigneeId()).isNull();

      insert(t);

      TicketRecord found = found(t.id());
      assertThat(found).isEqualTo(t);
      assertThat(found.assigneeId()).isNull();
      assertThat(found.resolvedAt()).isNull();
      assertThat(found.closedAt()).isNull();
      assertThat(found.deletedAt()).isNull();
      assertThat(found.deletedBy()).isNull();
      assertThat(found.statusBeforeDelete()).isNull();
      assertThat(found.version()).isZero();
    }

    @Test
    void longTextsNonAsciiTextAndCustomCategoriesRoundTrip() {
      // The service allows titles of 200 and descriptions and comments of 10,000 characters;
      // characters, not bytes, and outside the Basic Multilingual Plane too.
      String title = repeat("Ünïcødé 🎫 ", 200).substring(0, 199) + "!";
      String description = repeat("Ligne née à Zürich — 日本語 🙂\n", 10_000).substring(0, 10_000);
      Category custom = Category.of("SUBJECT_" + "X".repeat(56));
      assertThat(custom.name()).hasSize(64);
      TicketRecord t =
          ticket(acme, alice, T0).edit().title(title).description(description).category(custom).build();
      CommentRecord c = comment(t.id(), alice, description, false, T0.plusSeconds(1));

      tx(() -> {
        store().insertTicket(t);
        store().insertComment(c);
      });

      assertThat(found(t.id())).isEqualTo(t);
      assertThat(normalized(store().findComment(c.id()).orElseThrow())).isEqualTo(c);
    }

    @Test
    void unknownTicketIsNotFound() {
      insert(ticket(acme, alice, T0));

      assertThat(store().findTicket(newId())).isEmpty();
    }

    @Test
    void updateIncrementsVersionAndReturnsTheStoredRecord() {
      TicketRecord t = ticket(acme, alice, T0);
      insert(t);

      TicketRecord changed =
          t.edit()
              .title("Cannot export invoices (PDF)")
              .description("Fails for invoices over 100 lines")
              .status(Status.IN_PROGRESS)
              .priority(Priority.HIGH)
              .category(Category.BUG_REPORT)
              .assigneeId(ann)
              .updatedAt(T0.plusSeconds(60))
              .build();
      TicketRecord first = tx(() -> store().updateTicket(changed));

      assertThat(normalized(first)).isEqualTo(changed.edit().version(1).build());
      assertThat(found(t.id())).isEqualTo(normalized(first));

      TicketRecord resolved =
          first.edit()
              .status(Status.RESOLVED)
              .resolvedAt(T0.plusSeconds(120))
              .updatedAt(T0.plusSeconds(120))
              .build();
      TicketRecord second = tx(() -> store().updateTicket(resolved));

      assertThat(second.version()).isEqualTo(2);
      assertThat(normalized(second)).isEqualTo(normalized(resolved.edit().version(2).build()));
      assertThat(found(t.id())).isEqualTo(normalized(second));
    }

    @Test
    void updateCanClearNullableFields() {
      TicketRecord t =
          ticket(acme, alice, T0)
              .edit()
              .status(Status.CANCELLED)
              .assigneeId(ann)
              .resolvedAt(T0.plusSeconds(5))
              .closedAt(T0.plusSeconds(6))
              .deletedAt(T0.plusSeconds(7))
              .deletedBy(admin)
              .statusBeforeDelete(Status.CLOSED)
              .build();
      insert(t);

      TicketRecord cleared =
          t.edit()
              .status(Status.REOPENED)
              .assigneeId(null)
              .resolvedAt(null)
              .closedAt(null)
              .deletedAt(null)
              .deletedBy(null)
              .statusBeforeDelete(null)
              .updatedAt(T0.plusSeconds(8))
              .build();
      tx(() -> store().updateTicket(cleared));

      assertThat(found(t.id())).isEqualTo(cleared.edit().version(1).build());
    }

    @Test
    void updateWithStaleVersionThrowsAndLeavesTheRowUnchanged() {
      TicketRecord t = ticket(acme, alice, T0);
      insert(t);
      TicketRecord v1 = tx(() -> store().updateTicket(t.edit().title("First edit").build()));

      TicketRecord stale = t.edit().title("Edit based on version 0").priority(Priority.URGENT).build();
      Throwable thrown = catchThrowable(() -> tx(() -> store().updateTicket(stale)));

      assertThat(thrown).isInstanceOf(ConcurrentModificationException.class);
      assertThat(((ConcurrentModificationException) thrown).ticketId()).isEqualTo(t.id());
      assertThat(found(t.id())).isEqualTo(normalized(v1));
    }

    @Test
    void updateWithVersionAheadOfTheStoredOneThrows() {
      TicketRecord t = ticket(acme, alice, T0);
      insert(t);

      TicketRecord ahead = t.edit().title("From the future").version(5).build();

      assertThatThrownBy(() -> tx(() -> store().updateTicket(ahead)))
          .isInstanceOf(ConcurrentModificationException.class);
      assertThat(found(t.id())).isEqualTo(t);
    }

    @Test
    void findTicketsReturnsTheExistingTicketsByIdIncludingSoftDeletedOnes() {
      TicketRecord a = ticket(acme, alice, T0);
      TicketRecord b = ticket(globex, carol, T0.plusSeconds(1));
      TicketRecord deleted = softDeleted(ticket(acme, bob, T0.plusSeconds(2)), T0.plusSeconds(3));
      TicketRecord notAsked = ticket(acme, bob, T0.plusSeconds(4));
      insert(a, b, deleted, notAsked);

      Map<String, TicketRecord> found =
          store().findTickets(List.of(a.id(), b.id(), deleted.id(), newId()));

      assertThat(found).containsOnlyKeys(a.id(), b.id(), deleted.id());
      assertThat(normalized(found.get(a.id()))).isEqualTo(a);
      assertThat(normalized(found.get(b.id()))).isEqualTo(b);
      assertThat(normalized(found.get(deleted.id()))).isEqualTo(deleted);
      assertThat(store().findTickets(List.of())).isEmpty();
    }

    @Test
    void commentsComeOldestFirstWithInternalNotesOnlyWhenAsked() {
      TicketRecord t = ticket(acme, alice, T0);
      TicketRecord other = ticket(acme, alice, T0);
      CommentRecord reply = comment(t.id(), ann, "We are looking into it", false, T0.plusSeconds(30));
      CommentRecord note = comment(t.id(), ann, "Customer is on the legacy plan", true, T0.plusSeconds(10));
      CommentRecord question = comment(t.id(), alice, "Any news?", false, T0.plusSeconds(20));
      CommentRecord elsewhere = comment(other.id(), alice, "Unrelated", false, T0.plusSeconds(15));
      tx(() -> {
        store().insertTicket(t);
        store().insertTicket(other);
        // Inserted out of chronological order: the store sorts, not the insertion sequence.
        store().insertComment(reply);
        store().insertComment(note);
        store().insertComment(question);
        store().insertComment(elsewhere);
      });

      assertThat(normalizedComments(store().comments(t.id(), false))).containsExactly(question, reply);
      assertThat(normalizedComments(store().comments(t.id(), true))).containsExactly(note, question, reply);
      assertThat(store().comments(newId(), true)).isEmpty();
    }

    @Test
    void findCommentRoundTripsEveryField() {
      TicketRecord t = ticket(acme, alice, T0);
      CommentRecord note =
          new CommentRecord(
              newId(), t.id(), ann, "Internal: refund approved", true, "hasura-note-4711",
              T0.plusSeconds(5), T0.plusSeconds(65).plusNanos(1_000));
      CommentRecord reply = comment(t.id(), alice, "Thanks!", false, T0.plusSeconds(70));
      tx(() -> {
        store().insertTicket(t);
        store().insertComment(note);
        store().insertComment(reply);
      });

      assertThat(normalized(store().findComment(note.id()).orElseThrow())).isEqualTo(note);
      assertThat(normalized(store().findComment(reply.id()).orElseThrow())).isEqualTo(reply);
      assertThat(store().findComment(reply.id()).orElseThrow().externalId()).isNull();
      assertThat(store().findComment(newId())).isEmpty();
    }

    @Test
    void findCommentByExternalIdFindsTheHostsNote() {
      TicketRecord t = ticket(acme, alice, T0);
      CommentRecord external = withExternalId(comment(t.id(), ann, "Recorded by webhook", true, T0.plusSeconds(1)), "ext-1001");
      CommentRecord other = withExternalId(comment(t.id(), ann, "Another one", false, T0.plusSeconds(2)), "ext-1002");
      CommentRecord plain = comment(t.id(), ann, "No external id", false, T0.plusSeconds(3));
      tx(() -> {
        store().insertTicket(t);
        store().insertComment(external);
        store().insertComment(other);
        store().insertComment(plain);
      });

      assertThat(store().findCommentByExternalId("ext-1001").map(TicketStoreContract::normalized)).contains(external);
      assertThat(store().findCommentByExternalId("ext-1002").map(TicketStoreContract::normalized)).contains(other);
      assertThat(store().findCommentByExternalId("ext-9999")).isEmpty();
    }

    @Test
    void externalIdIsUniquePerStore() {
      TicketRecord t = ticket(acme, alice, T0);
      TicketRecord u = ticket(globex, carol, T0);
      CommentRecord first = withExternalId(comment(t.id(), ann, "First delivery", true, T0.plusSeconds(1)), "ext-dup");
      CommentRecord again = withExternalId(comment(u.id(), ann, "Redelivered", true, T0.plusSeconds(2)), "ext-dup");
      tx(() -> {
        store().insertTicket(t);
        store().insertTicket(u);
        store().insertComment(first);
      });

      assertThatThrownBy(() -> tx(() -> store().insertComment(again))).isInstanceOf(RuntimeException.class);

      assertThat(store().findCommentByExternalId("ext-dup").map(CommentRecord::id)).contains(first.id());
      assertThat(store().comments(u.id(), true)).isEmpty();
      assertThat(store().findComment(again.id())).isEmpty();
    }

    @Test
    void attachmentsComeOldestFirstWithThoseOfInternalNotesOnlyWhenAsked() {
      TicketRecord t = ticket(acme, alice, T0);
      CommentRecord reply = comment(t.id(), ann, "See the screenshot", false, T0.plusSeconds(10));
      CommentRecord note = comment(t.id(), ann, "Log excerpt attached", true, T0.plusSeconds(20));
      AttachmentRecord onTicket = attachment(t.id(), null, false, "invoice.pdf", T0.plusSeconds(5));
      AttachmentRecord onReply = attachment(t.id(), reply.id(), false, "screenshot.png", T0.plusSeconds(11));
      AttachmentRecord onNote = attachment(t.id(), note.id(), true, "server.log", T0.plusSeconds(21));
      TicketRecord other = ticket(acme, alice, T0);
      AttachmentRecord elsewhere = attachment(other.id(), null, false, "other.txt", T0.plusSeconds(12));
      tx(() -> {
        store().insertTicket(t);
        store().insertTicket(other);
        store().insertComment(reply);
        store().insertComment(note);
        store().insertAttachment(onNote);
        store().insertAttachment(onReply);
        store().insertAttachment(elsewhere);
        store().insertAttachment(onTicket);
      });

      assertThat(normalizedAttachments(store().attachments(t.id(), false))).containsExactly(onTicket, onReply);
      assertThat(normalizedAttachments(store().attachments(t.id(), true))).containsExactly(onTicket, onReply, onNote);
      assertThat(store().attachments(newId(), true)).isEmpty();
    }

    @Test
    void attachmentRoundTripsLargeSizesAndLongKeys() {
      TicketRecord t = ticket(acme, alice, T0);
      String longName = "Quarterly report " + "x".repeat(230) + ".pdf";
      AttachmentRecord big =
          new AttachmentRecord(
              newId(), t.id(), null, false,
              "tickets/attachments/" + t.id() + "/" + newId() + "/" + longName,
              longName, "application/pdf", 5_000_000_000L, alice, T0.plusSeconds(1));
      tx(() -> {
        store().insertTicket(t);
        store().insertAttachment(big);
      });

      assertThat(normalizedAttachments(store().attachments(t.id(), true))).containsExactly(big);
    }

    @Test
    void uploadGrantIsSavedFoundAndDeletedOnce() {
      TicketRecord t = ticket(acme, alice, T0);
      UploadGrant grant = grant(t.id(), alice, "photo.jpg");
      UploadGrant other = grant(t.id(), alice, "second.jpg");
      tx(() -> {
        store().insertTicket(t);
        store().saveUploadGrant(grant);
        store().saveUploadGrant(other);
      });

      assertThat(store().findUploadGrant(grant.objectKey()).map(TicketStoreContract::normalized)).contains(grant);
      assertThat(store().findUploadGrant("tickets/attachments/unknown")).isEmpty();

      assertThat(tx(() -> store().deleteUploadGrant(grant.objectKey()))).isTrue();
      assertThat(store().findUploadGrant(grant.objectKey())).isEmpty();
      assertThat(tx(() -> store().deleteUploadGrant(grant.objectKey()))).isFalse();
      assertThat(store().findUploadGrant(other.objectKey()).map(TicketStoreContract::normalized)).contains(other);
    }
  }

  // ============================================================================== Transactions

  /** Units of work: all or nothing, nested calls join, committed work is visible. */
  @Nested
  public class Transactions {

    @Test
    void workThatThrowsRollsBackEveryWriteOfTheUnit() {
      TicketRecord t = ticket(acme, alice, T0);
      CommentRecord c = comment(t.id(), alice, "First reply", false, T0.plusSeconds(1));
      AttachmentRecord a = attachment(t.id(), c.id(), false, "log.txt", T0.plusSeconds(2));
      UploadGrant g = grant(t.id(), alice, "pending.png");
      AuditEntry e = audit(t.id(), AuditAction.CREATED, T0);
      NotificationRequest n = notification(t.id(), T0);
      IllegalStateException failure = new IllegalStateException("boom after the writes");

      Throwable thrown =
          catchThrowable(
              () ->
                  store()
                      .inTransaction(
                          () -> {
                            store().insertTicket(t);
                            store().appendAudit(e);
                            store().enqueue(List.of(n));
                            store().insertComment(c);
                            store().insertAttachment(a);
                            store().saveUploadGrant(g);
                            throw failure;
                          }));

      assertThat(thrown).isSameAs(failure);
      assertThat(store().findTicket(t.id())).isEmpty();
      assertThat(store().findTickets(List.of(t.id()))).isEmpty();
      assertThat(store().history(t.id())).isEmpty();
      assertThat(store().comments(t.id(), true)).isEmpty();
      assertThat(store().findComment(c.id())).isEmpty();
      assertThat(store().attachments(t.id(), true)).isEmpty();
      assertThat(store().findUploadGrant(g.objectKey())).isEmpty();
      assertThat(store().count(everything())).isZero();
      assertThat(store().outbox().pendingCount()).isZero();
      assertThat(store().outbox().claimDue("dispatcher-a", LATER, LEASE, 10, List.of(OutboxStore.RECIPIENTS))).isEmpty();
    }

    @Test
    void conflictingUpdateRollsBackTheEarlierWritesOfItsUnit() {
      TicketRecord t = ticket(acme, alice, T0);
      insert(t);
      tx(() -> store().updateTicket(t.edit().title("Changed elsewhere").build()));
      CommentRecord c = comment(t.id(), ann, "Reply written before the conflicting update", false, T0.plusSeconds(5));

      Throwable thrown =
          catchThrowable(
              () ->
                  tx(() -> {
                    store().insertComment(c);
                    store().appendAudit(audit(t.id(), AuditAction.STATUS_CHANGED, T0.plusSeconds(5)));
                    store().enqueue(List.of(notification(t.id(), T0.plusSeconds(5))));
                    store().updateTicket(t.edit().status(Status.IN_PROGRESS).build());
                  }));

      assertThat(thrown).isInstanceOf(ConcurrentModificationException.class);
      assertThat(store().findComment(c.id())).isEmpty();
      assertThat(store().comments(t.id(), true)).isEmpty();
      assertThat(store().history(t.id())).isEmpty();
      assertThat(store().outbox().pendingCount()).isZero();
      assertThat(found(t.id()).title()).isEqualTo("Changed elsewhere");
    }

    @Test
    void rolledBackUpdateLeavesTheCommittedTicketAsItWas() {
      TicketRecord t = ticket(acme, alice, T0);
      insert(t);

      Throwable thrown =
          catchThrowable(
              () ->
                  tx(() -> {
                    store().updateTicket(t.edit().title("Never committed").status(Status.RESOLVED).build());
                    throw new IllegalArgumentException("validation failed after the update");
                  }));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
      assertThat(found(t.id())).isEqualTo(t);
      // The version did not move either: an update from version 0 still applies.
      assertThat(tx(() -> store().updateTicket(t.edit().title("Committed").build())).version()).isEqualTo(1);
    }

    @Test
    void nestedUnitJoinsTheOuterOneAndRollsBackWithIt() {
      TicketRecord outer = ticket(acme, alice, T0);
      TicketRecord inner = ticket(acme, bob, T0.plusSeconds(1));
      RuntimeException failure = new RuntimeException("outer fails after the inner unit returned");

      Throwable thrown =
          catchThrowable(
              () ->
                  store()
                      .inTransaction(
                          () -> {
                            store().insertTicket(outer);
                            String innerResult =
                                store()
                                    .inTransaction(
                                        () -> {
                                          store().insertTicket(inner);
                                          store().appendAudit(audit(inner.id(), AuditAction.CREATED, T0));
                                          store().enqueue(List.of(notification(inner.id(), T0)));
                                          return "inner done";
                                        });
                            assertThat(innerResult).isEqualTo("inner done");
                            throw failure;
                          }));

      assertThat(thrown).isSameAs(failure);
      assertThat(store().findTicket(outer.id())).isEmpty();
      assertThat(store().findTicket(inner.id())).isEmpty();
      assertThat(store().history(inner.id())).isEmpty();
      assertThat(store().outbox().pendingCount()).isZero();
    }

    @Test
    void nestedUnitsCommitTogetherAndReturnTheirResults() {
      TicketRecord outer = ticket(acme, alice, T0);
      TicketRecord inner = ticket(acme, bob, T0.plusSeconds(1));

      String result =
          store()
              .inTransaction(
                  () -> {
                    store().insertTicket(outer);
                    return store()
                        .inTransaction(
                            () -> {
                              store().insertTicket(inner);
                              // The inner unit sees the outer unit's uncommitted write.
                              assertThat(store().findTicket(outer.id())).isPresent();
                              return "inner:" + inner.id();
                            });
                  });

      assertThat(result).isEqualTo("inner:" + inner.id());
      assertThat(found(outer.id())).isEqualTo(outer);
      assertThat(found(inner.id())).isEqualTo(inner);
    }

    @Test
    void committedUnitIsVisibleAfterwardsAlsoFromAnotherThread() throws Exception {
      TicketRecord t = ticket(acme, alice, T0);
      CommentRecord c = comment(t.id(), alice, "Hello", false, T0.plusSeconds(1));
      AuditEntry e = audit(t.id(), AuditAction.CREATED, T0);

      Integer result =
          store()
              .inTransaction(
                  () -> {
                    store().insertTicket(t);
                    store().insertComment(c);
                    store().appendAudit(e);
                    store().enqueue(List.of(notification(t.id(), T0)));
                    return 42;
                  });

      assertThat(result).isEqualTo(42);
      ExecutorService other = Executors.newSingleThreadExecutor();
      try {
        Future<SeenFromAnotherThread> seen =
            other.submit(
                () ->
                    new SeenFromAnotherThread(
                        store().findTicket(t.id()).map(TicketStoreContract::normalized).orElse(null),
                        store().comments(t.id(), false).size(),
                        store().history(t.id()).size()));
        assertThat(seen.get(30, SECONDS)).isEqualTo(new SeenFromAnotherThread(t, 1, 1));
      } finally {
        other.shutdownNow();
      }
      assertThat(store().outbox().pendingCount()).isEqualTo(1);
    }
  }

  /** What another thread saw. */
  private record SeenFromAnotherThread(@Nullable TicketRecord ticket, int comments, int auditEntries) {}

  // ========================================================================= Visibility scoping

  /** Listing and counting return exactly the tickets {@link VisibilityScope#matches} accepts. */
  @Nested
  public class VisibilityScoping {

    private List<TicketRecord> fixture = List.of();

    @BeforeEach
    void insertFixture() {
      fixture = variedTickets(28);
      insert(fixture);
    }

    @Test
    void everythingListsEveryTicketThatIsNotDeleted() {
      List<TicketRecord> expected = assertScope(VisibilityScope.EVERYTHING);

      assertThat(expected).hasSize((int) fixture.stream().filter(t -> !t.deleted()).count()).hasSizeLessThan(fixture.size());
    }

    @Test
    void nothingListsNoTicket() {
      assertThat(store().list(query(VisibilityScope.NOTHING, TicketFilter.none()))).isEmpty();
      assertThat(store().count(query(VisibilityScope.NOTHING, TicketFilter.none()))).isZero();
      assertThat(store().list(query(VisibilityScope.NOTHING, TicketFilter.builder().includeDeleted(true).build()))).isEmpty();
      assertThat(store().count(query(VisibilityScope.NOTHING, TicketFilter.builder().companyId(acme).build()))).isZero();
    }

    @Test
    void createdByScopeListsOnlyTheCreatorsTickets() {
      assertThat(assertScope(VisibilityScope.createdBy(alice, acme))).isNotEmpty();
      assertThat(assertScope(VisibilityScope.createdBy(carol, globex))).isNotEmpty();
      assertThat(assertScope(VisibilityScope.createdBy(admin, null))).isNotEmpty();
      assertThat(assertScope(VisibilityScope.createdBy(admin, initech))).isNotEmpty();
    }

    @Test
    void createdByScopeOfAnotherCompanyListsNothing() {
      assertThat(assertScope(VisibilityScope.createdBy(alice, globex))).isEmpty();
      assertThat(assertScope(VisibilityScope.createdBy(newId(), acme))).isEmpty();
    }

    @Test
    void companyScopeListsOnlyThatCompanysTickets() {
      for (String company : List.of(acme, globex, initech)) {
        assertThat(assertScope(VisibilityScope.company(company))).isNotEmpty();
      }
      assertThat(assertScope(VisibilityScope.company(newId()))).isEmpty();
    }

    @Test
    void assignedToScopeListsOnlyTicketsAssignedToThatUser() {
      assertThat(assertScope(VisibilityScope.assignedTo(ann))).isNotEmpty();
      assertThat(assertScope(VisibilityScope.assignedTo(ben))).isNotEmpty();
      assertThat(assertScope(VisibilityScope.assignedTo(alice))).isEmpty();
    }

    @Test
    void scopeComponentsCombineAsAConjunction() {
      List<TicketRecord> both = assertScope(new VisibilityScope(false, null, acme, ann));
      List<TicketRecord> acmeOnly = fixture.stream().filter(t -> !t.deleted() && t.companyId().equals(acme)).toList();
      List<TicketRecord> annOnly = fixture.stream().filter(t -> !t.deleted() && ann.equals(t.assigneeId())).toList();

      assertThat(both).isNotEmpty().hasSizeLessThan(acmeOnly.size()).hasSizeLessThan(annOnly.size());
      assertThat(assertScope(new VisibilityScope(false, admin, initech, ben))).isNotEmpty();
      assertThat(assertScope(new VisibilityScope(true, null, acme, null))).isEmpty();
    }

    @Test
    void filtersNeverWidenTheScope() {
      assertThat(store().list(query(VisibilityScope.company(acme), TicketFilter.builder().companyId(globex).build()))).isEmpty();
      assertThat(store().list(query(VisibilityScope.assignedTo(ann), TicketFilter.builder().assignedToId(ben).build()))).isEmpty();
      assertThat(store().list(query(VisibilityScope.assignedTo(ann), TicketFilter.builder().unassigned(true).build()))).isEmpty();
      assertThat(store().count(query(VisibilityScope.createdBy(alice, acme), TicketFilter.builder().createdBy(bob).build()))).isZero();
      assertThat(store().list(query(VisibilityScope.company(acme), TicketFilter.builder().companyId(acme).build())))
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.ticket().companyId()).isEqualTo(acme));
    }

    @Test
    void scopeAppliesToSoftDeletedTicketsToo() {
      TicketFilter withDeleted = TicketFilter.builder().includeDeleted(true).build();
      for (VisibilityScope scope : List.of(VisibilityScope.company(acme), VisibilityScope.company(globex), VisibilityScope.assignedTo(ben))) {
        List<TicketRecord> expected = fixture.stream().filter(scope::matches).sorted(NEWEST_FIRST).toList();
        assertThat(listIds(query(scope, withDeleted))).containsExactlyElementsOf(ids(expected));
        assertThat(store().count(query(scope, withDeleted))).isEqualTo(expected.size());
      }
      assertThat(fixture.stream().filter(t -> t.deleted() && VisibilityScope.company(acme).matches(t))).isNotEmpty();
    }

    /** Asserts list and count against the in-test predicate; returns the expected tickets. */
    private List<TicketRecord> assertScope(VisibilityScope scope) {
      List<TicketRecord> expected =
          fixture.stream().filter(t -> !t.deleted() && scope.matches(t)).sorted(NEWEST_FIRST).toList();
      TicketQuery q = query(scope, TicketFilter.none());
      assertThat(listIds(q)).as("list in %s", scope).containsExactlyElementsOf(ids(expected));
      assertThat(store().count(q)).as("count in %s", scope).isEqualTo(expected.size());
      return expected;
    }
  }

  // =================================================================================== Filters

  /** Every {@link TicketFilter} component narrows the listing as documented. */
  @Nested
  public class Filters {

    private List<TicketRecord> fixture = List.of();

    @BeforeEach
    void insertFixture() {
      fixture = variedTickets(28);
      insert(fixture);
    }

    @Test
    void statusFilterListsOnlyThatStatus() {
      int matched = 0;
      for (Status s : Status.values()) {
        matched += assertFilter(TicketFilter.builder().status(s).build(), t -> t.status() == s).size();
      }
      assertThat(matched).isEqualTo(fixture.stream().filter(t -> !t.deleted()).count());
    }

    @Test
    void priorityFilterListsOnlyThatPriority() {
      for (Priority p : Priority.values()) {
        assertThat(assertFilter(TicketFilter.builder().priority(p).build(), t -> t.priority() == p)).isNotEmpty();
      }
    }

    @Test
    void categoryFilterListsOnlyThatCategory() {
      for (Category c : List.of(Category.TECHNICAL, Category.BILLING, Category.GENERAL)) {
        assertThat(assertFilter(TicketFilter.builder().category(c).build(), t -> t.category().equals(c))).isNotEmpty();
      }
      assertThat(assertFilter(TicketFilter.builder().category(Category.ACCOUNT).build(), t -> false)).isEmpty();
    }

    /**
     * A category is the id of a subject in the host's catalog: UUIDs, ids of 128 characters and
     * ids that differ only in case are kept and filtered exactly (since 0.2.0).
     */
    @Test
    void subjectIdsOfAnyWellFormedShapeAreKeptAndFilteredExactly() {
      List<Category> subjects = List.of(
          Category.of("5f0c6d2e-8a51-4b7e-9a43-0d6f1e2b7c11"),
          Category.of("s" + "x".repeat(127)),
          Category.of("therapy"),
          Category.of("THERAPY"),
          Category.of("a.b:c@d-e_f"));
      List<TicketRecord> made = new ArrayList<>();
      for (int i = 0; i < subjects.size(); i++) {
        made.add(ticket(acme, alice, T0.plusSeconds(10_000 + i)).edit().category(subjects.get(i)).build());
      }
      insert(made);

      for (TicketRecord t : made) {
        assertThat(found(t.id()).category()).isEqualTo(t.category());
        TicketQuery q = query(VisibilityScope.EVERYTHING, TicketFilter.builder().category(t.category()).build());
        assertThat(listIds(q)).as("tickets about %s", t.category()).containsExactly(t.id());
        assertThat(store().count(q)).isEqualTo(1);
      }
    }

    @Test
    void companyFilterListsOnlyThatCompany() {
      for (String company : List.of(acme, globex, initech)) {
        assertThat(assertFilter(TicketFilter.builder().companyId(company).build(), t -> t.companyId().equals(company))).isNotEmpty();
      }
    }

    @Test
    void assignedToFilterListsOnlyTicketsOfThatAssignee() {
      assertThat(assertFilter(TicketFilter.builder().assignedToId(ann).build(), t -> ann.equals(t.assigneeId()))).isNotEmpty();
      assertThat(assertFilter(TicketFilter.builder().assignedToId(ben).build(), t -> ben.equals(t.assigneeId()))).isNotEmpty();
    }

    @Test
    void unassignedTrueListsOnlyTicketsWithoutAssignee() {
      assertThat(assertFilter(TicketFilter.builder().unassigned(true).build(), t -> t.assigneeId() == null)).isNotEmpty();
    }

    @Test
    void unassignedFalseListsOnlyAssignedTickets() {
      assertThat(assertFilter(TicketFilter.builder().unassigned(false).build(), t -> t.assigneeId() != null)).isNotEmpty();
    }

    @Test
    void createdByFilterListsOnlyThatCreatorsTickets() {
      assertThat(assertFilter(TicketFilter.builder().createdBy(bob).build(), t -> t.createdBy().equals(bob))).isNotEmpty();
      assertThat(assertFilter(TicketFilter.builder().createdBy(admin).build(), t -> t.createdBy().equals(admin))).isNotEmpty();
    }

    @Test
    void createdFromIsInclusive() {
      Instant from = fixture.get(10).createdAt();

      List<TicketRecord> matched =
          assertFilter(TicketFilter.builder().createdFrom(from).build(), t -> !t.createdAt().isBefore(from));

      assertThat(ids(matched)).contains(fixture.get(10).id()).doesNotContain(fixture.get(9).id());
    }

    @Test
    void createdToIsExclusive() {
      Instant to = fixture.get(10).createdAt();

      List<TicketRecord> matched =
          assertFilter(TicketFilter.builder().createdTo(to).build(), t -> t.createdAt().isBefore(to));

      assertThat(ids(matched)).contains(fixture.get(9).id()).doesNotContain(fixture.get(10).id());
    }

    @Test
    void createdRangeIsHalfOpen() {
      Instant from = fixture.get(4).createdAt();
      Instant to = fixture.get(9).createdAt();

      List<TicketRecord> matched =
          assertFilter(
              TicketFilter.builder().createdFrom(from).createdTo(to).build(),
              t -> !t.createdAt().isBefore(from) && t.createdAt().isBefore(to));

      assertThat(ids(matched)).containsExactlyInAnyOrderElementsOf(
          ids(fixture.subList(4, 9).stream().filter(t -> !t.deleted()).toList()));
    }

    @Test
    void componentsCombineAsAConjunction() {
      TicketFilter filter = TicketFilter.builder().companyId(acme).unassigned(false).priority(Priority.LOW).build();
      List<TicketRecord> matched =
          assertFilter(filter, t -> t.companyId().equals(acme) && t.assigneeId() != null && t.priority() == Priority.LOW);

      assertThat(matched).isNotEmpty();
      assertFilter(
          TicketFilter.builder().status(Status.OPEN).category(Category.BILLING).createdBy(alice).build(),
          t -> t.status() == Status.OPEN && t.category().equals(Category.BILLING) && t.createdBy().equals(alice));
    }

    @Test
    void softDeletedTicketsAreExcludedUnlessIncludeDeleted() {
      List<TicketRecord> deleted = fixture.stream().filter(TicketRecord::deleted).toList();
      assertThat(deleted).isNotEmpty();

      assertThat(listIds(query(VisibilityScope.EVERYTHING, TicketFilter.none()))).doesNotContainAnyElementsOf(ids(deleted));

      TicketQuery withDeleted = query(VisibilityScope.EVERYTHING, TicketFilter.builder().includeDeleted(true).build());
      assertThat(listIds(withDeleted)).containsExactlyElementsOf(ids(fixture.stream().sorted(NEWEST_FIRST).toList()));
      assertThat(store().count(withDeleted)).isEqualTo(fixture.size());
    }

    @Test
    void includeDeletedStillAppliesTheOtherFilters() {
      TicketFilter filter = TicketFilter.builder().includeDeleted(true).companyId(acme).build();
      List<TicketRecord> expected =
          fixture.stream().filter(t -> t.companyId().equals(acme)).sorted(NEWEST_FIRST).toList();

      assertThat(expected).anyMatch(TicketRecord::deleted);
      assertThat(listIds(query(VisibilityScope.EVERYTHING, filter))).containsExactlyElementsOf(ids(expected));
      assertThat(store().count(query(VisibilityScope.EVERYTHING, filter))).isEqualTo(expected.size());
    }

    @Test
    void countIgnoresPositionAndLimit() {
      TicketRecord middle = fixture.stream().filter(t -> !t.deleted()).sorted(NEWEST_FIRST).toList().get(5);
      TicketQuery q =
          new TicketQuery(
              VisibilityScope.EVERYTHING, TicketFilter.none(), CommentSearch.NONE, SortOrder.NEWEST_FIRST,
              new Keyset(middle.createdAt(), middle.id()), 2);

      assertThat(store().list(q)).hasSize(2);
      assertThat(store().count(q)).isEqualTo(fixture.stream().filter(t -> !t.deleted()).count());
    }

    /** Asserts list (newest first) and count against the predicate over non-deleted tickets. */
    private List<TicketRecord> assertFilter(TicketFilter filter, Predicate<TicketRecord> predicate) {
      List<TicketRecord> expected =
          fixture.stream().filter(t -> !t.deleted() && predicate.test(t)).sorted(NEWEST_FIRST).toList();
      TicketQuery q = query(VisibilityScope.EVERYTHING, filter);
      assertThat(listIds(q)).as("list with %s", filter).containsExactlyElementsOf(ids(expected));
      assertThat(store().count(q)).as("count with %s", filter).isEqualTo(expected.size());
      return expected;
    }
  }

  // ========================================================================= Keyset pagination

  /** Order by (createdAt, id); walking pages by keyset visits every ticket exactly once. */
  @Nested
  public class KeysetPagination {

    private List<TicketRecord> fixture = List.of();

    @BeforeEach
    void insertFixture() {
      // 23 tickets in groups of three sharing a createdAt, inserted in shuffled order.
      List<TicketRecord> tickets = new ArrayList<>();
      for (int i = 0; i < 23; i++) {
        tickets.add(ticket(i % 2 == 0 ? acme : globex, i % 2 == 0 ? alice : carol, T0.plusSeconds(i / 3)));
      }
      List<TicketRecord> shuffled = new ArrayList<>(tickets);
      java.util.Collections.shuffle(shuffled, new Random(42));
      insert(shuffled);
      fixture = List.copyOf(tickets);
    }

    @Test
    void newestFirstOrdersByCreatedAtThenIdDescending() {
      List<TicketRow> rows = store().list(page(SortOrder.NEWEST_FIRST, null, MAX_LIMIT));

      assertThat(rows).extracting(r -> r.ticket().id())
          .containsExactlyElementsOf(ids(fixture.stream().sorted(NEWEST_FIRST).toList()));
      // Rows carry the whole stored record.
      Map<String, TicketRecord> byId = byId(fixture);
      assertThat(rows).allSatisfy(r -> assertThat(normalized(r.ticket())).isEqualTo(byId.get(r.ticket().id())));
    }

    @Test
    void oldestFirstOrdersByCreatedAtThenIdAscending() {
      assertThat(listIds(page(SortOrder.OLDEST_FIRST, null, MAX_LIMIT)))
          .containsExactlyElementsOf(ids(fixture.stream().sorted(OLDEST_FIRST).toList()));
    }

    @Test
    void limitIsRespected() {
      List<String> newest = ids(fixture.stream().sorted(NEWEST_FIRST).toList());

      assertThat(listIds(page(SortOrder.NEWEST_FIRST, null, 5))).containsExactlyElementsOf(newest.subList(0, 5));
      assertThat(listIds(page(SortOrder.NEWEST_FIRST, null, 1))).containsExactly(newest.get(0));
      assertThat(listIds(page(SortOrder.OLDEST_FIRST, null, 4)))
          .containsExactlyElementsOf(ids(fixture.stream().sorted(OLDEST_FIRST).limit(4).toList()));
    }

    @Test
    void keysetBreaksTiesOnCreatedAtById() {
      Instant tie = T0.plusSeconds(100);
      List<TicketRecord> tied = new ArrayList<>();
      for (String id : sortedIds(5)) {
        tied.add(ticketWithId(id, acme, alice, tie));
      }
      insert(tied.get(3), tied.get(0), tied.get(4), tied.get(2), tied.get(1));
      TicketRecord middle = tied.get(2);
      Keyset after = new Keyset(middle.createdAt(), middle.id());
      TicketFilter acmeAtTie = TicketFilter.builder().companyId(acme).createdFrom(tie).build();

      assertThat(listIds(query(VisibilityScope.EVERYTHING, acmeAtTie, SortOrder.NEWEST_FIRST, after, 10)))
          .containsExactly(tied.get(1).id(), tied.get(0).id());
      assertThat(listIds(query(VisibilityScope.EVERYTHING, acmeAtTie, SortOrder.OLDEST_FIRST, after, 10)))
          .containsExactly(tied.get(3).id(), tied.get(4).id());
    }

    @Test
    void walkingNewestFirstVisitsEveryTicketExactlyOnce() {
      List<String> walked = walk(SortOrder.NEWEST_FIRST, 4, () -> {});

      assertThat(walked).containsExactlyElementsOf(ids(fixture.stream().sorted(NEWEST_FIRST).toList()));
    }

    @Test
    void walkingOldestFirstVisitsEveryTicketExactlyOnce() {
      List<String> walked = walk(SortOrder.OLDEST_FIRST, 4, () -> {});

      assertThat(walked).containsExactlyElementsOf(ids(fixture.stream().sorted(OLDEST_FIRST).toList()));
    }

    @Test
    void pageAfterTheLastTicketIsEmpty() {
      TicketRecord oldest = fixture.stream().sorted(OLDEST_FIRST).findFirst().orElseThrow();
      TicketRecord newest = fixture.stream().sorted(NEWEST_FIRST).findFirst().orElseThrow();

      assertThat(store().list(page(SortOrder.NEWEST_FIRST, new Keyset(oldest.createdAt(), oldest.id()), 10))).isEmpty();
      assertThat(store().list(page(SortOrder.OLDEST_FIRST, new Keyset(newest.createdAt(), newest.id()), 10))).isEmpty();
    }

    @Test
    void newestFirstWalkIsStableUnderInsertsOfNewerTickets() {
      List<TicketRecord> inserted = new ArrayList<>();
      Instant[] clock = {T0.plusSeconds(1_000)};

      List<String> walked =
          walk(SortOrder.NEWEST_FIRST, 3, () -> {
            // Newer tickets arrive between page fetches; they sort before the cursor.
            clock[0] = clock[0].plusSeconds(1);
            TicketRecord t = ticket(acme, bob, clock[0]);
            insert(t);
            inserted.add(t);
          });

      assertThat(inserted).hasSizeGreaterThan(5);
      assertThat(walked).doesNotHaveDuplicates()
          .containsExactlyElementsOf(ids(fixture.stream().sorted(NEWEST_FIRST).toList()));
    }

    @Test
    void oldestFirstWalkIsStableUnderInsertsAndSeesNewTicketsOnce() {
      List<TicketRecord> inserted = new ArrayList<>();
      Instant[] clock = {T0.plusSeconds(1_000)};

      List<String> walked =
          walk(SortOrder.OLDEST_FIRST, 3, () -> {
            if (inserted.size() < 4) {
              clock[0] = clock[0].plusSeconds(1);
              TicketRecord t = ticket(globex, carol, clock[0]);
              insert(t);
              inserted.add(t);
            }
          });

      List<TicketRecord> all = new ArrayList<>(fixture);
      all.addAll(inserted);
      assertThat(inserted).hasSize(4);
      assertThat(walked).doesNotHaveDuplicates()
          .containsExactlyElementsOf(ids(all.stream().sorted(OLDEST_FIRST).toList()));
    }

    @Test
    void keysetOfAPurgedTicketStillPositionsTheWalk() {
      List<TicketRecord> newest = fixture.stream().sorted(NEWEST_FIRST).toList();
      List<String> firstPage = listIds(page(SortOrder.NEWEST_FIRST, null, 7));
      TicketRecord last = newest.get(6);
      assertThat(firstPage).endsWith(last.id());

      tx(() -> store().purgeTicket(last.id()));

      assertThat(listIds(page(SortOrder.NEWEST_FIRST, new Keyset(last.createdAt(), last.id()), MAX_LIMIT)))
          .containsExactlyElementsOf(ids(newest.subList(7, newest.size())));
    }

    @Test
    void walkAppliesTogetherWithScopeAndFilters() {
      VisibilityScope scope = VisibilityScope.company(acme);
      TicketFilter filter = TicketFilter.builder().createdTo(T0.plusSeconds(6)).build();
      List<String> expected =
          ids(fixture.stream().filter(t -> scope.matches(t) && t.createdAt().isBefore(T0.plusSeconds(6))).sorted(NEWEST_FIRST).toList());
      assertThat(expected).hasSizeGreaterThan(4);

      List<String> walked = new ArrayList<>();
      Keyset after = null;
      for (int guard = 0; guard < 50; guard++) {
        List<TicketRow> rows = store().list(query(scope, filter, SortOrder.NEWEST_FIRST, after, 2));
        assertThat(rows).hasSizeLessThanOrEqualTo(2);
        if (rows.isEmpty()) {
          break;
        }
        rows.forEach(r -> walked.add(r.ticket().id()));
        TicketRecord lastRow = rows.get(rows.size() - 1).ticket();
        after = new Keyset(lastRow.createdAt(), lastRow.id());
      }

      assertThat(walked).containsExactlyElementsOf(expected);
    }

    /** Walks the whole listing page by page, running {@code between} after every page. */
    private List<String> walk(SortOrder order, int pageSize, Runnable between) {
      List<String> walked = new ArrayList<>();
      Keyset after = null;
      for (int guard = 0; guard < 100; guard++) {
        List<TicketRow> rows = store().list(page(order, after, pageSize));
        assertThat(rows).hasSizeLessThanOrEqualTo(pageSize);
        if (rows.isEmpty()) {
          return walked;
        }
        rows.forEach(r -> walked.add(r.ticket().id()));
        TicketRecord last = rows.get(rows.size() - 1).ticket();
        after = new Keyset(last.createdAt(), last.id());
        between.run();
      }
      throw new AssertionError("the walk did not end after 100 pages: " + walked.size() + " rows");
    }

    private TicketQuery page(SortOrder order, @Nullable Keyset after, int limit) {
      return query(VisibilityScope.EVERYTHING, TicketFilter.none(), order, after, limit);
    }
  }

  // ==================================================================================== Search

  /**
   * The search term: case-insensitive, in title, description and visible comments, as the store's
   * {@link TicketStore#textMatching()} promises: a substring anywhere, or a phrase whose words begin
   * words of the text. Each promise is held exactly: a store finding less, or more, fails.
   */
  @Nested
  public class Search {

    private int titleSeq;

    @Test
    void termMatchesTitleCaseInsensitively() {
      TicketRecord hit = insertTicket(acme, "Unable to upload invoice", "The button does nothing");
      TicketRecord upper = insertTicket(acme, "UPLOADS FAIL", "Since Monday");
      insertTicket(acme, "Password reset", "No mail arrives");

      assertSearch("UPLOAD", CommentSearch.NONE, VisibilityScope.EVERYTHING, hit, upper);
      assertSearch("upload", CommentSearch.NONE, VisibilityScope.EVERYTHING, hit, upper);
      assertSearch("uNaBlE tO", CommentSearch.NONE, VisibilityScope.EVERYTHING, hit);
    }

    @Test
    void termMatchesDescriptionCaseInsensitively() {
      TicketRecord hit = insertTicket(acme, "Help", "I am unable to upload my files");
      insertTicket(acme, "Other", "Nothing to see");

      assertSearch("UNABLE TO UPLOAD", CommentSearch.NONE, VisibilityScope.EVERYTHING, hit);
    }

    @Test
    void termMatchesWordBeginningsWhateverTheStorePromises() {
      TicketRecord invoice = insertTicket(acme, "Wrong invoice total", "VAT missing");
      TicketRecord voice = insertTicket(acme, "Voice mail broken", "No sound");

      assertSearch("invoice tot", CommentSearch.NONE, VisibilityScope.EVERYTHING, invoice);
      assertSearch("VOICE MAI", CommentSearch.NONE, VisibilityScope.EVERYTHING, voice);
      assertSearch("vat miss", CommentSearch.NONE, VisibilityScope.EVERYTHING, invoice);
      assertSearch("total wrong", CommentSearch.NONE, VisibilityScope.EVERYTHING);
    }

    @Test
    void termMatchesInsideWordsOnlyWhenTheStorePromisesSubstrings() {
      TicketRecord invoice = insertTicket(acme, "Wrong invoice total", "VAT missing");
      TicketRecord voice = insertTicket(acme, "Voice mail broken", "No sound");

      switch (store().textMatching()) {
        case SUBSTRING -> {
          assertSearch("nvoic", CommentSearch.NONE, VisibilityScope.EVERYTHING, invoice);
          assertSearch("voice", CommentSearch.NONE, VisibilityScope.EVERYTHING, invoice, voice);
          assertSearch("AT MISS", CommentSearch.NONE, VisibilityScope.EVERYTHING, invoice);
        }
        case WORD_START -> {
          assertSearch("nvoic", CommentSearch.NONE, VisibilityScope.EVERYTHING);
          assertSearch("voice", CommentSearch.NONE, VisibilityScope.EVERYTHING, voice);
          assertSearch("oice total", CommentSearch.NONE, VisibilityScope.EVERYTHING);
        }
      }
    }

    @Test
    void commentTextMatchesAsTheStorePromises() {
      TicketRecord t = insertTicket(acme, "A", "a");
      tx(() -> store().insertComment(comment(t.id(), alice, "Charged twice by the gateway", false, T0.plusSeconds(1))));

      assertSearch("gateway", CommentSearch.PUBLIC, VisibilityScope.EVERYTHING, t);
      switch (store().textMatching()) {
        case SUBSTRING -> assertSearch("harged", CommentSearch.PUBLIC, VisibilityScope.EVERYTHING, t);
        case WORD_START -> assertSearch("harged", CommentSearch.PUBLIC, VisibilityScope.EVERYTHING);
      }
    }

    @Test
    void termOnlyInACommentDoesNotMatchWithoutCommentSearch() {
      TicketRecord t = insertTicket(acme, "Login problem", "Cannot sign in");
      tx(() -> {
        store().insertComment(comment(t.id(), alice, "It says zebra-token expired", false, T0.plusSeconds(1)));
        store().insertComment(comment(t.id(), ann, "Check the zebra-token service", true, T0.plusSeconds(2)));
      });

      assertSearch("zebra", CommentSearch.NONE, VisibilityScope.EVERYTHING);
    }

    @Test
    void publicCommentSearchMatchesPublicCommentsButNotInternalNotes() {
      TicketRecord publicHit = insertTicket(acme, "Login problem", "Cannot sign in");
      TicketRecord internalOnly = insertTicket(acme, "Billing", "Charged twice");
      insertTicket(acme, "Unrelated", "Nothing");
      tx(() -> {
        store().insertComment(comment(publicHit.id(), alice, "The screen shows ZEBRA-42", false, T0.plusSeconds(1)));
        store().insertComment(comment(internalOnly.id(), ann, "Same root cause as zebra-42", true, T0.plusSeconds(2)));
      });

      assertSearch("zebra-42", CommentSearch.PUBLIC, VisibilityScope.EVERYTHING, publicHit);
    }

    @Test
    void allCommentSearchMatchesPublicCommentsAndInternalNotes() {
      TicketRecord publicHit = insertTicket(acme, "Login problem", "Cannot sign in");
      TicketRecord internalHit = insertTicket(acme, "Billing", "Charged twice");
      insertTicket(acme, "Unrelated", "Nothing");
      tx(() -> {
        store().insertComment(comment(publicHit.id(), alice, "The screen shows ZEBRA-42", false, T0.plusSeconds(1)));
        store().insertComment(comment(internalHit.id(), ann, "Same root cause as zebra-42", true, T0.plusSeconds(2)));
      });

      assertSearch("Zebra-42", CommentSearch.ALL, VisibilityScope.EVERYTHING, publicHit, internalHit);
    }

    @Test
    void ticketWithSeveralMatchingCommentsIsListedOnce() {
      TicketRecord t = insertTicket(acme, "Printer jammed again", "Paper tray 2");
      TicketRecord other = insertTicket(acme, "Printer offline", "Paper tray 1");
      tx(() -> {
        for (int i = 0; i < 4; i++) {
          store().insertComment(comment(t.id(), ann, "Printer jammed, attempt " + i, i % 2 == 0, T0.plusSeconds(i + 1)));
        }
      });

      assertSearch("jammed", CommentSearch.ALL, VisibilityScope.EVERYTHING, t);
      assertSearch("printer", CommentSearch.ALL, VisibilityScope.EVERYTHING, t, other);
      assertSearch("jammed", CommentSearch.PUBLIC, VisibilityScope.EVERYTHING, t);
    }

    @Test
    void searchNeverLeavesTheScope() {
      TicketRecord acmeTicket = insertTicket(acme, "Upload broken", "Since update");
      TicketRecord globexTicket = insertTicket(globex, "Upload broken too", "Same here");
      TicketRecord globexByComment = insertTicket(globex, "Other", "Other");
      tx(() -> {
        store().insertComment(comment(globexByComment.id(), carol, "upload", false, T0.plusSeconds(1)));
        store().insertComment(comment(globexByComment.id(), ann, "upload", true, T0.plusSeconds(2)));
      });

      assertSearch("upload", CommentSearch.ALL, VisibilityScope.company(acme), acmeTicket);
      assertSearch("upload", CommentSearch.PUBLIC, VisibilityScope.company(globex), globexTicket, globexByComment);
      assertSearch("upload", CommentSearch.ALL, VisibilityScope.createdBy(alice, acme), acmeTicket);
      assertSearch("upload", CommentSearch.ALL, VisibilityScope.NOTHING);
    }

    @Test
    void searchCombinesWithTheOtherFilters() {
      TicketRecord open = insertTicket(acme, "Upload broken", "x");
      TicketRecord resolved = ticket(acme, alice, T0.plusSeconds(5)).edit()
          .title("Upload broken as well").status(Status.RESOLVED).resolvedAt(T0.plusSeconds(6)).build();
      insert(resolved);

      TicketQuery q = query(VisibilityScope.EVERYTHING,
          TicketFilter.builder().searchTerm("upload").status(Status.RESOLVED).build(), CommentSearch.ALL);

      assertThat(listIds(q)).containsExactly(resolved.id());
      assertThat(store().count(q)).isEqualTo(1);
      assertSearch("upload", CommentSearch.ALL, VisibilityScope.EVERYTHING, open, resolved);
    }

    @Test
    void softDeletedTicketsAreNotFoundBySearchUnlessIncluded() {
      TicketRecord live = insertTicket(acme, "Upload broken", "x");
      TicketRecord deleted = softDeleted(ticket(acme, alice, T0.plusSeconds(9)).edit().title("Upload broken, deleted").build(), T0.plusSeconds(10));
      insert(deleted);

      assertSearch("upload", CommentSearch.ALL, VisibilityScope.EVERYTHING, live);
      TicketQuery withDeleted = query(VisibilityScope.EVERYTHING,
          TicketFilter.builder().searchTerm("upload").includeDeleted(true).build(), CommentSearch.ALL);
      assertThat(listIds(withDeleted)).containsExactly(deleted.id(), live.id());
    }

    @Test
    void percentIsMatchedLiterally() {
      TicketRecord percent = insertTicket(acme, "Discount of 100% not applied", "x");
      insertTicket(acme, "Invoice 1000 missing", "x");
      insertTicket(acme, "Invoice 100 missing", "x");

      assertSearch("100%", CommentSearch.ALL, VisibilityScope.EVERYTHING, percent);
      assertSearch("%", CommentSearch.ALL, VisibilityScope.EVERYTHING, percent);
    }

    @Test
    void underscoreIsMatchedLiterally() {
      TicketRecord underscore = insertTicket(acme, "Field snake_case rejected", "x");
      insertTicket(acme, "Field snakeXcase rejected", "x");
      insertTicket(acme, "Other", "y");

      assertSearch("snake_case", CommentSearch.ALL, VisibilityScope.EVERYTHING, underscore);
      assertSearch("_", CommentSearch.ALL, VisibilityScope.EVERYTHING, underscore);
    }

    @Test
    void backslashIsMatchedLiterally() {
      TicketRecord backslash = insertTicket(acme, "Logs missing", "Nothing in C:\\temp\\app");
      insertTicket(acme, "Logs missing", "Nothing in C:temp");
      insertTicket(acme, "Logs missing", "Nothing in C:/temp");

      assertSearch("c:\\temp", CommentSearch.ALL, VisibilityScope.EVERYTHING, backslash);
      assertSearch("\\", CommentSearch.ALL, VisibilityScope.EVERYTHING, backslash);
    }

    @Test
    void quotesAreMatchedLiterally() {
      TicketRecord quoted = insertTicket(acme, "Laptop of O'Brien", "He said \"it's broken\"");
      insertTicket(acme, "Laptop of OBrien", "x");

      assertSearch("o'brien", CommentSearch.ALL, VisibilityScope.EVERYTHING, quoted);
      assertSearch("\"it's", CommentSearch.ALL, VisibilityScope.EVERYTHING, quoted);
      assertSearch("'; drop table tickets; --", CommentSearch.ALL, VisibilityScope.EVERYTHING);
      assertThat(store().count(everything())).isEqualTo(2);
    }

    @Test
    void metacharactersInCommentSearchAreMatchedLiterally() {
      TicketRecord hit = insertTicket(acme, "A", "a");
      TicketRecord miss = insertTicket(acme, "B", "b");
      tx(() -> {
        store().insertComment(comment(hit.id(), alice, "Charged 50% twice", false, T0.plusSeconds(1)));
        store().insertComment(comment(miss.id(), alice, "Charged 500 twice", false, T0.plusSeconds(1)));
      });

      assertSearch("50%", CommentSearch.PUBLIC, VisibilityScope.EVERYTHING, hit);
      assertSearch("500", CommentSearch.PUBLIC, VisibilityScope.EVERYTHING, miss);
    }

    private TicketRecord insertTicket(String company, String title, String description) {
      TicketRecord t = ticket(company, company.equals(acme) ? alice : carol, T0.plusSeconds(titleSeq++))
          .edit().title(title).description(description).build();
      insert(t);
      return t;
    }

    private void assertSearch(String term, CommentSearch commentSearch, VisibilityScope scope, TicketRecord... expected) {
      TicketQuery q = query(scope, TicketFilter.builder().searchTerm(term).build(), commentSearch);
      List<String> expectedIds = ids(java.util.Arrays.stream(expected).sorted(NEWEST_FIRST).toList());
      assertThat(listIds(q)).as("search '%s' (%s) in %s", term, commentSearch, scope).containsExactlyElementsOf(expectedIds);
      assertThat(store().count(q)).as("count of search '%s' (%s) in %s", term, commentSearch, scope).isEqualTo(expected.length);
    }
  }

  // ================================================================================== Activity

  /** Comment and attachment counts and last comment times, public and all. */
  @Nested
  public class ActivityFigures {

    private final TicketRecord busy = ticket(acme, alice, T0.plusSeconds(1));
    private final TicketRecord onlyNotes = ticket(acme, bob, T0.plusSeconds(2));
    private final TicketRecord noteBeforeReply = ticket(globex, carol, T0.plusSeconds(3));
    private final TicketRecord quiet = ticket(initech, dave, T0.plusSeconds(4));

    @BeforeEach
    void insertFixture() {
      CommentRecord first = comment(busy.id(), alice, "first", false, T0.plusSeconds(10));
      CommentRecord second = comment(busy.id(), ann, "second", false, T0.plusSeconds(30));
      CommentRecord note = comment(busy.id(), ann, "note", true, T0.plusSeconds(50));
      CommentRecord lonelyNote = comment(onlyNotes.id(), ann, "note", true, T0.plusSeconds(20));
      CommentRecord earlyNote = comment(noteBeforeReply.id(), ann, "note", true, T0.plusSeconds(35));
      CommentRecord lateReply = comment(noteBeforeReply.id(), carol, "reply", false, T0.plusSeconds(40));
      tx(() -> {
        insertAll(busy, onlyNotes, noteBeforeReply, quiet);
        // Newest first, so that "last" must come from the times, not from the insertion order.
        for (CommentRecord c : List.of(note, second, first, lonelyNote, lateReply, earlyNote)) {
          store().insertComment(c);
        }
        store().insertAttachment(attachment(busy.id(), null, false, "on-ticket.pdf", T0.plusSeconds(11)));
        store().insertAttachment(attachment(busy.id(), first.id(), false, "on-reply.png", T0.plusSeconds(12)));
        store().insertAttachment(attachment(busy.id(), note.id(), true, "on-note.log", T0.plusSeconds(51)));
        store().insertAttachment(attachment(onlyNotes.id(), lonelyNote.id(), true, "secret.log", T0.plusSeconds(21)));
      });
    }

    private Map<String, Activity> expected() {
      Map<String, Activity> m = new LinkedHashMap<>();
      m.put(busy.id(), new Activity(2, 3, 2, 3, T0.plusSeconds(30), T0.plusSeconds(50)));
      m.put(onlyNotes.id(), new Activity(0, 1, 0, 1, null, T0.plusSeconds(20)));
      m.put(noteBeforeReply.id(), new Activity(1, 2, 0, 0, T0.plusSeconds(40), T0.plusSeconds(40)));
      m.put(quiet.id(), Activity.NONE);
      return m;
    }

    @Test
    void listRowsCarryPublicAndAllFigures() {
      List<TicketRow> rows = store().list(everything());

      Map<String, Activity> actual =
          rows.stream().collect(Collectors.toMap(r -> r.ticket().id(), r -> normalized(r.activity())));
      assertThat(actual).isEqualTo(expected());
    }

    @Test
    void activityByIdAgreesWithTheFigures() {
      Map<String, Activity> expected = expected();
      Map<String, Activity> actual = store().activity(expected.keySet());

      for (Map.Entry<String, Activity> e : expected.entrySet()) {
        assertThat(normalized(actual.getOrDefault(e.getKey(), Activity.NONE))).as("activity of %s", e.getKey()).isEqualTo(e.getValue());
      }
      assertThat(actual.keySet()).isSubsetOf(expected.keySet());
    }

    @Test
    void activityOfASubsetOnlyConcernsThoseTickets() {
      Map<String, Activity> actual = store().activity(List.of(onlyNotes.id()));

      assertThat(actual).containsOnlyKeys(onlyNotes.id());
      assertThat(normalized(actual.get(onlyNotes.id()))).isEqualTo(expected().get(onlyNotes.id()));
      assertThat(store().activity(List.of())).isEmpty();
    }

    @Test
    void ticketWithoutCommentsOrAttachmentsHasZerosAndNulls() {
      TicketRow row = store().list(query(VisibilityScope.company(initech), TicketFilter.none())).get(0);

      assertThat(row.ticket().id()).isEqualTo(quiet.id());
      assertThat(row.activity()).isEqualTo(Activity.NONE);
      assertThat(store().activity(List.of(quiet.id())).getOrDefault(quiet.id(), Activity.NONE)).isEqualTo(Activity.NONE);
    }

    @Test
    void newCommentsMoveTheFigures() {
      tx(() -> {
        store().insertComment(comment(quiet.id(), dave, "hello?", false, T0.plusSeconds(60)));
        store().insertComment(comment(quiet.id(), ann, "customer waits", true, T0.plusSeconds(61)));
      });

      assertThat(normalized(store().activity(List.of(quiet.id())).get(quiet.id())))
          .isEqualTo(new Activity(1, 2, 0, 0, T0.plusSeconds(60), T0.plusSeconds(61)));
    }
  }

  // ===================================================================================== Stats

  /** {@link TicketStats} over the non-deleted tickets in scope, optionally of one company. */
  @Nested
  public class Stats {

    private List<TicketRecord> fixture = List.of();

    @BeforeEach
    void insertFixture() {
      fixture = variedTickets(42);
      insert(fixture);
    }

    @Test
    void everythingMatchesTheComputation() {
      TicketStats stats = store().stats(VisibilityScope.EVERYTHING, null);

      assertThat(stats).isEqualTo(expectedStats(fixture, VisibilityScope.EVERYTHING, null));
      assertThat(stats.total()).isPositive();
      assertThat(stats.urgent()).isPositive();
      assertThat(stats.high()).isPositive();
      assertThat(stats.unassigned()).isPositive();
    }

    @Test
    void statusCountsSumToTotal() {
      TicketStats stats = store().stats(VisibilityScope.EVERYTHING, null);

      long sum = 0;
      for (Status s : Status.values()) {
        assertThat(stats.count(s)).as("count of %s", s).isPositive();
        sum += stats.count(s);
      }
      assertThat(sum).isEqualTo(stats.total());
    }

    @Test
    void urgentHighAndUnassignedCountOnlyActiveTickets() {
      String company = newId();
      List<TicketRecord> tickets = new ArrayList<>();
      for (Status s : Status.values()) {
        tickets.add(ticket(company, alice, T0.plusSeconds(tickets.size())).edit().status(s).priority(Priority.URGENT).assigneeId(ann).build());
        tickets.add(ticket(company, alice, T0.plusSeconds(tickets.size())).edit().status(s).priority(Priority.HIGH).assigneeId(ben).build());
        tickets.add(ticket(company, alice, T0.plusSeconds(tickets.size())).edit().status(s).priority(Priority.LOW).assigneeId(null).build());
      }
      insert(tickets);

      TicketStats stats = store().stats(VisibilityScope.company(company), null);

      assertThat(stats).isEqualTo(new TicketStats(21, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4));
      assertThat(store().stats(VisibilityScope.EVERYTHING, company)).isEqualTo(stats);
    }

    @Test
    void scopeRestrictsTheFigures() {
      for (VisibilityScope scope : List.of(
          VisibilityScope.company(acme),
          VisibilityScope.company(globex),
          VisibilityScope.assignedTo(ann),
          VisibilityScope.createdBy(alice, acme),
          new VisibilityScope(false, null, initech, ben))) {
        TicketStats expected = expectedStats(fixture, scope, null);
        assertThat(expected.total()).as("fixture has tickets in %s", scope).isPositive();
        assertThat(store().stats(scope, null)).as("stats in %s", scope).isEqualTo(expected);
      }
    }

    @Test
    void companyIdRestrictsTheFigures() {
      for (String company : List.of(acme, globex, initech)) {
        assertThat(store().stats(VisibilityScope.EVERYTHING, company))
            .isEqualTo(expectedStats(fixture, VisibilityScope.EVERYTHING, company));
      }
      TicketStats annAtAcme = expectedStats(fixture, VisibilityScope.assignedTo(ann), acme);
      assertThat(annAtAcme.total()).isPositive();
      assertThat(store().stats(VisibilityScope.assignedTo(ann), acme)).isEqualTo(annAtAcme);
    }

    @Test
    void companyOutsideTheScopeAndNothingScopeGiveEmptyStats() {
      assertThat(store().stats(VisibilityScope.company(acme), globex)).isEqualTo(TicketStats.EMPTY);
      assertThat(store().stats(VisibilityScope.NOTHING, null)).isEqualTo(TicketStats.EMPTY);
      assertThat(store().stats(VisibilityScope.NOTHING, acme)).isEqualTo(TicketStats.EMPTY);
      assertThat(store().stats(VisibilityScope.EVERYTHING, newId())).isEqualTo(TicketStats.EMPTY);
    }

    @Test
    void softDeletedTicketsAreNotCounted() {
      String company = newId();
      TicketRecord live = ticket(company, alice, T0).edit().priority(Priority.URGENT).build();
      TicketRecord deleted = softDeleted(ticket(company, alice, T0.plusSeconds(1)).edit().priority(Priority.URGENT).build(), T0.plusSeconds(2))
          .edit().status(Status.OPEN).build();
      insert(live, deleted);

      assertThat(store().stats(VisibilityScope.company(company), null))
          .isEqualTo(new TicketStats(1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1));
      assertThat(fixture).anyMatch(TicketRecord::deleted);
    }
  }

  // ===================================================================================== Audit

  /** Audit entries round-trip and come back oldest first, per ticket. */
  @Nested
  public class Audit {

    @Test
    void historyRoundTripsEveryFieldOldestFirst() {
      TicketRecord t = ticket(acme, alice, T0);
      AuditEntry created = new AuditEntry(newId(), t.id(), AuditAction.CREATED, alice, Role.CUSTOMER, T0,
          List.of(new FieldChange("title", null, t.title()), new FieldChange("status", null, "OPEN")));
      AuditEntry assigned = new AuditEntry(newId(), t.id(), AuditAction.TICKET_ASSIGNED, admin, Role.ADMIN, T0.plusSeconds(60).plusNanos(7_000),
          List.of(new FieldChange("assignedTo", null, ann), new FieldChange("status", "OPEN", "IN_PROGRESS")));
      AuditEntry unassigned = new AuditEntry(newId(), t.id(), AuditAction.TICKET_UNASSIGNED, admin, Role.SUPER_ADMIN, T0.plusSeconds(120),
          List.of(new FieldChange("assignedTo", ann, null)));
      tx(() -> {
        store().insertTicket(t);
        store().appendAudit(created);
        store().appendAudit(assigned);
      });
      tx(() -> store().appendAudit(unassigned));

      assertThat(normalizedHistory(store().history(t.id()))).containsExactly(created, assigned, unassigned);
    }

    @Test
    void entryWithoutChangesRoundTrips() {
      TicketRecord t = ticket(acme, alice, T0);
      AuditEntry deleted = new AuditEntry(newId(), t.id(), AuditAction.DELETED, alice, Role.CUSTOMER, T0.plusSeconds(5), List.of());
      tx(() -> {
        store().insertTicket(t);
        store().appendAudit(deleted);
      });

      List<AuditEntry> history = store().history(t.id());

      assertThat(normalizedHistory(history)).containsExactly(deleted);
      assertThat(history.get(0).changes()).isEmpty();
    }

    @Test
    void changeValuesKeepTheirOrderTextAndNulls() {
      TicketRecord t = ticket(acme, alice, T0);
      String longText = repeat("Ünïcødé 🎫 ", 10_000).substring(0, 10_000);
      AuditEntry updated = new AuditEntry(newId(), t.id(), AuditAction.UPDATED, alice, Role.CUSTOMER, T0.plusSeconds(5),
          List.of(
              new FieldChange("title", "Old title", "New title"),
              new FieldChange("description", longText, longText.substring(0, 9_994) + "edited"),
              new FieldChange("category", null, null),
              new FieldChange("priority", "LOW", "URGENT"),
              new FieldChange("comment", null, newId())));
      tx(() -> {
        store().insertTicket(t);
        store().appendAudit(updated);
      });

      assertThat(normalizedHistory(store().history(t.id()))).containsExactly(updated);
    }

    @Test
    void everyActionAndRoleRoundTrips() {
      TicketRecord t = ticket(acme, alice, T0);
      List<AuditEntry> entries = new ArrayList<>();
      Role[] roles = Role.values();
      for (AuditAction action : AuditAction.values()) {
        entries.add(new AuditEntry(newId(), t.id(), action, admin, roles[entries.size() % roles.length],
            T0.plusSeconds(entries.size() + 1), List.of(new FieldChange("status", "OPEN", action.name()))));
      }
      tx(() -> {
        store().insertTicket(t);
        entries.forEach(store()::appendAudit);
      });

      assertThat(normalizedHistory(store().history(t.id()))).containsExactlyElementsOf(entries);
    }

    @Test
    void historyIsPerTicket() {
      TicketRecord a = ticket(acme, alice, T0);
      TicketRecord b = ticket(globex, carol, T0);
      AuditEntry ofA = audit(a.id(), AuditAction.CREATED, T0);
      AuditEntry ofB = audit(b.id(), AuditAction.CREATED, T0);
      AuditEntry ofB2 = audit(b.id(), AuditAction.TICKET_RESOLVED, T0.plusSeconds(1));
      tx(() -> {
        insertAll(a, b);
        store().appendAudit(ofB2);
        store().appendAudit(ofA);
        store().appendAudit(ofB);
      });

      assertThat(normalizedHistory(store().history(a.id()))).containsExactly(ofA);
      assertThat(normalizedHistory(store().history(b.id()))).containsExactly(ofB, ofB2);
      assertThat(store().history(newId())).isEmpty();
    }
  }

  // ==================================================================== Soft delete and purge

  /** Soft-deleted tickets stay readable by id; purge erases a ticket and everything of it. */
  @Nested
  public class SoftDeleteAndPurge {

    @Test
    void softDeletedTicketIsStillFoundByIdButNotListed() {
      TicketRecord t = ticket(acme, alice, T0);
      insert(t);
      TicketRecord deleted = tx(() -> store().updateTicket(softDeleted(t, T0.plusSeconds(60))));

      assertThat(found(t.id())).isEqualTo(normalized(deleted));
      assertThat(found(t.id()).deleted()).isTrue();
      assertThat(store().list(everything())).isEmpty();
      assertThat(store().count(everything())).isZero();
      assertThat(store().stats(VisibilityScope.EVERYTHING, null)).isEqualTo(TicketStats.EMPTY);
    }

    @Test
    void restoredTicketIsListedAgain() {
      TicketRecord t = ticket(acme, alice, T0).edit().status(Status.IN_PROGRESS).assigneeId(ann).build();
      insert(t);
      TicketRecord deleted = tx(() -> store().updateTicket(softDeleted(t, T0.plusSeconds(60))));

      TicketRecord restored = tx(() -> store().updateTicket(deleted.edit()
          .status(Status.IN_PROGRESS).deletedAt(null).deletedBy(null).statusBeforeDelete(null)
          .updatedAt(T0.plusSeconds(120)).build()));

      assertThat(restored.version()).isEqualTo(2);
      assertThat(listIds(everything())).containsExactly(t.id());
      assertThat(store().stats(VisibilityScope.EVERYTHING, null).inProgress()).isEqualTo(1);
    }

    @Test
    void purgeRemovesTheTicketAndEverythingOfItAndReturnsItsObjectKeys() {
      Family doomed = family(acme, alice);
      Family kept = family(globex, carol);

      PurgedTicket purged = tx(() -> store().purgeTicket(doomed.ticket.id()));

      doomed.assertGivenUp(purged);
      assertThat(store().findTicket(doomed.ticket.id())).isEmpty();
      assertThat(store().findTickets(List.of(doomed.ticket.id()))).isEmpty();
      assertThat(store().comments(doomed.ticket.id(), true)).isEmpty();
      for (CommentRecord c : doomed.comments) {
        assertThat(store().findComment(c.id())).isEmpty();
      }
      assertThat(store().findCommentByExternalId(Objects.requireNonNull(doomed.comments.get(0).externalId()))).isEmpty();
      assertThat(store().attachments(doomed.ticket.id(), true)).isEmpty();
      for (UploadGrant g : doomed.grants) {
        assertThat(store().findUploadGrant(g.objectKey())).isEmpty();
      }
      assertThat(store().history(doomed.ticket.id())).isEmpty();
      assertThat(store().activity(List.of(doomed.ticket.id())).getOrDefault(doomed.ticket.id(), Activity.NONE))
          .isEqualTo(Activity.NONE);
      assertThat(listIds(query(VisibilityScope.EVERYTHING, TicketFilter.builder().includeDeleted(true).build())))
          .containsExactly(kept.ticket.id());
      kept.assertIntact();
    }

    @Test
    void purgeOfASoftDeletedTicketWorksToo() {
      Family doomed = family(acme, alice);
      tx(() -> store().updateTicket(softDeleted(doomed.ticket, T0.plusSeconds(500))));

      PurgedTicket purged = tx(() -> store().purgeTicket(doomed.ticket.id()));

      doomed.assertGivenUp(purged);
      assertThat(store().findTicket(doomed.ticket.id())).isEmpty();
      assertThat(store().count(query(VisibilityScope.EVERYTHING, TicketFilter.builder().includeDeleted(true).build()))).isZero();
    }

    @Test
    void purgeOfATicketWithoutFilesReturnsNoKeys() {
      TicketRecord t = ticket(acme, alice, T0);
      insert(t);
      tx(() -> store().appendAudit(audit(t.id(), AuditAction.CREATED, T0)));

      assertThat(tx(() -> store().purgeTicket(t.id()))).isEqualTo(PurgedTicket.NONE);
      assertThat(store().findTicket(t.id())).isEmpty();
      assertThat(store().history(t.id())).isEmpty();
    }

    @Test
    void purgeRemovesTheTicketsNotificationsInEveryStateAndKeepsOthers() {
      TicketRecord purged = ticket(acme, alice, T0);
      TicketRecord kept = ticket(acme, bob, T0.plusSeconds(1));
      insert(purged);
      insert(kept);
      NotificationRequest pending = notification(purged.id(), T0);
      NotificationRequest dead = notification(purged.id(), T0.plusSeconds(1));
      NotificationRequest resolved = notification(purged.id(), T0.plusSeconds(2));
      NotificationRequest other = notification(kept.id(), T0.plusSeconds(3));
      tx(() -> {
        store().enqueue(List.of(pending, dead, resolved, other));
        return null;
      });
      List<String> requests = List.of(OutboxStore.RECIPIENTS);
      store().outbox().claimDue("dispatcher-a", LATER, LEASE, 10, requests);
      store().outbox().markFailed(dead.id(), "dispatcher-a", 10, null, "gave up");
      store().outbox().markFailed(pending.id(), "dispatcher-a", 1, LATER, "retry later");
      store().outbox().markFailed(other.id(), "dispatcher-a", 1, LATER, "retry later");
      // One that was resolved already: its delivery is the ticket's too.
      store().outbox().markResolved(resolved.id(), "dispatcher-a", LATER, List.of(
          OutboxEntry.delivery(newId(), "mail", resolved.toNotification(newId(), "someone"), LATER)));

      tx(() -> store().purgeTicket(purged.id()));

      assertThat(store().outbox().deadCount()).isZero();
      assertThat(store().outbox().pendingCount()).isEqualTo(1);
      assertThat(store().outbox().list(OutboxState.DELIVERED, null, 10)).isEmpty();
      assertThat(store().outbox().claimDue("dispatcher-b", LATER.plusSeconds(60), LEASE, 10, List.of("mail", OutboxStore.RECIPIENTS)))
          .extracting(OutboxEntry::id)
          .containsExactly(other.id());
    }

    @Test
    void purgeInARolledBackUnitKeepsEverything() {
      Family family = family(acme, alice);

      assertThatThrownBy(() -> tx(() -> {
        store().purgeTicket(family.ticket.id());
        throw new IllegalStateException("blob deletion failed");
      })).isInstanceOf(IllegalStateException.class);

      family.assertIntact();
    }

    /** A ticket with comments, attachments, grants and audit entries. */
    private final class Family {
      final TicketRecord ticket;
      final List<CommentRecord> comments;
      final List<AttachmentRecord> attachments;
      final List<UploadGrant> grants;
      final List<AuditEntry> history;

      Family(TicketRecord ticket, List<CommentRecord> comments, List<AttachmentRecord> attachments,
          List<UploadGrant> grants, List<AuditEntry> history) {
        this.ticket = ticket;
        this.comments = comments;
        this.attachments = attachments;
        this.grants = grants;
        this.history = history;
      }

      void assertGivenUp(PurgedTicket purged) {
        assertThat(purged.attachmentKeys()).containsExactlyInAnyOrderElementsOf(
            attachments.stream().map(AttachmentRecord::objectKey).toList());
        assertThat(purged.uploadGrants()).extracting(TicketStoreContract::normalized)
            .containsExactlyInAnyOrderElementsOf(grants);
      }

      void assertIntact() {
        assertThat(found(ticket.id())).isEqualTo(ticket);
        assertThat(normalizedComments(store().comments(ticket.id(), true))).containsExactlyElementsOf(comments);
        assertThat(normalizedAttachments(store().attachments(ticket.id(), true))).containsExactlyElementsOf(attachments);
        for (UploadGrant g : grants) {
          assertThat(store().findUploadGrant(g.objectKey()).map(TicketStoreContract::normalized)).contains(g);
        }
        assertThat(normalizedHistory(store().history(ticket.id()))).containsExactlyElementsOf(history);
      }
    }

    private Family family(String company, String customer) {
      TicketRecord t = ticket(company, customer, T0);
      CommentRecord reply = withExternalId(comment(t.id(), customer, "reply", false, T0.plusSeconds(1)), "ext-" + newId());
      CommentRecord note = comment(t.id(), ann, "note", true, T0.plusSeconds(2));
      List<AttachmentRecord> attachments = List.of(
          attachment(t.id(), null, false, "a.pdf", T0.plusSeconds(3)),
          attachment(t.id(), reply.id(), false, "b.png", T0.plusSeconds(4)),
          attachment(t.id(), note.id(), true, "c.log", T0.plusSeconds(5)));
      List<UploadGrant> grants = List.of(grant(t.id(), customer, "d.jpg"), grant(t.id(), ann, "e.txt"));
      List<AuditEntry> history = List.of(audit(t.id(), AuditAction.CREATED, T0), audit(t.id(), AuditAction.TICKET_COMMENT_ADDED, T0.plusSeconds(1)));
      tx(() -> {
        store().insertTicket(t);
        store().insertComment(reply);
        store().insertComment(note);
        attachments.forEach(store()::insertAttachment);
        grants.forEach(store()::saveUploadGrant);
        history.forEach(store()::appendAudit);
      });
      return new Family(t, List.of(reply, note), attachments, grants, history);
    }
  }

  // ===================================================== Upload grants and scheduled deletions

  /**
   * Claims on upload grants (one confirmation at a time), the expiry query the sweeper runs, and the
   * durable schedule of object deletions.
   */
  @Nested
  public class UploadGrantsAndObjectDeletions {

    private UploadGrant saved(String fileName, Instant expiresAt) {
      TicketRecord t = ticket(acme, alice, T0);
      UploadGrant g = grant(t.id(), alice, fileName, expiresAt);
      tx(() -> {
        store().insertTicket(t);
        store().saveUploadGrant(g);
      });
      return g;
    }

    private boolean claim(String key, String claim, Instant now, Instant until) {
      return store().inTransaction(() -> store().claimUploadGrant(key, claim, now, until));
    }

    @Test
    void aClaimHoldsTheGrantUntilItEndsOrIsReleased() {
      UploadGrant g = saved("a.png", T0.plusSeconds(7_200));
      Instant now = T0.plusSeconds(200);

      assertThat(claim(g.objectKey(), "first", now, now.plusSeconds(300))).isTrue();
      assertThat(claim(g.objectKey(), "second", now.plusSeconds(299), now.plusSeconds(600))).as("still held").isFalse();
      assertThat(claim("tickets/attachments/unknown/k/x.png", "first", now, now.plusSeconds(300))).isFalse();
      assertThat(tx(() -> store().releaseUploadGrant(g.objectKey(), "second"))).as("not its holder").isFalse();
      assertThat(tx(() -> store().releaseUploadGrant(g.objectKey(), "first"))).isTrue();
      assertThat(tx(() -> store().releaseUploadGrant(g.objectKey(), "first"))).as("released already").isFalse();

      assertThat(claim(g.objectKey(), "second", now.plusSeconds(1), now.plusSeconds(301))).isTrue();
      // A claim that ended may be taken over; the old holder can then neither release nor complete it.
      assertThat(claim(g.objectKey(), "third", now.plusSeconds(301), now.plusSeconds(601))).isTrue();
      assertThat(tx(() -> store().releaseUploadGrant(g.objectKey(), "second"))).isFalse();
      assertThat(tx(() -> store().deleteClaimedUploadGrant(g.objectKey(), "second"))).isFalse();
      assertThat(store().findUploadGrant(g.objectKey()).map(TicketStoreContract::normalized)).contains(g);

      assertThat(tx(() -> store().deleteClaimedUploadGrant(g.objectKey(), "third"))).isTrue();
      assertThat(store().findUploadGrant(g.objectKey())).isEmpty();
      assertThat(tx(() -> store().deleteClaimedUploadGrant(g.objectKey(), "third"))).isFalse();
      assertThat(tx(() -> store().deleteUploadGrant(g.objectKey()))).isFalse();
      assertThat(claim(g.objectKey(), "fourth", now.plusSeconds(700), now.plusSeconds(900))).isFalse();
    }

    @Test
    void anUnclaimedGrantIsNotCompletedAndDeletingIgnoresClaims() {
      UploadGrant g = saved("a.png", T0.plusSeconds(7_200));
      assertThat(tx(() -> store().deleteClaimedUploadGrant(g.objectKey(), "nobody"))).isFalse();
      assertThat(store().findUploadGrant(g.objectKey())).isPresent();

      assertThat(claim(g.objectKey(), "holder", T0, T0.plusSeconds(300))).isTrue();
      assertThat(tx(() -> store().deleteUploadGrant(g.objectKey()))).isTrue();
      assertThat(store().findUploadGrant(g.objectKey())).isEmpty();
      assertThat(tx(() -> store().releaseUploadGrant(g.objectKey(), "holder"))).isFalse();
    }

    @Test
    void savingAGrantAgainReplacesItUnclaimed() {
      UploadGrant g = saved("a.png", T0.plusSeconds(7_200));
      assertThat(claim(g.objectKey(), "holder", T0, T0.plusSeconds(300))).isTrue();
      UploadGrant replaced = new UploadGrant(g.objectKey(), "tickets/staging/" + newId(), g.ticketId(), bob,
          g.fileName(), g.contentType(), 7L, T0.plusSeconds(150), T0.plusSeconds(9_000));

      tx(() -> store().saveUploadGrant(replaced));

      assertThat(store().findUploadGrant(g.objectKey()).map(TicketStoreContract::normalized)).contains(replaced);
      assertThat(claim(g.objectKey(), "other", T0.plusSeconds(1), T0.plusSeconds(301))).isTrue();
    }

    @Test
    void aRolledBackClaimOrCompletionLeavesTheGrantAsItWas() {
      UploadGrant g = saved("a.png", T0.plusSeconds(7_200));

      assertThatThrownBy(() -> tx(() -> {
        store().claimUploadGrant(g.objectKey(), "holder", T0, T0.plusSeconds(300));
        store().deleteClaimedUploadGrant(g.objectKey(), "holder");
        throw new IllegalStateException("the attachment insert failed");
      })).isInstanceOf(IllegalStateException.class);

      assertThat(store().findUploadGrant(g.objectKey()).map(TicketStoreContract::normalized)).contains(g);
      assertThat(claim(g.objectKey(), "other", T0, T0.plusSeconds(300))).as("no claim survived").isTrue();
    }

    @Test
    void expiredGrantsComeEarliestFirstUpToTheLimitWhateverTheirClaim() {
      UploadGrant later = saved("later.png", T0.plusSeconds(3_000));
      UploadGrant first = saved("first.png", T0.plusSeconds(1_000));
      UploadGrant second = saved("second.png", T0.plusSeconds(2_000));
      UploadGrant atCutoff = saved("cutoff.png", T0.plusSeconds(2_500));
      UploadGrant notYet = saved("not-yet.png", T0.plusSeconds(2_500).plusNanos(1_000));
      assertThat(claim(second.objectKey(), "holder", T0, T0.plusSeconds(99_999))).isTrue();
      Instant cutoff = T0.plusSeconds(2_500);

      assertThat(store().expiredUploadGrants(cutoff, 10)).extracting(UploadGrant::objectKey)
          .containsExactly(first.objectKey(), second.objectKey(), atCutoff.objectKey());
      assertThat(store().expiredUploadGrants(cutoff, 2)).extracting(TicketStoreContract::normalized)
          .containsExactly(first, second);
      assertThat(store().expiredUploadGrants(T0, 10)).isEmpty();
      assertThat(store().expiredUploadGrants(LATER, 10)).extracting(UploadGrant::objectKey)
          .containsExactly(first.objectKey(), second.objectKey(), atCutoff.objectKey(), notYet.objectKey(),
              later.objectKey());
    }

    @Test
    void expiredGrantsWithTheSameExpiryComeInKeyOrder() {
      Instant at = T0.plusSeconds(1_000);
      List<UploadGrant> grants = List.of(saved("c.png", at), saved("a.png", at), saved("b.png", at));

      assertThat(store().expiredUploadGrants(at, 10)).extracting(UploadGrant::objectKey)
          .containsExactlyElementsOf(grants.stream().map(UploadGrant::objectKey).sorted().toList());
    }

    @Test
    void scheduledDeletionsComeDueInOrderAndAreCancelled() {
      tx(() -> store().scheduleObjectDeletions(List.of(
          new ObjectDeletion("tickets/staging/b", T0.plusSeconds(20)),
          new ObjectDeletion("tickets/staging/a", T0.plusSeconds(20)),
          new ObjectDeletion("tickets/attachments/t/r/x.pdf", T0.plusSeconds(10)),
          new ObjectDeletion("tickets/staging/later", T0.plusSeconds(30)))));

      assertThat(store().dueObjectDeletions(T0.plusSeconds(20), 10)).extracting(TicketStoreContract::normalized)
          .containsExactly(
              new ObjectDeletion("tickets/attachments/t/r/x.pdf", T0.plusSeconds(10)),
              new ObjectDeletion("tickets/staging/a", T0.plusSeconds(20)),
              new ObjectDeletion("tickets/staging/b", T0.plusSeconds(20)));
      assertThat(store().dueObjectDeletions(T0.plusSeconds(20), 1)).extracting(ObjectDeletion::objectKey)
          .containsExactly("tickets/attachments/t/r/x.pdf");
      assertThat(store().dueObjectDeletions(T0.plusSeconds(9), 10)).isEmpty();

      assertThat(tx(() -> store().cancelObjectDeletions(List.of("tickets/staging/a", "tickets/staging/a", "unknown"))))
          .isEqualTo(1);
      assertThat(tx(() -> store().cancelObjectDeletions(List.of()))).isZero();
      assertThat(store().dueObjectDeletions(LATER, 10)).extracting(ObjectDeletion::objectKey)
          .containsExactly("tickets/attachments/t/r/x.pdf", "tickets/staging/b", "tickets/staging/later");
    }

    @Test
    void schedulingAKeyAgainKeepsTheLaterTime() {
      String key = "tickets/staging/" + newId();
      tx(() -> store().scheduleObjectDeletions(List.of(new ObjectDeletion(key, T0.plusSeconds(100)))));
      tx(() -> store().scheduleObjectDeletions(List.of(new ObjectDeletion(key, T0.plusSeconds(50)))));
      assertThat(store().dueObjectDeletions(T0.plusSeconds(99), 10)).isEmpty();

      tx(() -> store().scheduleObjectDeletions(List.of(new ObjectDeletion(key, T0.plusSeconds(500)),
          new ObjectDeletion(key, T0.plusSeconds(200)))));
      assertThat(store().dueObjectDeletions(LATER, 10)).extracting(TicketStoreContract::normalized)
          .containsExactly(new ObjectDeletion(key, T0.plusSeconds(500)));
    }

    @Test
    void aRolledBackUnitSchedulesAndCancelsNothing() {
      tx(() -> store().scheduleObjectDeletions(List.of(new ObjectDeletion("kept", T0))));

      assertThatThrownBy(() -> tx(() -> {
        store().scheduleObjectDeletions(List.of(new ObjectDeletion("new", T0), new ObjectDeletion("kept", T0.plusSeconds(9))));
        store().cancelObjectDeletions(List.of("kept"));
        throw new IllegalStateException("boom");
      })).isInstanceOf(IllegalStateException.class);

      assertThat(store().dueObjectDeletions(LATER, 10)).extracting(TicketStoreContract::normalized)
          .containsExactly(new ObjectDeletion("kept", T0));
    }

    @Test
    void purgeGivesUpTheGrantsWithTheirStagingKeysAndLeavesTheScheduleAlone() {
      TicketRecord t = ticket(acme, alice, T0);
      UploadGrant claimed = grant(t.id(), alice, "claimed.png");
      UploadGrant open = grant(t.id(), ann, "open.txt");
      AttachmentRecord file = attachment(t.id(), null, false, "file.pdf", T0.plusSeconds(5));
      tx(() -> {
        store().insertTicket(t);
        store().saveUploadGrant(claimed);
        store().saveUploadGrant(open);
        store().insertAttachment(file);
        store().scheduleObjectDeletions(List.of(new ObjectDeletion(claimed.stagingKey(), T0)));
      });
      assertThat(claim(claimed.objectKey(), "holder", T0, T0.plusSeconds(300))).isTrue();

      PurgedTicket purged = tx(() -> store().purgeTicket(t.id()));

      assertThat(purged.attachmentKeys()).containsExactly(file.objectKey());
      assertThat(purged.uploadGrants()).extracting(TicketStoreContract::normalized)
          .containsExactlyInAnyOrder(claimed, open);
      assertThat(store().findUploadGrant(claimed.objectKey())).isEmpty();
      assertThat(tx(() -> store().deleteClaimedUploadGrant(claimed.objectKey(), "holder"))).isFalse();
      assertThat(store().dueObjectDeletions(LATER, 10)).extracting(ObjectDeletion::objectKey)
          .containsExactly(claimed.stagingKey());
    }

    @Test
    @Timeout(120)
    void concurrentClaimsAndDeletesTakeEachGrantOnce() throws Exception {
      List<UploadGrant> grants = IntStream.range(0, 6)
          .mapToObj(i -> saved("g" + i + ".png", T0.plusSeconds(1_000 + i)))
          .toList();
      int threads = 4;

      // Claims: every grant is claimed by exactly one racer.
      List<Outcome<List<String>>> claims = race(threads, i -> () -> {
        List<String> mine = new ArrayList<>();
        for (UploadGrant g : grants) {
          if (claim(g.objectKey(), "racer-" + i, T0, T0.plusSeconds(300))) {
            mine.add(g.objectKey());
          }
        }
        return mine;
      });
      List<String> claimed = new ArrayList<>();
      for (Outcome<List<String>> o : claims) {
        assertThat(o.failure()).as(o.stackTrace()).isNull();
        claimed.addAll(Objects.requireNonNull(o.value()));
      }
      assertThat(claimed).doesNotHaveDuplicates().hasSize(grants.size());

      // Sweeps: each expired grant is taken by exactly one unit of work.
      List<Outcome<List<String>>> sweeps = race(threads, i -> () -> store().inTransaction(() -> {
        List<String> mine = new ArrayList<>();
        for (UploadGrant g : store().expiredUploadGrants(LATER, 100)) {
          if (store().deleteUploadGrant(g.objectKey())) {
            mine.add(g.objectKey());
          }
        }
        return mine;
      }));
      List<String> taken = new ArrayList<>();
      for (Outcome<List<String>> o : sweeps) {
        assertThat(o.failure()).as(o.stackTrace()).isNull();
        taken.addAll(Objects.requireNonNull(o.value()));
      }
      assertThat(taken).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(grants.stream().map(UploadGrant::objectKey).toList());
      assertThat(store().expiredUploadGrants(LATER, 100)).isEmpty();
    }
  }

  // =============================================================================== Concurrency

  /** No lost update; comments never conflict with ticket changes. (Outbox claims: {@link OutboxStoreContract}.) */
  @Nested
  @Timeout(120)
  public class Concurrency {

    private static final int THREADS = 8;

    @Test
    void concurrentReadThenUpdateNeverLosesAnUpdate() throws Exception {
      TicketRecord t = ticket(acme, alice, T0);
      insert(t);

      List<Outcome<TicketRecord>> outcomes =
          race(THREADS, i -> () -> store().inTransaction(() -> {
            TicketRecord current = store().findTicket(t.id()).orElseThrow();
            return store().updateTicket(current.edit()
                .title("Edited by thread " + i)
                .updatedAt(T0.plusSeconds(i + 1))
                .build());
          }));

      List<TicketRecord> applied = new ArrayList<>();
      for (Outcome<TicketRecord> o : outcomes) {
        if (o.failure() == null) {
          applied.add(Objects.requireNonNull(o.value()));
        } else {
          assertThat(o.failure()).as(o.stackTrace()).isInstanceOf(ConcurrentModificationException.class);
        }
      }
      assertThat(applied).isNotEmpty();
      TicketRecord stored = found(t.id());
      assertThat(stored.version()).isEqualTo(applied.size());
      assertThat(applied).extracting(TicketRecord::version)
          .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, applied.size()).boxed().toList());
      TicketRecord lastApplied = applied.stream().max(Comparator.comparingLong(TicketRecord::version)).orElseThrow();
      assertThat(stored.title()).isEqualTo(lastApplied.title());
    }

    @Test
    void commentsAddedDuringTicketUpdatesAreAllStoredAndNeverFail() throws Exception {
      TicketRecord t = ticket(acme, alice, T0);
      insert(t);
      int commenters = 4;
      int commentsEach = 20;
      int updates = 30;
      Set<String> written = ConcurrentHashMap.newKeySet();

      List<Outcome<Integer>> outcomes =
          race(commenters + 1, i -> () -> {
            if (i == 0) {
              for (int u = 0; u < updates; u++) {
                int round = u;
                store().inTransaction(() -> {
                  TicketRecord current = store().findTicket(t.id()).orElseThrow();
                  return store().updateTicket(current.edit()
                      .priority(Priority.values()[round % Priority.values().length])
                      .updatedAt(T0.plusSeconds(round + 1))
                      .build());
                });
              }
              return updates;
            }
            for (int c = 0; c < commentsEach; c++) {
              CommentRecord comment = comment(t.id(), i % 2 == 0 ? ann : alice,
                  "comment " + c + " from thread " + i, i % 2 == 0, T0.plusSeconds(1_000L * i + c).plusNanos(1_000));
              tx(() -> store().insertComment(comment));
              written.add(comment.id());
            }
            return commentsEach;
          });

      for (Outcome<Integer> o : outcomes) {
        assertThat(o.failure()).as(o.stackTrace()).isNull();
      }
      assertThat(written).hasSize(commenters * commentsEach);
      List<String> stored = store().comments(t.id(), true).stream().map(CommentRecord::id).toList();
      assertThat(stored).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(written);
      assertThat(found(t.id()).version()).isEqualTo(updates);
      assertThat(store().activity(List.of(t.id())).get(t.id()).allComments()).isEqualTo(commenters * commentsEach);
    }

    @Test
    void concurrentUnitsOfWorkOnDifferentTicketsAllCommit() throws Exception {
      List<TicketRecord> tickets = IntStream.range(0, THREADS)
          .mapToObj(i -> ticket(i % 2 == 0 ? acme : globex, i % 2 == 0 ? alice : carol, T0.plusSeconds(i)))
          .toList();

      List<Outcome<String>> outcomes =
          race(THREADS, i -> () -> store().inTransaction(() -> {
            TicketRecord t = tickets.get(i);
            store().insertTicket(t);
            store().appendAudit(audit(t.id(), AuditAction.CREATED, t.createdAt()));
            store().insertComment(comment(t.id(), t.createdBy(), "first", false, t.createdAt().plusSeconds(1)));
            store().enqueue(List.of(notification(t.id(), t.createdAt())));
            return t.id();
          }));

      for (Outcome<String> o : outcomes) {
        assertThat(o.failure()).as(o.stackTrace()).isNull();
      }
      assertThat(listIds(everything())).containsExactlyElementsOf(ids(tickets.stream().sorted(NEWEST_FIRST).toList()));
      assertThat(outbox().pendingCount()).isEqualTo(THREADS);
      for (TicketRecord t : tickets) {
        assertThat(store().history(t.id())).hasSize(1);
        assertThat(store().comments(t.id(), false)).hasSize(1);
      }
    }
  }

  // ========================================================================= helpers: records

  /** A new random id, as the default id generator would make. */
  protected static String newId() {
    return UUID.randomUUID().toString();
  }

  /** {@code n} fresh ids in ascending order. */
  protected static List<String> sortedIds(int n) {
    return IntStream.range(0, n).mapToObj(i -> newId()).sorted().toList();
  }

  /** An OPEN, MEDIUM, TECHNICAL, unassigned ticket created at {@code createdAt}. */
  protected static TicketRecord ticket(String companyId, String createdBy, Instant createdAt) {
    return ticketWithId(newId(), companyId, createdBy, createdAt);
  }

  protected static TicketRecord ticketWithId(String id, String companyId, String createdBy, Instant createdAt) {
    return new TicketRecord(id, companyId, createdBy, "Printer on floor 3 is jammed",
        "It shows error E-42 after every second page.", Status.OPEN, Priority.MEDIUM, Category.TECHNICAL,
        null, createdAt, createdAt, null, null, null, null, null, 0);
  }

  /** The ticket soft-deleted by the admin at {@code at}, as the service does it. */
  protected TicketRecord softDeleted(TicketRecord t, Instant at) {
    return t.edit().statusBeforeDelete(t.status()).status(Status.CANCELLED).deletedAt(at).deletedBy(admin).updatedAt(at).build();
  }

  protected static CommentRecord comment(String ticketId, String authorId, String content, boolean internal, Instant at) {
    return new CommentRecord(newId(), ticketId, authorId, content, internal, null, at, at);
  }

  protected static CommentRecord withExternalId(CommentRecord c, String externalId) {
    return new CommentRecord(c.id(), c.ticketId(), c.authorId(), c.content(), c.internal(), externalId, c.createdAt(), c.updatedAt());
  }

  protected static AttachmentRecord attachment(String ticketId, @Nullable String commentId, boolean internal, String fileName, Instant at) {
    return new AttachmentRecord(newId(), ticketId, commentId, internal, objectKey(ticketId, fileName), fileName,
        contentType(fileName), 1_024L + fileName.length(), "uploader-" + ticketId.substring(0, 8), at);
  }

  protected static UploadGrant grant(String ticketId, String issuedTo, String fileName) {
    return grant(ticketId, issuedTo, fileName, T0.plusSeconds(7_300));
  }

  protected static UploadGrant grant(String ticketId, String issuedTo, String fileName, Instant expiresAt) {
    return new UploadGrant(objectKey(ticketId, fileName), "tickets/staging/" + newId(), ticketId, issuedTo, fileName,
        contentType(fileName), 48_213L, T0.plusSeconds(100), expiresAt);
  }

  protected static AuditEntry audit(String ticketId, AuditAction action, Instant at) {
    return new AuditEntry(newId(), ticketId, action, "actor-" + ticketId.substring(0, 8), Role.ADMIN, at,
        List.of(new FieldChange("status", null, "OPEN")));
  }

  /** A notification request of the ticket for its owner, as a change writes it to the outbox. */
  protected static NotificationRequest notification(String ticketId, Instant occurredAt) {
    return notificationWithId(newId(), ticketId, occurredAt, null);
  }

  protected static NotificationRequest notificationWithId(String id, String ticketId, Instant occurredAt,
      @Nullable String commentId) {
    return new NotificationRequest(id, "support-ticket-resolved", List.of(Recipient.owner("recipient-" + id.substring(0, 8))),
        ticketId, commentId, "actor-" + ticketId.substring(0, 8), occurredAt,
        Map.of("ticketTitle", "Printer on floor 3 is jammed", "status", "RESOLVED", "comment", "Fixed: l'imprimante 🖨️ marche"));
  }

  private static String objectKey(String ticketId, String fileName) {
    return "tickets/attachments/" + ticketId + "/" + newId().replace("-", "") + "/" + fileName;
  }

  private static String contentType(String fileName) {
    if (fileName.endsWith(".pdf")) {
      return "application/pdf";
    } else if (fileName.endsWith(".png")) {
      return "image/png";
    } else if (fileName.endsWith(".jpg")) {
      return "image/jpeg";
    }
    return "text/plain";
  }

  /**
   * {@code count} tickets varied over companies, creators, assignees, statuses, priorities,
   * categories and creation times (each distinct); every fifth from the third on is soft-deleted
   * while keeping its status, so that counting one would show.
   */
  protected List<TicketRecord> variedTickets(int count) {
    String[] creators = {alice, bob, carol, dave};
    String[] assignees = {null, ann, ben};
    Category[] categories = {Category.TECHNICAL, Category.BILLING, Category.GENERAL};
    List<TicketRecord> tickets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String creator = i % 9 == 8 ? admin : creators[i % creators.length];
      String company = creator.equals(admin) ? List.of(acme, globex, initech).get((i / 9) % 3)
          : creator.equals(carol) ? globex : creator.equals(dave) ? initech : acme;
      Status status = Status.values()[i % Status.values().length];
      Instant created = T0.plusSeconds(3_600L * i).plusNanos(1_000L * i);
      TicketRecord.Builder b = ticket(company, creator, created).edit()
          .title("Ticket " + i)
          .status(status)
          .priority(Priority.values()[(i / 2) % Priority.values().length])
          .category(categories[(i / 3) % categories.length])
          .assigneeId(assignees[(i / 4 + i) % assignees.length])
          .updatedAt(created.plusSeconds(60));
      if (status == Status.RESOLVED || status == Status.CLOSED) {
        b.resolvedAt(created.plusSeconds(120));
      }
      if (status == Status.CLOSED) {
        b.closedAt(created.plusSeconds(180));
      }
      if (i % 5 == 2) {
        b.deletedAt(created.plusSeconds(240)).deletedBy(admin).statusBeforeDelete(status);
      }
      tickets.add(b.build());
    }
    return List.copyOf(tickets);
  }

  /** What {@link TicketStore#stats} must return, computed over the fixture. */
  protected static TicketStats expectedStats(Collection<TicketRecord> tickets, VisibilityScope scope, @Nullable String companyId) {
    List<TicketRecord> in = tickets.stream()
        .filter(t -> !t.deleted() && scope.matches(t) && (companyId == null || companyId.equals(t.companyId())))
        .toList();
    Map<Status, Long> byStatus = in.stream().collect(Collectors.groupingBy(TicketRecord::status, Collectors.counting()));
    List<TicketRecord> active = in.stream().filter(t -> t.status().isActive()).toList();
    return new TicketStats(
        in.size(),
        byStatus.getOrDefault(Status.OPEN, 0L),
        byStatus.getOrDefault(Status.IN_PROGRESS, 0L),
        byStatus.getOrDefault(Status.WAITING_FOR_CUSTOMER, 0L),
        byStatus.getOrDefault(Status.RESOLVED, 0L),
        byStatus.getOrDefault(Status.CLOSED, 0L),
        byStatus.getOrDefault(Status.CANCELLED, 0L),
        byStatus.getOrDefault(Status.REOPENED, 0L),
        active.stream().filter(t -> t.priority() == Priority.URGENT).count(),
        active.stream().filter(t -> t.priority() == Priority.HIGH).count(),
        active.stream().filter(t -> t.assigneeId() == null).count());
  }

  // ======================================================================= helpers: store calls

  /** Runs {@code work} in a unit of work. */
  protected final void tx(Runnable work) {
    store().inTransaction(() -> {
      work.run();
      return null;
    });
  }

  /** Runs {@code work} in a unit of work and returns its result. */
  protected final <T> T tx(java.util.function.Supplier<T> work) {
    return store().inTransaction(work);
  }

  protected final void insert(TicketRecord... tickets) {
    insert(List.of(tickets));
  }

  protected final void insert(Collection<TicketRecord> tickets) {
    tx(() -> tickets.forEach(store()::insertTicket));
  }

  private void insertAll(TicketRecord... tickets) {
    for (TicketRecord t : tickets) {
      store().insertTicket(t);
    }
  }

  /** The stored ticket, at microsecond precision; fails when there is none. */
  protected final TicketRecord found(String id) {
    return normalized(store().findTicket(id).orElseThrow(() -> new AssertionError("no ticket " + id)));
  }

  protected final OutboxStore outbox() {
    return store().outbox();
  }

  protected static TicketQuery everything() {
    return query(VisibilityScope.EVERYTHING, TicketFilter.none());
  }

  protected static TicketQuery query(VisibilityScope scope, TicketFilter filter) {
    return query(scope, filter, CommentSearch.NONE);
  }

  protected static TicketQuery query(VisibilityScope scope, TicketFilter filter, CommentSearch commentSearch) {
    return new TicketQuery(scope, filter, commentSearch, SortOrder.NEWEST_FIRST, null, MAX_LIMIT);
  }

  protected static TicketQuery query(VisibilityScope scope, TicketFilter filter, SortOrder order, @Nullable Keyset after, int limit) {
    return new TicketQuery(scope, filter, CommentSearch.NONE, order, after, limit);
  }

  /** The ids of the listed tickets, in listing order. */
  protected final List<String> listIds(TicketQuery q) {
    return store().list(q).stream().map(r -> r.ticket().id()).toList();
  }

  private static List<String> ids(List<TicketRecord> tickets) {
    return tickets.stream().map(TicketRecord::id).toList();
  }

  private static Map<String, TicketRecord> byId(Collection<TicketRecord> tickets) {
    return tickets.stream().collect(Collectors.toMap(TicketRecord::id, t -> t));
  }

  /** {@code s} repeated until the text is at least {@code minLength} characters long. */
  private static String repeat(String s, int minLength) {
    StringBuilder b = new StringBuilder();
    while (b.length() < minLength) {
      b.append(s);
    }
    return b.toString();
  }

  // ================================================================ helpers: microsecond compare

  /** The instant at microsecond precision, what SQL timestamp columns keep. */
  protected static Instant micros(Instant i) {
    return i.truncatedTo(ChronoUnit.MICROS);
  }

  private static @Nullable Instant microsOrNull(@Nullable Instant i) {
    return i == null ? null : micros(i);
  }

  protected static TicketRecord normalized(TicketRecord t) {
    return new TicketRecord(t.id(), t.companyId(), t.createdBy(), t.title(), t.description(), t.status(),
        t.priority(), t.category(), t.assigneeId(), micros(t.createdAt()), micros(t.updatedAt()),
        microsOrNull(t.resolvedAt()), microsOrNull(t.closedAt()), microsOrNull(t.deletedAt()), t.deletedBy(),
        t.statusBeforeDelete(), t.version());
  }

  protected static CommentRecord normalized(CommentRecord c) {
    return new CommentRecord(c.id(), c.ticketId(), c.authorId(), c.content(), c.internal(), c.externalId(),
        micros(c.createdAt()), micros(c.updatedAt()));
  }

  protected static AttachmentRecord normalized(AttachmentRecord a) {
    return new AttachmentRecord(a.id(), a.ticketId(), a.commentId(), a.internal(), a.objectKey(), a.fileName(),
        a.contentType(), a.fileSize(), a.uploadedBy(), micros(a.createdAt()));
  }

  protected static UploadGrant normalized(UploadGrant g) {
    return new UploadGrant(g.objectKey(), g.stagingKey(), g.ticketId(), g.issuedTo(), g.fileName(), g.contentType(),
        g.fileSize(), micros(g.issuedAt()), micros(g.expiresAt()));
  }

  protected static ObjectDeletion normalized(ObjectDeletion d) {
    return new ObjectDeletion(d.objectKey(), micros(d.notBefore()));
  }

  protected static AuditEntry normalized(AuditEntry e) {
    return new AuditEntry(e.id(), e.ticketId(), e.action(), e.actorId(), e.actorRole(), micros(e.at()), e.changes());
  }

  protected static Activity normalized(Activity a) {
    return new Activity(a.publicComments(), a.allComments(), a.publicAttachments(), a.allAttachments(),
        microsOrNull(a.lastPublicCommentAt()), microsOrNull(a.lastCommentAt()));
  }

  private static List<CommentRecord> normalizedComments(List<CommentRecord> comments) {
    return comments.stream().map(TicketStoreContract::normalized).toList();
  }

  private static List<AttachmentRecord> normalizedAttachments(List<AttachmentRecord> attachments) {
    return attachments.stream().map(TicketStoreContract::normalized).toList();
  }

  private static List<AuditEntry> normalizedHistory(List<AuditEntry> history) {
    return history.stream().map(TicketStoreContract::normalized).toList();
  }

  // ===================================================================== helpers: concurrency

  /** What one racing task did. */
  protected record Outcome<T>(@Nullable T value, @Nullable Throwable failure) {
    String stackTrace() {
      if (failure == null) {
        return "no failure";
      }
      java.io.StringWriter w = new java.io.StringWriter();
      failure.printStackTrace(new java.io.PrintWriter(w));
      return w.toString();
    }
  }

  /** Starts {@code threads} tasks at once (released together by a latch) and collects their outcomes. */
  protected static <T> List<Outcome<T>> race(int threads, IntFunction<Callable<T>> task) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<T> work = task.apply(i);
        futures.add(pool.submit(() -> {
          ready.countDown();
          if (!go.await(60, SECONDS)) {
            throw new IllegalStateException("start signal never came");
          }
          return work.call();
        }));
      }
      assertThat(ready.await(60, SECONDS)).as("all racers ready").isTrue();
      go.countDown();
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Future<T> f : futures) {
        try {
          outcomes.add(new Outcome<>(f.get(90, SECONDS), null));
        } catch (ExecutionException e) {
          outcomes.add(new Outcome<>(null, e.getCause()));
        } catch (TimeoutException e) {
          throw new AssertionError("a racing task did not finish within 90 s (deadlock?)", e);
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  // ==================================================================================================
  // ============================================================================ Idempotency keys
  // ==================================================================================================

  /**
   * Clients' idempotency keys: recorded in the write's unit of work, per actor, unique (a second
   * unexpired record of one key is a conflict, also between concurrent units of work), forgotten
   * when expired, purged.
   */
  @Nested
  @Timeout(120)
  public class IdempotencyKeys {

    private IdempotencyRecord record(String actorId, String key, String result, Instant createdAt, Duration retention) {
      return new IdempotencyRecord(actorId, key, "createTicket", "f".repeat(64), result, createdAt,
          createdAt.plus(retention));
    }

    private IdempotencyRecord normalizedRecord(IdempotencyRecord r) {
      return new IdempotencyRecord(r.actorId(), r.key(), r.operation(), r.fingerprint(), r.result(), micros(r.createdAt()),
          micros(r.expiresAt()));
    }

    @Test
    void aSavedKeyIsFoundUntilItExpires() {
      IdempotencyRecord r = record(alice, "3f1c-retry-key", newId(), T0, Duration.ofHours(24));
      assertThat(store().findIdempotencyKey(alice, r.key(), T0)).isEmpty();

      tx(() -> store().saveIdempotencyKey(r));

      assertThat(store().findIdempotencyKey(alice, r.key(), T0.plusSeconds(1)).map(this::normalizedRecord)).contains(r);
      assertThat(store().findIdempotencyKey(alice, r.key(), T0.plus(Duration.ofHours(24)).minusNanos(1_000))).isPresent();
      assertThat(store().findIdempotencyKey(alice, r.key(), T0.plus(Duration.ofHours(24)))).as("expired").isEmpty();
      assertThat(store().findIdempotencyKey(alice, "3F1C-RETRY-KEY", T0.plusSeconds(1))).as("keys are case-sensitive")
          .isEmpty();
    }

    @Test
    void keysAreScopedPerActor() {
      tx(() -> store().saveIdempotencyKey(record(alice, "same-key", "alice's", T0, Duration.ofHours(1))));
      tx(() -> store().saveIdempotencyKey(record(bob, "same-key", "bob's", T0, Duration.ofHours(1))));

      assertThat(store().findIdempotencyKey(alice, "same-key", T0).map(IdempotencyRecord::result)).contains("alice's");
      assertThat(store().findIdempotencyKey(bob, "same-key", T0).map(IdempotencyRecord::result)).contains("bob's");
      assertThat(store().findIdempotencyKey(carol, "same-key", T0)).isEmpty();
    }

    @Test
    void savingAnUnexpiredKeyAgainIsAConflictAndKeepsTheFirst() {
      tx(() -> store().saveIdempotencyKey(record(alice, "once", "first", T0, Duration.ofHours(1))));

      Throwable thrown = catchThrowable(() -> tx(() -> store().saveIdempotencyKey(
          record(alice, "once", "second", T0.plusSeconds(60), Duration.ofHours(1)))));

      assertThat(thrown).isInstanceOf(ConcurrentModificationException.class);
      assertThat(((ConcurrentModificationException) thrown).retryable()).isTrue();
      assertThat(store().findIdempotencyKey(alice, "once", T0.plusSeconds(61)).map(IdempotencyRecord::result))
          .contains("first");
    }

    @Test
    void anExpiredKeyIsReplacedBySavingItAgain() {
      tx(() -> store().saveIdempotencyKey(record(alice, "daily", "monday", T0, Duration.ofHours(24))));
      Instant tuesday = T0.plus(Duration.ofHours(25));

      tx(() -> store().saveIdempotencyKey(record(alice, "daily", "tuesday", tuesday, Duration.ofHours(24))));

      assertThat(store().findIdempotencyKey(alice, "daily", tuesday.plusSeconds(1)).map(IdempotencyRecord::result))
          .contains("tuesday");
    }

    @Test
    void aKeyCommitsAndRollsBackWithItsUnitOfWork() {
      TicketRecord t = ticket(acme, alice, T0);
      RuntimeException failure = new IllegalStateException("the write failed after the key was saved");

      assertThat(catchThrowable(() -> tx(() -> {
        store().insertTicket(t);
        store().saveIdempotencyKey(record(alice, "atomic", t.id(), T0, Duration.ofHours(1)));
        throw failure;
      }))).isSameAs(failure);

      assertThat(store().findIdempotencyKey(alice, "atomic", T0)).isEmpty();
      assertThat(store().findTicket(t.id())).isEmpty();
      tx(() -> {
        store().insertTicket(t);
        store().saveIdempotencyKey(record(alice, "atomic", t.id(), T0, Duration.ofHours(1)));
      });
      assertThat(store().findIdempotencyKey(alice, "atomic", T0).map(IdempotencyRecord::result)).contains(t.id());
    }

    @Test
    void longKeysAndLongResultsRoundTrip() {
      StringBuilder visible = new StringBuilder();
      for (char c = '!'; c <= '~'; c++) {
        visible.append(c);
      }
      String key = (visible.toString() + visible + visible).substring(0, 255);
      String outcomes = IntStream.range(0, 100).mapToObj(i -> newId() + "=ALREADY_RESOLVED\n")
          .collect(Collectors.joining());
      IdempotencyRecord r = new IdempotencyRecord(admin, key, "resolveTickets", "0".repeat(64), outcomes, T0,
          T0.plus(Duration.ofHours(24)));

      tx(() -> store().saveIdempotencyKey(r));

      assertThat(store().findIdempotencyKey(admin, key, T0).map(this::normalizedRecord)).contains(r);
    }

    @Test
    void purgeDeletesExactlyTheExpiredRecords() {
      tx(() -> {
        store().saveIdempotencyKey(record(alice, "old-1", "x", T0, Duration.ofHours(1)));
        store().saveIdempotencyKey(record(bob, "old-2", "x", T0, Duration.ofHours(2)));
        store().saveIdempotencyKey(record(alice, "fresh", "x", T0, Duration.ofHours(48)));
      });

      assertThat(store().purgeIdempotencyKeys(T0.plusSeconds(60))).isZero();
      assertThat(store().purgeIdempotencyKeys(T0.plus(Duration.ofHours(3)))).isEqualTo(2);
      assertThat(store().purgeIdempotencyKeys(T0.plus(Duration.ofHours(3)))).isZero();

      assertThat(store().findIdempotencyKey(alice, "fresh", T0.plus(Duration.ofHours(3)))).isPresent();
      // Saving a purged key again is a first use.
      tx(() -> store().saveIdempotencyKey(record(alice, "old-1", "again", T0.plus(Duration.ofHours(3)), Duration.ofHours(1))));
      assertThat(store().findIdempotencyKey(alice, "old-1", T0.plus(Duration.ofHours(3))).map(IdempotencyRecord::result))
          .contains("again");
    }

    @Test
    void concurrentFirstUsesOfOneKeyCommitOnce() throws Exception {
      List<TicketRecord> tickets = IntStream.range(0, 6).mapToObj(i -> ticket(acme, alice, T0.plusSeconds(i))).toList();

      List<Outcome<String>> outcomes = race(tickets.size(), i -> () -> store().inTransaction(() -> {
        TicketRecord t = tickets.get(i);
        store().insertTicket(t);
        store().saveIdempotencyKey(record(alice, "raced", t.id(), T0, Duration.ofHours(1)));
        return t.id();
      }));

      List<String> committed = new ArrayList<>();
      for (Outcome<String> o : outcomes) {
        if (o.failure() == null) {
          committed.add(o.value());
        } else {
          assertThat(o.failure()).as(o.stackTrace()).isInstanceOf(ConcurrentModificationException.class);
        }
      }
      assertThat(committed).hasSize(1);
      assertThat(store().findIdempotencyKey(alice, "raced", T0).map(IdempotencyRecord::result))
          .contains(committed.get(0));
      assertThat(store().count(everything())).as("the losers' writes rolled back with their keys").isOne();
    }
  }
}
