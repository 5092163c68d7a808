package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AddComment;
import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.ChangeTags;
import dev.ticketing.CreateTicket;
import dev.ticketing.Status;
import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.policy.TicketFacts;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.testsupport.SamplePeople;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two changes of one ticket at once commit in the order of their times. A reply that arrives while
 * a tag change holds the ticket waits for it and reads the clock after it; so the order of the
 * ticket's history is the order its changes committed in, which is the order the outbox hands
 * their events over in. Without the hold the reply would commit first with the later time, and a
 * dispatcher could deliver it before the tag change.
 */
class ChangesOfOneTicketIT {

  private static final Actor ADMIN = SamplePeople.ADMIN;
  private static final Actor JOHN = SamplePeople.JOHN;

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aReplyWaitsForTheChangeThatHoldsItsTicket(TestDatabase db) throws Exception {
    db.truncate();
    JpaTicketStore store = db.newStore();
    PausingPolicy policy = new PausingPolicy(MatrixPolicy.standard(), Operation.TAG_TICKET);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Ticketing ticketing =
        Ticketing.builder()
            .store(store)
            .policy(policy)
            .directory(SamplePeople.directory())
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build()) {
      TicketService service = ticketing.service();
      String id = service.createTicket(JOHN, CreateTicket.of("Printer", "On fire", "acme")).id();

      policy.arm();
      Future<?> tagging = pool.submit(() -> service.changeTags(ADMIN, ChangeTags.add(id, "fire")));
      assertThat(policy.paused.await(30, TimeUnit.SECONDS))
          .as("the tag change holds the ticket")
          .isTrue();
      Future<?> reply =
          pool.submit(() -> service.addComment(JOHN, new AddComment(id, "Any news?", false)));
      assertThatThrownBy(() -> reply.get(300, TimeUnit.MILLISECONDS))
          .as("the reply went ahead while the tag change held the ticket")
          .isInstanceOf(TimeoutException.class);
      policy.resume.countDown();
      tagging.get(30, TimeUnit.SECONDS);
      reply.get(30, TimeUnit.SECONDS);

      List<AuditEntry> history = service.history(ADMIN, id);
      assertThat(history)
          .extracting(AuditEntry::action)
          .containsExactly(
              AuditAction.CREATED, AuditAction.TAGS_CHANGED, AuditAction.TICKET_COMMENT_ADDED);
      assertThat(history.get(2).at()).isAfter(history.get(1).at());
      assertThat(service.ticket(ADMIN, id).ticket().status()).isEqualTo(Status.OPEN);
    } finally {
      policy.resume.countDown();
      pool.shutdownNow();
    }
  }

  /** The standard policy, pausing the first check of one operation once armed. */
  private static final class PausingPolicy implements PermissionPolicy {
    private final PermissionPolicy delegate;
    private final Operation pauseOn;
    private volatile boolean armed;
    final CountDownLatch paused = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);

    PausingPolicy(PermissionPolicy delegate, Operation pauseOn) {
      this.delegate = delegate;
      this.pauseOn = pauseOn;
    }

    void arm() {
      armed = true;
    }

    @Override
    public boolean permits(Actor actor, Operation operation, TicketFacts ticket) {
      if (armed && operation == pauseOn) {
        armed = false;
        // Asked after the ticket was read for the change: the unit of work holds it now.
        paused.countDown();
        try {
          resume.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return delegate.permits(actor, operation, ticket);
    }

    @Override
    public boolean permits(Actor actor, Operation operation) {
      return delegate.permits(actor, operation);
    }

    @Override
    public boolean permitsCreate(Actor actor, String companyId) {
      return delegate.permitsCreate(actor, companyId);
    }

    @Override
    public boolean permitsCreateOnBehalf(Actor actor, String companyId) {
      return delegate.permitsCreateOnBehalf(actor, companyId);
    }

    @Override
    public boolean permitsStatusChange(Actor actor, TicketFacts ticket, Status target) {
      return delegate.permitsStatusChange(actor, ticket, target);
    }

    @Override
    public VisibilityScope scope(Actor actor, Operation operation) {
      return delegate.scope(actor, operation);
    }
  }
}
