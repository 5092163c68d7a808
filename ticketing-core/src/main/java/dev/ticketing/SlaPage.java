package dev.ticketing;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of service-level targets in a listing's order.
 *
 * @param items the targets of this page
 * @param endCursor pass as {@code after} for the next page; null on an empty page
 * @param hasNextPage whether more follow
 * @since 0.1.0
 */
public record SlaPage(List<SlaTargetView> items, @Nullable String endCursor, boolean hasNextPage) {
  public SlaPage {
    items = List.copyOf(items);
  }
}
