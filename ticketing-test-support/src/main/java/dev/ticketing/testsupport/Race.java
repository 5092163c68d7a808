package dev.ticketing.testsupport;

import dev.ticketing.ErrorCode;
import dev.ticketing.TicketingException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Runs a number of tasks at the same instant, each on its own thread, and collects what each one
 * returned or threw: the way to show that concurrent writers on one ticket lose nothing, or that
 * two claims of the same row never both win.
 *
 * <p>Every racer first reports ready and then waits for one start signal, so the tasks really
 * overlap instead of running one after the other as the threads happen to start. A task that
 * throws is an outcome, not a failure of the race; a racer that is not ready, or not finished,
 * within the timeout ({@link #DEFAULT_TIMEOUT} unless given) fails the race with an {@link
 * AssertionError}, since that usually means a deadlock.
 *
 * <pre>{@code
 * List<Race.Outcome<CommentView>> outcomes =
 *     Race.run(16, i -> () -> service.addComment(agent, new AddComment(ticketId, "Reply " + i, false)));
 * assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).as(o.stackTrace()).isNull());
 * }</pre>
 *
 * @since 0.2.0
 */
public final class Race {

  /** How long the racers may take to get ready, and then each to finish: 90 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

  /**
   * What one racer did: the value its task returned, or what it threw.
   *
   * @param racer the index the task was built for, from 0
   * @param value what the task returned; {@code null} when it threw (or returned {@code null})
   * @param failure what the task threw; {@code null} when it returned
   * @param <T> what a task returns
   */
  public record Outcome<T>(int racer, @Nullable T value, @Nullable Throwable failure) {

    /** The failure's stack trace, to describe an assertion on it; "no failure" when it returned. */
    public String stackTrace() {
      if (failure == null) {
        return "no failure";
      }
      StringWriter w = new StringWriter();
      failure.printStackTrace(new PrintWriter(w));
      return w.toString();
    }

    /** How the racer ended, to count outcomes by kind: see {@link Race#ending(Throwable)}. */
    public String ending() {
      return Race.ending(failure);
    }
  }

  /**
   * {@code "ok"} without a failure, the {@link ErrorCode} of a {@link TicketingException}, or the
   * simple class name of anything else: a key for counting how the racers of many rounds ended.
   */
  public static String ending(@Nullable Throwable failure) {
    if (failure == null) {
      return "ok";
    }
    return failure instanceof TicketingException t
        ? t.code().name()
        : failure.getClass().getSimpleName();
  }

  private Race() {}

  /**
   * Starts {@code racers} tasks together, the task of racer {@code i} built by {@code task.apply(i)}
   * before any starts, and returns their outcomes in racer order, waiting at most {@link
   * #DEFAULT_TIMEOUT}.
   */
  public static <T> List<Outcome<T>> run(int racers, IntFunction<Callable<T>> task)
      throws InterruptedException {
    return run(racers, DEFAULT_TIMEOUT, task);
  }

  /**
   * Starts {@code racers} tasks together and returns their outcomes in racer order; each racer may
   * take {@code timeout} to get ready and then to finish.
   */
  public static <T> List<Outcome<T>> run(
      int racers, Duration timeout, IntFunction<Callable<T>> task) throws InterruptedException {
    if (racers < 1) {
      throw new IllegalArgumentException("racers must be at least 1, was " + racers);
    }
    long millis = timeout.toMillis();
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    CountDownLatch ready = new CountDownLatch(racers);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        Callable<T> work = task.apply(i);
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  if (!go.await(millis, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the start signal never came");
                  }
                  return work.call();
                }));
      }
      if (!ready.await(millis, TimeUnit.MILLISECONDS)) {
        throw new AssertionError("not all " + racers + " racers were ready within " + timeout);
      }
      go.countDown();
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        try {
          outcomes.add(new Outcome<>(i, futures.get(i).get(millis, TimeUnit.MILLISECONDS), null));
        } catch (ExecutionException e) {
          outcomes.add(new Outcome<>(i, null, e.getCause()));
        } catch (TimeoutException e) {
          throw new AssertionError(
              "racer " + i + " did not finish within " + timeout + " (deadlock?)", e);
        }
      }
      pool.shutdown();
      // Every future is done, so the threads end at once; one still running would leak into the
      // next test.
      if (!pool.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
        throw new AssertionError("racer threads still running " + timeout + " after the race");
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
