package dev.ticketing.spring.jpa;

import dev.ticketing.jpa.TicketingSchema;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The ticketing migrations at start-up, on a thread of their own when {@code
 * ticketing.store.background-migration} allows it, so that the check of an up-to-date schema (or,
 * after an upgrade, Flyway) overlaps the host's own start-up instead of delaying its entity manager
 * factory.
 *
 * <p>Whoever needs the tables waits for them: the JPA store before its first unit of work, Hibernate
 * before a schema generation or validation of the host's persistence unit ({@link #await} from a
 * properties customizer), and the context at the end of its singletons, so that the application is
 * never reported ready on a schema that is not, and a failed migration still fails start-up with
 * its own exception as the cause (the failure analysers read it there). A context closed early (its
 * start-up failed elsewhere) waits for a migration in progress before its data source closes, so
 * that a half-run migration never meets the next start's.
 */
final class SchemaMigration
    implements InitializingBean, SmartInitializingSingleton, DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

  /** The thread's name, as it shows in thread dumps and logs. */
  static final String THREAD = "ticketing-schema-migration";

  private final DataSource dataSource;
  private final boolean background;
  private final ToIntFunction<DataSource> migration;
  private final CompletableFuture<Integer> done = new CompletableFuture<>();
  private volatile boolean ready;

  SchemaMigration(DataSource dataSource, boolean background) {
    this(dataSource, background, TicketingSchema::migrate);
  }

  SchemaMigration(DataSource dataSource, boolean background, ToIntFunction<DataSource> migration) {
    this.dataSource = dataSource;
    this.background = background;
    this.migration = migration;
  }

  /** Starts the migration: on its own thread, or here when not in the background. */
  @Override
  public void afterPropertiesSet() {
    if (!background) {
      // On the caller's thread: a failure propagates as it is, as before background migrations.
      done.complete(migration.applyAsInt(dataSource));
      ready = true;
      return;
    }
    Thread thread = new Thread(this::run, THREAD);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    long start = System.nanoTime();
    try {
      int executed = migration.applyAsInt(dataSource);
      log.debug(
          "Ticketing schema ready in {} ms ({} migrations run)",
          (System.nanoTime() - start) / 1_000_000,
          executed);
      done.complete(executed);
    } catch (RuntimeException | Error e) {
      done.completeExceptionally(e);
    }
  }

  /** The context waits for the schema before it finishes starting. */
  @Override
  public void afterSingletonsInstantiated() {
    await();
  }

  /**
   * Returns once the schema is up to date; throws the migration's failure, as the cause of an
   * {@link IllegalStateException} naming the step, when it failed.
   */
  void await() {
    if (ready) {
      return;
    }
    try {
      done.get();
      ready = true;
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(
          "The ticketing schema migration failed: " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the ticketing schema", e);
    }
  }

  /** Lets a migration in progress finish before the data source closes; its outcome is not news. */
  @Override
  public void destroy() {
    try {
      done.handle((executed, failure) -> null).get();
    } catch (ExecutionException e) {
      // not thrown: the failure was handled above
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the migration runs on its own thread. */
  boolean background() {
    return background;
  }
}
