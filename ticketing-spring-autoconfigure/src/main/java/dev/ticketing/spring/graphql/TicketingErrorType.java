package dev.ticketing.spring.graphql;

import graphql.ErrorClassification;

/**
 * The classifications of library errors that none of Spring for GraphQL's {@code ErrorType}s
 * fits: neither a concurrent change nor an unreachable store is an internal error.
 *
 * @since 0.1.0
 */
public enum TicketingErrorType implements ErrorClassification {
  /** Someone else changed the ticket at the same time; retrying is safe. */
  CONFLICT,
  /** The store or the host's directory failed; retrying later may succeed. */
  UNAVAILABLE
}
