package dev.ticketing.jpa;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * Instants in the columns the plain-SQL stores write: microseconds since the epoch in a {@code
 * bigint}, the precision every supported database keeps, so that an instant reads back equal.
 */
final class MicrosColumns {

  private MicrosColumns() {}

  static @Nullable Instant nullableInstant(ResultSet r, int column) throws SQLException {
    long v = r.getLong(column);
    return r.wasNull() ? null : instant(v);
  }

  static void setMicros(PreparedStatement s, int index, @Nullable Instant t) throws SQLException {
    if (t == null) {
      s.setNull(index, Types.BIGINT);
    } else {
      s.setLong(index, micros(t));
    }
  }

  static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }
}
