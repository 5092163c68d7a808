package dev.ticketing.examples.desk;

import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;

/**
 * Each mutation field takes one write token of the signed-in user ({@link WriteRateLimiter}) before
 * it runs; without one it fails alone with {@code RATE_LIMITED} (its field null, the mutations before
 * it in the document kept), and the response carries {@code Retry-After}.
 */
final class GraphQlWriteLimits implements Instrumentation {
  /** The signed-in user's login, put in the request's GraphQL context by {@link GraphQlRequestGuard}. */
  static final String USER = GraphQlWriteLimits.class.getName() + ".user";

  private final WriteRateLimiter writes;

  GraphQlWriteLimits(WriteRateLimiter writes) {
    this.writes = writes;
  }

  @Override
  public DataFetcher<?> instrumentDataFetcher(
      DataFetcher<?> fetcher,
      InstrumentationFieldFetchParameters parameters,
      InstrumentationState state) {
    boolean mutationField =
        parameters.getExecutionContext().getOperationDefinition().getOperation()
                == OperationDefinition.Operation.MUTATION
            && parameters.getExecutionStepInfo().getPath().getLevel() == 1;
    if (!mutationField) {
      return fetcher;
    }
    return environment -> {
      String user = environment.getGraphQlContext().get(USER);
      if (user != null) {
        writes.acquire(user);
      }
      return fetcher.get(environment);
    };
  }
}
