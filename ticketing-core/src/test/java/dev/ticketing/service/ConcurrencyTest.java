package dev.ticketing.service;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.JOHN;
import static org.assertj.core.api.Assertions.assertThat;
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
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingException;
import dev.ticketing.UpdateTicket;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.support.Desk;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.Race;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One ticket, many writers (docs/reference.md, "Concurrency"): no lost update, conflicts only as
 * retryable errors, and comments never fail because of concurrent activity.
 *
 * <p>The in-memory store runs units of work one at a time, so real races cannot produce a version
 * conflict there; {@link ConflictingStore} makes {@code updateTicket} fail the way a database does
 * when another transaction committed first, so the conflict paths run too.
 */
class ConcurrencyTest {

  private static final Set<AuditAction> NO_VERSION_BUMP =
      EnumSet.of(
          AuditAction.CREATED, AuditAction.TICKET_COMMENT_ADDED, AuditAction.ATTACHMENT_ADDED);
  private static final Set<ErrorCode> LEGAL_REFUSALS =
      EnumSet.of(ErrorCode.INVALID_TRANSITION, ErrorCode.INVALID_STATE);

  private final MutableClock clock = MutableClock.ticking("2026-03-01T09:00:00Z");
  private final ConflictingStore conflicts = new ConflictingStore(new InMemoryTicketStore());
  private final Ticketing ticketing =
      Ticketing.builder()
          .store(conflicts.proxy)
          .directory(Desk.DIRECTORY)
          .clock(clock)
          .backgroundDispatch(false)
          .build();
  private final TicketService service = ticketing.service();

  @AfterEach
  void close() {
    ticketing.close();
  }

  @Test
  @DisplayName(
      "32 threads on one ticket: comments stored once, only retryable or legal failures, version == audited updates")
  void manyWritersOnOneTicket() throws Exception {
    TicketView t =
        service.createTicket(JOHN, CreateTicket.of("Hot ticket", "everyone works on it", "acme"));
    service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
    // Ticket operations (not comments) also lose a simulated race now and then.
    conflicts.failRandomly(0.15, () -> !InComment.active());

    int threads = 32;
    int opsPerThread = 25;
    List<String> storedComments = new CopyOnWriteArrayList<>();
    List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    Map<ErrorCode, AtomicInteger> refusals = new ConcurrentHashMap<>();
    List<Long> versionsReturned = new CopyOnWriteArrayList<>();
    AtomicInteger statusChanges = new AtomicInteger();
    AtomicInteger updates = new AtomicInteger();
    AtomicInteger commentConflicts = new AtomicInteger();

    List<Race.Outcome<Object>> outcomes =
        Race.run(
            threads,
            worker ->
                () -> {
                  SplittableRandom random = new SplittableRandom(worker);
                  for (int op = 0; op < opsPerThread; op++) {
                    String tag = worker + "-" + op;
                    int kind = random.nextInt(6);
                    try {
                      switch (kind) {
                        case 0 -> {
                          Status target =
                              pick(
                                  random,
                                  Status.IN_PROGRESS,
                                  Status.WAITING_FOR_CUSTOMER,
                                  Status.RESOLVED,
                                  Status.CLOSED,
                                  Status.REOPENED);
                          versionsReturned.add(
                              service
                                  .changeStatus(ADMIN, new ChangeStatus(t.id(), target))
                                  .version());
                          statusChanges.incrementAndGet();
                        }
                        case 1 ->
                            service.assignTicket(
                                ADMIN,
                                new AssignTicket(t.id(), pick(random, "sarah", "mike", null)));
                        case 2 -> {
                          Priority priority = pick(random, Priority.values());
                          versionsReturned.add(
                              service
                                  .updateTicket(
                                      ADMIN,
                                      new UpdateTicket(
                                          t.id(), "Title " + tag, null, priority, null))
                                  .version());
                          updates.incrementAndGet();
                        }
                        default -> {
                          Actor author = kind == 5 ? JOHN : ADMIN;
                          boolean internal = kind == 4;
                          String content = "comment " + tag;
                          CommentView c =
                              InComment.run(
                                  () ->
                                      service.addComment(
                                          author, new AddComment(t.id(), content, internal)));
                          storedComments.add(c.content());
                        }
                      }
                    } catch (TicketingException e) {
                      if (kind >= 3 && e instanceof ConflictException) {
                        commentConflicts.incrementAndGet();
                      }
                      if (e instanceof ConflictException) {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                      } else if (!LEGAL_REFUSALS.contains(e.code())
                          || (kind >= 3 && e.code() != ErrorCode.INVALID_STATE)) {
                        unexpected.add(e);
                      }
                      refusals
                          .computeIfAbsent(e.code(), k -> new AtomicInteger())
                          .incrementAndGet();
                    } catch (Throwable e) {
                      unexpected.add(e);
                    }
                  }
                  return "done";
                });
    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).as(o.stackTrace()).isNull());
    conflicts.stop();

    assertThat(unexpected).isEmpty();
    assertThat(commentConflicts.get()).as("comments never fail with a conflict").isZero();
    assertThat(refusals).as("the run exercised conflicts").containsKey(ErrorCode.CONFLICT);

    List<AuditEntry> history = service.history(ADMIN, t.id());
    TicketView finalView = service.ticket(ADMIN, t.id()).ticket();
    long bumps = history.stream().filter(a -> !NO_VERSION_BUMP.contains(a.action())).count();
    assertThat(finalView.version())
        .as("every audited ticket change is one version, none lost")
        .isEqualTo(bumps);

    List<String> comments =
        service.ticket(ADMIN, t.id()).comments().stream().map(CommentView::content).toList();
    assertThat(comments)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(storedComments);
    assertThat(history.stream().filter(a -> a.action() == AuditAction.TICKET_COMMENT_ADDED).count())
        .isEqualTo(storedComments.size());
    assertThat(finalView.count().comments()).isEqualTo(storedComments.size());

    // The admin's own changes are audited one for one; John's entries are reply automations.
    assertThat(history.stream().filter(a -> a.action() == AuditAction.UPDATED).count())
        .isEqualTo(updates.get());
    assertThat(
            history.stream()
                .filter(a -> a.actorId().equals("admin") && isStatusAction(a.action()))
                .count())
        .isEqualTo(statusChanges.get());
    assertThat(versionsReturned)
        .as("no two successful updates produced the same version")
        .doesNotHaveDuplicates();
    assertThat(history)
        .filteredOn(a -> a.actorId().equals("john") && !NO_VERSION_BUMP.contains(a.action()))
        .allSatisfy(
            a ->
                assertThat(a.action())
                    .isIn(AuditAction.STATUS_CHANGED, AuditAction.TICKET_REOPENED));
  }

  @Test
  @DisplayName(
      "a lost race on a ticket operation: CONFLICT, retryable, nothing written; repeating succeeds")
  void conflictIsRetryableAndWritesNothing() {
    TicketView t = service.createTicket(JOHN, CreateTicket.of("Race", "lost", "acme"));
    service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
    int audits = service.history(ADMIN, t.id()).size();
    long outbox = ((InMemoryTicketStore) conflicts.target).outboxEntries().size();

    conflicts.failNext(1);
    Throwable thrown =
        catchThrowable(
            () -> service.changeStatus(ADMIN, new ChangeStatus(t.id(), Status.RESOLVED)));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
              assertThat(e.retryable()).isTrue();
              assertThat(e.ticketId()).isEqualTo(t.id());
            });
    TicketView unchanged = service.ticket(ADMIN, t.id()).ticket();
    assertThat(unchanged.status()).isEqualTo(Status.IN_PROGRESS);
    assertThat(unchanged.version()).isEqualTo(1);
    assertThat(service.history(ADMIN, t.id())).hasSize(audits);
    assertThat(((InMemoryTicketStore) conflicts.target).outboxEntries()).hasSize((int) outbox);

    assertThat(service.changeStatus(ADMIN, new ChangeStatus(t.id(), Status.RESOLVED)).status())
        .isEqualTo(Status.RESOLVED);
  }

  @Test
  @DisplayName(
      "a customer reply whose automation loses races is retried: stored once, status moved once")
  void commentRetriesItsAutomation() {
    TicketView t = service.createTicket(JOHN, CreateTicket.of("Reply", "races", "acme"));
    service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
    service.changeStatus(ADMIN, new ChangeStatus(t.id(), Status.WAITING_FOR_CUSTOMER));

    conflicts.failNext(3);
    CommentView c = service.addComment(JOHN, new AddComment(t.id(), "here you go", false));

    assertThat(conflicts.injected.get()).isEqualTo(3);
    var details = service.ticket(ADMIN, t.id());
    assertThat(details.comments()).extracting(CommentView::id).containsExactly(c.id());
    assertThat(details.ticket().status()).isEqualTo(Status.IN_PROGRESS);
    assertThat(service.history(ADMIN, t.id()))
        .extracting(AuditEntry::action)
        .containsExactly(
            AuditAction.CREATED,
            AuditAction.TICKET_ASSIGNED,
            AuditAction.STATUS_CHANGED,
            AuditAction.TICKET_COMMENT_ADDED,
            AuditAction.STATUS_CHANGED);
    assertThat(details.ticket().version()).isEqualTo(3);
  }

  private static boolean isStatusAction(AuditAction a) {
    return a == AuditAction.STATUS_CHANGED
        || a == AuditAction.TICKET_RESOLVED
        || a == AuditAction.TICKET_CLOSED
        || a == AuditAction.TICKET_REOPENED
        || a == AuditAction.TICKET_CANCELLED;
  }

  @SafeVarargs
  private static <T> T pick(SplittableRandom random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** Marks the calling thread as inside addComment, so injected conflicts can spare it. */
  private static final class InComment {
    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

    static boolean active() {
      return ACTIVE.get();
    }

    static <T> T run(java.util.function.Supplier<T> work) {
      ACTIVE.set(true);
      try {
        return work.get();
      } finally {
        ACTIVE.set(false);
      }
    }
  }

  /**
   * A {@link TicketStore} whose {@code updateTicket} can throw {@link ConflictException}
   * before writing, as when another transaction committed a newer version first.
   */
  private static final class ConflictingStore {
    final TicketStore target;
    final TicketStore proxy;
    final AtomicInteger injected = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile double probability;
    private volatile BooleanSupplier when = () -> false;
    private final SplittableRandom seed = new SplittableRandom(42);

    ConflictingStore(TicketStore target) {
      this.target = target;
      this.proxy =
          (TicketStore)
              Proxy.newProxyInstance(
                  TicketStore.class.getClassLoader(),
                  new Class<?>[] {TicketStore.class},
                  (p, method, args) -> {
                    if (method.getName().equals("updateTicket") && shouldFail()) {
                      injected.incrementAndGet();
                      throw new ConflictException(((TicketRecord) args[0]).id());
                    }
                    try {
                      return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
    }

    void failNext(int n) {
      failNext.set(n);
    }

    void failRandomly(double p, BooleanSupplier condition) {
      when = condition;
      probability = p;
    }

    void stop() {
      probability = 0;
      failNext.set(0);
    }

    private boolean shouldFail() {
      if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return true;
      }
      if (probability > 0 && when.getAsBoolean()) {
        synchronized (seed) {
          return seed.nextDouble() < probability;
        }
      }
      return false;
    }
  }
}
