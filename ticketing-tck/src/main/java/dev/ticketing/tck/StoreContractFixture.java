package dev.ticketing.tck;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.testsupport.Race;
import dev.ticketing.testsupport.Race.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
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
public abstract class StoreContractFixture extends ContractRecords {

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

  /** The ids of the listed tickets, in listing order. */
  protected final List<String> listIds(TicketQuery q) {
    return store().list(q).stream().map(r -> r.ticket().id()).toList();
  }

  // ===================================================================== helpers: concurrency

  /**
   * Starts {@code threads} tasks at once and collects their outcomes in task order (see {@link
   * Race}).
   */
  protected static <T> List<Outcome<T>> race(int threads, IntFunction<Callable<T>> task)
      throws InterruptedException {
    return Race.run(threads, task);
  }
}
