package dev.ticketing.spi;

import java.util.Objects;

/**
 * One change of one ticket counter: add {@code delta} (positive or negative) to the counter named
 * {@code key} of a company. The engine decides every delta; a {@link CounterStore} only adds them.
 *
 * @param companyId the company whose counter changes
 * @param key the counter's name, as the engine builds it (for example {@code s:OPEN})
 * @param delta how much to add
 * @since 0.2.0
 */
public record CounterDelta(String companyId, String key, long delta)
    implements Comparable<CounterDelta> {

  public CounterDelta {
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(key, "key");
  }

  /** By company, then key: the order a store writes counter rows in, so writers never deadlock. */
  @Override
  public int compareTo(CounterDelta o) {
    int c = companyId.compareTo(o.companyId);
    return c != 0 ? c : key.compareTo(o.key);
  }
}
