package dev.ticketing;

/**
 * One ticket counter that differs from the tickets it counts.
 *
 * @param companyId the counter's company, or {@code *} for the counters of every company together
 * @param key the counter (for example {@code s:OPEN}: open tickets; see the counters guide)
 * @param counted what the counter held
 * @param expected what the tickets say
 * @since 0.2.0
 */
public record CounterDrift(String companyId, String key, long counted, long expected) {}
