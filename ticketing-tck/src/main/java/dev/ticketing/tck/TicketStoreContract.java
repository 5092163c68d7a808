package dev.ticketing.tck;

import dev.ticketing.spi.TicketStore;
import org.junit.jupiter.api.Nested;

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
 * <p>Each capability is a contract of its own, in its own file ({@link CrudAndVersioningContract},
 * {@link TransactionsContract}, {@link VisibilityScopingContract}, {@link FiltersContract}, {@link
 * KeysetPaginationContract}, {@link SearchContract}, {@link ActivityFiguresContract}, {@link
 * StatisticsContract}, {@link AuditContract}, {@link SoftDeleteAndPurgeContract}, {@link
 * UploadGrantsAndObjectDeletionsContract}, {@link ConcurrencyContract}, {@link
 * IdempotencyKeysContract}, {@link RequesterAndParticipantsContract}, {@link TagsContract}, {@link FieldValuesContract}, {@link SlaStandingContract}), on the fixtures of {@link StoreContractFixture}. This class runs them
 * all as {@link Nested} groups against the subclass's {@link #createStore()}; a store being built
 * may extend one capability contract alone. The outbox has a contract of its own, {@link
 * OutboxStoreContract}.
 *
 * <p>Conventions the suite relies on, beyond the Javadoc of the SPI:
 *
 * <ul>
 *   <li>Every write happens inside {@link TicketStore#inTransaction}; reads and {@link
 *       dev.ticketing.spi.OutboxStore} calls are made outside one (a dispatcher calls the outbox on its own thread).
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

  /** A fresh, empty store; called before every test of every capability. */
  protected abstract TicketStore createStore();

  /** Releases or empties what {@link #createStore()} made; called after every test. */
  protected void cleanUp(TicketStore store) {}

  /** {@link CrudAndVersioningContract}: run against {@link #createStore()}. */
  @Nested
  public class CrudAndVersioning extends CrudAndVersioningContract {
    @Override
    protected TicketStore createStore() {
      return TicketStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      TicketStoreContract.this.cleanUp(store);
    }
  }

  /** {@link TransactionsContract}: run against {@link #createStore()}. */
  @Nested
  public class Transactions extends TransactionsContract {
    @Override
    protected TicketStore createStore() {
      return TicketStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      TicketStoreContract.this.cleanUp(store);
    }
  }

  /** {@link VisibilityScopingContract}: run against {@link #createStore()}. */
  @Nested
  public class VisibilityScoping extends VisibilityScopingContract {
    @Override
    protected TicketStore createStore() {
      return TicketStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      TicketStoreContract.this.cleanUp(store);
    }
  }

  /** {@link FiltersContract}: run against {@link #createStore()}. */
  @Nested
  public class Filters extends FiltersContract {
    @Override
    protected TicketStore createStore() {
      return TicketStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      TicketStoreContract.this.cleanUp(store);
    }
  }

  /** {@link KeysetPaginationContract}: run against {@link #createStore()}. */
  @Nested
  public class KeysetPagination extends KeysetPaginationContract {
    @Override
    protected TicketStore createStore() {
      return TicketStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      TicketStoreContract.this.cleanUp(store);
    }
  }

  /** {@link SearchContract}: run against {@link #createStore()}. */
  @Nested
  public class Search extends SearchContract {
    @Override
    protected TicketStore createStore() {
      return TicketStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      TicketStoreContract.this.cleanUp(store);
    }
  }

  /** {@link ActivityFiguresContract}: run against {@link #createStore()}. */
  @Nested
  public class ActivityFigures extends ActivityFiguresContract {
    @Override
    protected TicketStore createStore() {
      return TicketStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      TicketStoreContract.this.cleanUp(store);
    }
  }

  /** {@link StatisticsContract}: run against {@link #createStore()}. */
  @Nested
  public class Stats extends StatisticsContract {
    @Override
    protected TicketStore createStore() {
      return TicketStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      TicketStoreContract.this.cleanUp(store);
    }
  }

  /** {@link AuditContract}: run against {@link #createStore()}. */
  @Nested
  public class Audit extends AuditContract {
    @Override
    protected TicketStore createStore() {
      return TicketStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      TicketStoreContract.this.cleanUp(store);
    }
  }

  /** {@link SoftDeleteAndPurgeContract}: run against {@link #createStore()}. */
  @Nested
  public class SoftDeleteAndPurge extends SoftDeleteAndPurgeContract {
    @Override
    protected TicketStore createStore() {
      return TicketStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      TicketStoreContract.this.cleanUp(store);
    }
  }

  /** {@link UploadGrantsAndObjectDeletionsContract}: run against {@link #createStore()}. */
  @Nested
  public class UploadGrantsAndObjectDeletions extends UploadGrantsAndObjectDeletionsContract {
    @Override
    protected TicketStore createStore() {
      return TicketStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      TicketStoreContract.this.cleanUp(store);
    }
  }

  /** {@link ConcurrencyContract}: run against {@link #createStore()}. */
  @Nested
  public class Concurrency extends ConcurrencyContract {
    @Override
    protected TicketStore createStore() {
      return TicketStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      TicketStoreContract.this.cleanUp(store);
    }
  }

  /** {@link IdempotencyKeysContract}: run against {@link #createStore()}. */
  @Nested
  public class IdempotencyKeys extends IdempotencyKeysContract {
    @Override
    protected TicketStore createStore() {
      return TicketStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      TicketStoreContract.this.cleanUp(store);
    }
  }

  /** {@link RequesterAndParticipantsContract}: run against {@link #createStore()}. */
  @Nested
  public class RequesterAndParticipants extends RequesterAndParticipantsContract {
    @Override
    protected TicketStore createStore() {
      return TicketStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      TicketStoreContract.this.cleanUp(store);
    }
  }

  /** {@link TagsContract}: run against {@link #createStore()}. */
  @Nested
  public class Tags extends TagsContract {
    @Override
    protected TicketStore createStore() {
      return TicketStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      TicketStoreContract.this.cleanUp(store);
    }
  }

  /** {@link FieldValuesContract}: run against {@link #createStore()}. */
  @Nested
  public class FieldValues extends FieldValuesContract {
    @Override
    protected TicketStore createStore() {
      return TicketStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      TicketStoreContract.this.cleanUp(store);
    }
  }

  /** {@link CounterStoreContract}: run against {@link #createStore()}. */
  @Nested
  public class Counters extends CounterStoreContract {
    @Override
    protected TicketStore createStore() {
      return TicketStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      TicketStoreContract.this.cleanUp(store);
    }
  }

  /** {@link SlaStandingContract}: run against {@link #createStore()}. */
  @Nested
  public class SlaStandings extends SlaStandingContract {
    @Override
    protected TicketStore createStore() {
      return TicketStoreContract.this.createStore();
    }

    @Override
    protected void cleanUp(TicketStore store) {
      TicketStoreContract.this.cleanUp(store);
    }
  }
}
