package dev.ticketing.examples.desk;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The time one GraphQL document may run ({@code desk.limits.graphql.timeout}). When it is up, the
 * execution is cancelled through graphql-java's cooperative cancellation: no further field is
 * fetched, so the work stops, whether or not the client is still waiting, and the answer is an
 * error with {@code extensions.code TIMEOUT}. (A servlet container notices a client that went away
 * only when it writes to it, after the document has run; the deadline is what bounds the work.)
 */
final class GraphQlDeadline implements Instrumentation, AutoCloseable {
  /** Set in the request's {@link GraphQLContext} when its deadline cancelled it. */
  static final String TIMED_OUT = GraphQlDeadline.class.getName() + ".timedOut";

  private final Duration timeout;
  private final ScheduledThreadPoolExecutor timer;

  GraphQlDeadline(DeskLimits limits) {
    this.timeout = limits.graphql().timeout();
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "graphql-deadline");
              thread.setDaemon(true);
              return thread;
            });
    this.timer.setRemoveOnCancelPolicy(true);
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecution(
      InstrumentationExecutionParameters parameters, InstrumentationState state) {
    ExecutionInput input = parameters.getExecutionInput();
    AtomicBoolean timedOut = new AtomicBoolean();
    parameters.getGraphQLContext().put(TIMED_OUT, timedOut);
    ScheduledFuture<?> deadline =
        timer.schedule(
            () -> {
              timedOut.set(true);
              input.cancel();
            },
            timeout.toNanos(),
            TimeUnit.NANOSECONDS);
    return SimpleInstrumentationContext.whenCompleted((result, failure) -> deadline.cancel(false));
  }

  /** Whether the request of {@code context} was stopped by its deadline. */
  static boolean timedOut(GraphQLContext context) {
    AtomicBoolean flag = context.get(TIMED_OUT);
    return flag != null && flag.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
