package dev.ticketing.spi;

/**
 * Order of a listing: by creation time, ties broken by id in the same direction.
 *
 * @since 0.1.0
 */
public enum SortOrder {
  NEWEST_FIRST,
  OLDEST_FIRST
}
