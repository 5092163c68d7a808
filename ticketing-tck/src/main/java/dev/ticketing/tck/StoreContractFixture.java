package dev.ticketing.tck;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.Category;
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
import dev.ticketing.spi.Keyset;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.ObjectDeletion;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.Recipient;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spi.UploadGrant;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every store contract shares: the store under test (a fresh one for every test), the
 * people and tenants of the fixtures, the base instants, and helpers that build records, run
 * units of work and compare what a store returns at the precision it keeps.
 *
 * <p>A store module does not extend this directly: it extends {@link TicketStoreContract}, which
 * runs every capability contract, or a single capability contract while it is being built.
 */
public abstract class StoreContractFixture {
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

  protected static final Duration LEASE = Duration.ofSeconds(30);

  protected static final Comparator<TicketRecord> NEWEST_FIRST =
      Comparator.comparing(TicketRecord::createdAt).thenComparing(TicketRecord::id).reversed();

  protected static final Comparator<TicketRecord> OLDEST_FIRST =
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

  /** What another thread saw. */
  protected record SeenFromAnotherThread(
      @Nullable TicketRecord ticket, int comments, int auditEntries) {}

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

  protected static TicketRecord ticketWithId(
      String id, String companyId, String createdBy, Instant createdAt) {
    return new TicketRecord(
        id,
        companyId,
        createdBy,
        "Printer on floor 3 is jammed",
        "It shows error E-42 after every second page.",
        Status.OPEN,
        Priority.MEDIUM,
        Category.TECHNICAL,
        null,
        createdAt,
        createdAt,
        null,
        null,
        null,
        null,
        null,
        0);
  }

  /** The ticket soft-deleted by the admin at {@code at}, as the service does it. */
  protected TicketRecord softDeleted(TicketRecord t, Instant at) {
    return t.edit()
        .statusBeforeDelete(t.status())
        .status(Status.CANCELLED)
        .deletedAt(at)
        .deletedBy(admin)
        .updatedAt(at)
        .build();
  }

  protected static CommentRecord comment(
      String ticketId, String authorId, String content, boolean internal, Instant at) {
    return new CommentRecord(newId(), ticketId, authorId, content, internal, null, at, at);
  }

  protected static CommentRecord withExternalId(CommentRecord c, String externalId) {
    return new CommentRecord(
        c.id(),
        c.ticketId(),
        c.authorId(),
        c.content(),
        c.internal(),
        externalId,
        c.createdAt(),
        c.updatedAt());
  }

  protected static AttachmentRecord attachment(
      String ticketId, @Nullable String commentId, boolean internal, String fileName, Instant at) {
    return new AttachmentRecord(
        newId(),
        ticketId,
        commentId,
        internal,
        objectKey(ticketId, fileName),
        fileName,
        contentType(fileName),
        1_024L + fileName.length(),
        "uploader-" + ticketId.substring(0, 8),
        at);
  }

  protected static UploadGrant grant(String ticketId, String issuedTo, String fileName) {
    return grant(ticketId, issuedTo, fileName, T0.plusSeconds(7_300));
  }

  protected static UploadGrant grant(
      String ticketId, String issuedTo, String fileName, Instant expiresAt) {
    return new UploadGrant(
        objectKey(ticketId, fileName),
        "tickets/staging/" + newId(),
        ticketId,
        issuedTo,
        fileName,
        contentType(fileName),
        48_213L,
        T0.plusSeconds(100),
        expiresAt);
  }

  protected static AuditEntry audit(String ticketId, AuditAction action, Instant at) {
    return new AuditEntry(
        newId(),
        ticketId,
        action,
        "actor-" + ticketId.substring(0, 8),
        Role.ADMIN,
        at,
        List.of(new FieldChange("status", null, "OPEN")));
  }

  /** A notification request of the ticket for its owner, as a change writes it to the outbox. */
  protected static NotificationRequest notification(String ticketId, Instant occurredAt) {
    return notificationWithId(newId(), ticketId, occurredAt, null);
  }

  protected static NotificationRequest notificationWithId(
      String id, String ticketId, Instant occurredAt, @Nullable String commentId) {
    return new NotificationRequest(
        id,
        "support-ticket-resolved",
        List.of(Recipient.owner("recipient-" + id.substring(0, 8))),
        ticketId,
        commentId,
        "actor-" + ticketId.substring(0, 8),
        occurredAt,
        Map.of(
            "ticketTitle",
            "Printer on floor 3 is jammed",
            "status",
            "RESOLVED",
            "comment",
            "Fixed: l'imprimante 🖨️ marche"));
  }

  protected static String objectKey(String ticketId, String fileName) {
    return "tickets/attachments/" + ticketId + "/" + newId().replace("-", "") + "/" + fileName;
  }

  protected static String contentType(String fileName) {
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
      String company =
          creator.equals(admin)
              ? List.of(acme, globex, initech).get((i / 9) % 3)
              : creator.equals(carol) ? globex : creator.equals(dave) ? initech : acme;
      Status status = Status.values()[i % Status.values().length];
      Instant created = T0.plusSeconds(3_600L * i).plusNanos(1_000L * i);
      TicketRecord.Builder b =
          ticket(company, creator, created)
              .edit()
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
  protected static TicketStats expectedStats(
      Collection<TicketRecord> tickets, VisibilityScope scope, @Nullable String companyId) {
    List<TicketRecord> in =
        tickets.stream()
            .filter(
                t ->
                    !t.deleted()
                        && scope.matches(t)
                        && (companyId == null || companyId.equals(t.companyId())))
            .toList();
    Map<Status, Long> byStatus =
        in.stream().collect(Collectors.groupingBy(TicketRecord::status, Collectors.counting()));
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
    store()
        .inTransaction(
            () -> {
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

  protected void insertAll(TicketRecord... tickets) {
    for (TicketRecord t : tickets) {
      store().insertTicket(t);
    }
  }

  /** The stored ticket, at microsecond precision; fails when there is none. */
  protected final TicketRecord found(String id) {
    return normalized(
        store().findTicket(id).orElseThrow(() -> new AssertionError("no ticket " + id)));
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

  protected static TicketQuery query(
      VisibilityScope scope, TicketFilter filter, CommentSearch commentSearch) {
    return new TicketQuery(scope, filter, commentSearch, SortOrder.NEWEST_FIRST, null, MAX_LIMIT);
  }

  protected static TicketQuery query(
      VisibilityScope scope,
      TicketFilter filter,
      SortOrder order,
      @Nullable Keyset after,
      int limit) {
    return new TicketQuery(scope, filter, CommentSearch.NONE, order, after, limit);
  }

  /** The ids of the listed tickets, in listing order. */
  protected final List<String> listIds(TicketQuery q) {
    return store().list(q).stream().map(r -> r.ticket().id()).toList();
  }

  protected static List<String> ids(List<TicketRecord> tickets) {
    return tickets.stream().map(TicketRecord::id).toList();
  }

  protected static Map<String, TicketRecord> byId(Collection<TicketRecord> tickets) {
    return tickets.stream().collect(Collectors.toMap(TicketRecord::id, t -> t));
  }

  /** {@code s} repeated until the text is at least {@code minLength} characters long. */
  protected static String repeat(String s, int minLength) {
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

  protected static @Nullable Instant microsOrNull(@Nullable Instant i) {
    return i == null ? null : micros(i);
  }

  protected static TicketRecord normalized(TicketRecord t) {
    return new TicketRecord(
        t.id(),
        t.companyId(),
        t.createdBy(),
        t.title(),
        t.description(),
        t.status(),
        t.priority(),
        t.category(),
        t.assigneeId(),
        micros(t.createdAt()),
        micros(t.updatedAt()),
        microsOrNull(t.resolvedAt()),
        microsOrNull(t.closedAt()),
        microsOrNull(t.deletedAt()),
        t.deletedBy(),
        t.statusBeforeDelete(),
        t.version(),
        t.requesterId(),
        t.tags(),
        t.followerIds(),
        t.ccIds());
  }

  protected static CommentRecord normalized(CommentRecord c) {
    return new CommentRecord(
        c.id(),
        c.ticketId(),
        c.authorId(),
        c.content(),
        c.internal(),
        c.externalId(),
        micros(c.createdAt()),
        micros(c.updatedAt()));
  }

  protected static AttachmentRecord normalized(AttachmentRecord a) {
    return new AttachmentRecord(
        a.id(),
        a.ticketId(),
        a.commentId(),
        a.internal(),
        a.objectKey(),
        a.fileName(),
        a.contentType(),
        a.fileSize(),
        a.uploadedBy(),
        micros(a.createdAt()));
  }

  protected static UploadGrant normalized(UploadGrant g) {
    return new UploadGrant(
        g.objectKey(),
        g.stagingKey(),
        g.ticketId(),
        g.issuedTo(),
        g.fileName(),
        g.contentType(),
        g.fileSize(),
        micros(g.issuedAt()),
        micros(g.expiresAt()));
  }

  protected static ObjectDeletion normalized(ObjectDeletion d) {
    return new ObjectDeletion(d.objectKey(), micros(d.notBefore()));
  }

  protected static AuditEntry normalized(AuditEntry e) {
    return new AuditEntry(
        e.id(), e.ticketId(), e.action(), e.actorId(), e.actorRole(), micros(e.at()), e.changes());
  }

  protected static Activity normalized(Activity a) {
    return new Activity(
        a.publicComments(),
        a.allComments(),
        a.publicAttachments(),
        a.allAttachments(),
        microsOrNull(a.lastPublicCommentAt()),
        microsOrNull(a.lastCommentAt()));
  }

  protected static List<CommentRecord> normalizedComments(List<CommentRecord> comments) {
    return comments.stream().map(StoreContractFixture::normalized).toList();
  }

  protected static List<AttachmentRecord> normalizedAttachments(
      List<AttachmentRecord> attachments) {
    return attachments.stream().map(StoreContractFixture::normalized).toList();
  }

  protected static List<AuditEntry> normalizedHistory(List<AuditEntry> history) {
    return history.stream().map(StoreContractFixture::normalized).toList();
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
  protected static <T> List<Outcome<T>> race(int threads, IntFunction<Callable<T>> task)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<T> work = task.apply(i);
        futures.add(
            pool.submit(
                () -> {
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
}
