package dev.ticketing.spring.autoconfigure;

import dev.ticketing.CounterSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Ticket counters and page totals: the ticketing.counters properties.
 *
 * @param enabled keep ticket counters in each write's transaction and read statistics and simple
 *     totals from them (default true); false counts tickets for every statistic and total
 * @param stripes rows per counter a write picks one of, 1 to 1024 (default 64): more let more
 *     writers of one company commit side by side, fewer make reads sum fewer rows
 * @param totalCountCap the most tickets a page's totalCount counts when the counters cannot answer
 *     its filter (default 10000); beyond it the page says totalCountCapped
 * @since 0.2.0
 */
@ConfigurationProperties("ticketing.counters")
public record TicketingCounterProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("64") int stripes,
    @DefaultValue("10000") long totalCountCap) {

  /** The engine's settings. */
  public CounterSettings settings() {
    return new CounterSettings(enabled, stripes, totalCountCap);
  }
}
