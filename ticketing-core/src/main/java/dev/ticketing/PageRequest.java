package dev.ticketing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A page of a connection (the GraphQL ticket module's {@code ticketsPaginated} arguments).
 *
 * @param first page size, 1 to 100 (default 20)
 * @param after the cursor of the last ticket of the previous page, or null for the first page
 * @param includeTotalCount whether to count every matching ticket (costs one more query)
 * @since 0.1.0
 */
public record PageRequest(
    @Min(1) @Max(100) int first,
    @Size(max = 512) @Nullable String after,
    boolean includeTotalCount) {

  public static final int DEFAULT_SIZE = 20;

  public static PageRequest first(int first) {
    return new PageRequest(first, null, false);
  }

  public static PageRequest firstPage() {
    return first(DEFAULT_SIZE);
  }

  public PageRequest after(@Nullable String cursor) {
    return new PageRequest(first, cursor, includeTotalCount);
  }

  public PageRequest withTotalCount() {
    return new PageRequest(first, after, true);
  }
}
