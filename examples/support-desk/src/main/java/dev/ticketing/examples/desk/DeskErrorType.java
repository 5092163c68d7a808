package dev.ticketing.examples.desk;

import graphql.ErrorClassification;

/**
 * GraphQL error classifications ({@code extensions.classification}) beyond Spring for GraphQL's
 * {@code BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, INTERNAL_ERROR}, for errors that are none
 * of those: a concurrent change is not an internal error, and neither is a refused limit.
 */
enum DeskErrorType implements ErrorClassification {
  /** The ticket changed concurrently; repeating the call may succeed. */
  CONFLICT,
  /** A back end (the store) is unavailable for now; repeating the call later may succeed. */
  UNAVAILABLE,
  /** Too many writes; {@code extensions.retryAfterSeconds} says when to try again. */
  TOO_MANY_REQUESTS,
  /** The document exceeds a size or cost limit and was not run. */
  QUERY_TOO_COMPLEX,
  /** The document ran past its time and was stopped. */
  TIMEOUT
}
