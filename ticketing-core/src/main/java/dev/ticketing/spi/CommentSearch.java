package dev.ticketing.spi;

/**
 * Which comment text a search term may match besides title and description.
 *
 * @since 0.1.0
 */
public enum CommentSearch {
  /** None (customers). */
  NONE,
  /** Public comments. */
  PUBLIC,
  /** Public comments and internal notes. */
  ALL
}
