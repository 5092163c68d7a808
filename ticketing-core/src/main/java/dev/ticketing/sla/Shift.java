package dev.ticketing.sla;

import dev.ticketing.ValidationException;
import java.time.LocalTime;

/**
 * One stretch of working hours in a day, from {@code startMinute} (inclusive) to {@code endMinute}
 * (exclusive), in minutes after local midnight; {@code endMinute} 1440 is the end of the day.
 *
 * @since 0.1.0
 */
public record Shift(int startMinute, int endMinute) {

  /** Minutes in a day as the wall clock shows it (DST days still run from 00:00 to 24:00). */
  public static final int DAY = 24 * 60;

  public Shift {
    if (startMinute < 0 || endMinute > DAY || startMinute >= endMinute) {
      throw ValidationException.of(
          "shift", "must run forward within a day (0 <= start < end <= 24:00)");
    }
  }

  /** {@code 09:00-17:00}; {@code 24:00} as an end is the end of the day. */
  public static Shift parse(String text) {
    String[] parts = text.trim().split("-");
    if (parts.length != 2) {
      throw ValidationException.of("shift", "must look like 09:00-17:00, not '" + text + "'");
    }
    return new Shift(minute(parts[0]), minute(parts[1]));
  }

  private static int minute(String hhmm) {
    String t = hhmm.trim();
    if (t.equals("24:00")) {
      return DAY;
    }
    try {
      LocalTime time = LocalTime.parse(t);
      return time.getHour() * 60 + time.getMinute();
    } catch (java.time.DateTimeException e) {
      throw ValidationException.of("shift", "'" + hhmm + "' is not a time of day (HH:MM)");
    }
  }

  @Override
  public String toString() {
    return String.format(
        "%02d:%02d-%02d:%02d", startMinute / 60, startMinute % 60, endMinute / 60, endMinute % 60);
  }
}
