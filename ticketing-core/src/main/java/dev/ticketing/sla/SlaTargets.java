package dev.ticketing.sla;

import dev.ticketing.ValidationException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The goals of one priority under a policy; a null goal sets no target of that kind.
 *
 * @since 0.1.0
 */
public record SlaTargets(
    @Nullable Duration firstResponse,
    @Nullable Duration nextResponse,
    @Nullable Duration resolution) {

  public SlaTargets {
    check("firstResponse", firstResponse);
    check("nextResponse", nextResponse);
    check("resolution", resolution);
  }

  private static void check(String field, @Nullable Duration goal) {
    if (goal != null && (goal.isNegative() || goal.isZero())) {
      throw ValidationException.of("targets." + field, "must be positive");
    }
  }

  /** The goal of one kind of target, or null. */
  public @Nullable Duration goal(SlaTarget target) {
    return switch (target) {
      case FIRST_RESPONSE -> firstResponse;
      case NEXT_RESPONSE -> nextResponse;
      case RESOLUTION -> resolution;
    };
  }

  /** Goals in minutes, for configuration written by hand. */
  public static SlaTargets minutes(
      @Nullable Integer firstResponse,
      @Nullable Integer nextResponse,
      @Nullable Integer resolution) {
    return new SlaTargets(
        firstResponse == null ? null : Duration.ofMinutes(firstResponse),
        nextResponse == null ? null : Duration.ofMinutes(nextResponse),
        resolution == null ? null : Duration.ofMinutes(resolution));
  }
}
