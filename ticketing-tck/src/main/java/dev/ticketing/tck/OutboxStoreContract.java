package dev.ticketing.tck;

import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.TicketStore;
import org.junit.jupiter.api.Nested;

/**
 * The behaviour every {@link OutboxStore} must show, as an abstract JUnit Jupiter suite: request
 * rows written with a change, resolved into one row per (notification, channel), each claimed
 * under a lease, delivered, retried, dead-lettered, listed, counted and re-driven on its own.
 *
 * <p>A store module runs it by extending this class with a few lines, as it runs {@link
 * TicketStoreContract}:
 *
 * <pre>{@code
 * class JpaOutboxStorePostgresIT extends OutboxStoreContract {
 *   @Override
 *   protected TicketStore createStore() {
 *     return newStoreOnEmptySchema();
 *   }
 * }
 * }</pre>
 *
 * <p>Each capability is a contract of its own, in its own file ({@link OutboxRequestsContract},
 * {@link OutboxResolutionContract}, {@link OutboxDeliveriesContract}, {@link
 * OutboxOperationsContract}, {@link OutboxConcurrencyContract}), on {@link OutboxContractFixture};
 * this class runs them all as {@link Nested} groups.
 *
 * <p>Conventions are those of {@link TicketStoreContract}: writes through {@link
 * TicketStore#inTransaction}, outbox calls outside one, microsecond instants, UUID ids, claims at
 * instants long after every {@code occurredAt}.
 */
public abstract class OutboxStoreContract {

  /** A fresh, empty store; called before every test of every capability. */
  protected abstract TicketStore createStore();

  /** Releases or empties what {@link #createStore()} made; called after every test. */
  protected void cleanUp(TicketStore store) {}

  /** {@link OutboxRequestsContract}: run against {@link #createStore()}. */
  @Nested
  public class Requests extends OutboxRequestsContract {
    @Override
    protected TicketStore createStore() {
      return OutboxStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      OutboxStoreContract.this.cleanUp(store);
    }
  }

  /** {@link OutboxResolutionContract}: run against {@link #createStore()}. */
  @Nested
  public class Resolution extends OutboxResolutionContract {
    @Override
    protected TicketStore createStore() {
      return OutboxStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      OutboxStoreContract.this.cleanUp(store);
    }
  }

  /** {@link OutboxDeliveriesContract}: run against {@link #createStore()}. */
  @Nested
  public class Deliveries extends OutboxDeliveriesContract {
    @Override
    protected TicketStore createStore() {
      return OutboxStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      OutboxStoreContract.this.cleanUp(store);
    }
  }

  /** {@link OutboxOperationsContract}: run against {@link #createStore()}. */
  @Nested
  public class Operations extends OutboxOperationsContract {
    @Override
    protected TicketStore createStore() {
      return OutboxStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      OutboxStoreContract.this.cleanUp(store);
    }
  }

  /** {@link OutboxConcurrencyContract}: run against {@link #createStore()}. */
  @Nested
  public class Concurrency extends OutboxConcurrencyContract {
    @Override
    protected TicketStore createStore() {
      return OutboxStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      OutboxStoreContract.this.cleanUp(store);
    }
  }
}
