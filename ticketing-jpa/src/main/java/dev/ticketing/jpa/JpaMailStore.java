package dev.ticketing.jpa;

import dev.ticketing.spi.MailStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;
import org.jspecify.annotations.Nullable;

/**
 * {@link MailStore} on the ticket store's database: rows of {@code ticketing_mail_inbound} and
 * {@code ticketing_mail_sent}, written with plain SQL.
 *
 * <p>A claim inserts the message's row, or takes over an unfinished one whose lease ran out with a
 * conditional update; when two processes insert the same key at once, the primary key refuses the
 * second, which then reads the row again and finds it {@link Claim#BUSY}. Each method runs in its
 * own unit of work, so call it outside the ticket store's transactions. Instants are stored as
 * microseconds since the epoch.
 *
 * @since 0.2.0
 */
public final class JpaMailStore implements MailStore {

  /** Keys per {@code in} list: well under every database's limit on bound parameters. */
  private static final int IN_CHUNK = 500;

  private final JpaTransactions transactions;
  private final TicketCompanies companies = new TicketCompanies();

  /**
   * A store running its units of work in these transactions.
   *
   * @param transactions the transactions, shared with the other stores of the same database
   */
  public JpaMailStore(JpaTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  private <T> T jdbc(ReturningWork<T> work) {
    Supplier<T> inSession =
        () -> transactions.entityManager().unwrap(Session.class).doReturningWork(work);
    try {
      return transactions.inTransaction(inSession);
    } catch (RuntimeException e) {
      throw JpaFailures.isPersistenceFailure(e) ? JpaFailures.translate(e) : e;
    }
  }

  @Override
  public Claim claim(String messageKey, String owner, Instant now, Duration lease) {
    long until = micros(now.plus(lease));
    long nowUs = micros(now);
    for (int attempt = 0; ; attempt++) {
      try {
        return jdbc(c -> claimOnce(c, messageKey, owner, nowUs, until));
      } catch (RuntimeException raced) {
        // Another process inserted the same key between our read and our insert: read again.
        if (attempt >= 2) {
          throw raced;
        }
      }
    }
  }

  private static Claim claimOnce(Connection c, String key, String owner, long nowUs, long untilUs)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select outcome, lease_until from ticketing_mail_inbound where message_key = ?")) {
      s.setString(1, key);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "insert into ticketing_mail_inbound (message_key, owner_id, lease_until)"
                      + " values (?, ?, ?)")) {
            insert.setString(1, key);
            insert.setString(2, owner);
            insert.setLong(3, untilUs);
            insert.executeUpdate();
            return Claim.CLAIMED;
          }
        }
        if (r.getString(1) != null) {
          return Claim.DONE;
        }
      }
    }
    try (PreparedStatement take =
        c.prepareStatement(
            "update ticketing_mail_inbound set owner_id = ?, lease_until = ?"
                + " where message_key = ? and outcome is null and lease_until <= ?")) {
      take.setString(1, owner);
      take.setLong(2, untilUs);
      take.setString(3, key);
      take.setLong(4, nowUs);
      return take.executeUpdate() == 1 ? Claim.CLAIMED : Claim.BUSY;
    }
  }

  @Override
  public void finish(
      String messageKey, String owner, String outcome, @Nullable String ticketId, Instant at) {
    jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update ticketing_mail_inbound set owner_id = ?, outcome = ?, ticket_id = ?,"
                      + " finished_at = ?, lease_until = ? where message_key = ? and outcome is null")) {
            s.setString(1, owner);
            s.setString(2, outcome);
            s.setString(3, ticketId);
            s.setLong(4, micros(at));
            s.setLong(5, micros(at));
            s.setString(6, messageKey);
            if (s.executeUpdate() == 1) {
              return null;
            }
          }
          try (PreparedStatement exists =
              c.prepareStatement("select 1 from ticketing_mail_inbound where message_key = ?")) {
            exists.setString(1, messageKey);
            try (ResultSet r = exists.executeQuery()) {
              if (r.next()) {
                return null; // finished before: stays as it was
              }
            }
          }
          try (PreparedStatement insert =
              c.prepareStatement(
                  "insert into ticketing_mail_inbound (message_key, owner_id, lease_until, outcome,"
                      + " ticket_id, finished_at) values (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, messageKey);
            insert.setString(2, owner);
            insert.setLong(3, micros(at));
            insert.setString(4, outcome);
            insert.setString(5, ticketId);
            insert.setLong(6, micros(at));
            insert.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void release(String messageKey, String owner) {
    jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "delete from ticketing_mail_inbound"
                      + " where message_key = ? and owner_id = ? and outcome is null")) {
            s.setString(1, messageKey);
            s.setString(2, owner);
            return s.executeUpdate();
          }
        });
  }

  @Override
  public Optional<Inbound> inbound(String messageKey) {
    return jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select outcome, ticket_id, finished_at from ticketing_mail_inbound"
                      + " where message_key = ? and outcome is not null")) {
            s.setString(1, messageKey);
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new Inbound(
                      messageKey,
                      Objects.requireNonNull(r.getString(1), "outcome"),
                      r.getString(2),
                      instant(r.getLong(3))));
            }
          }
        });
  }

  @Override
  public void recordSent(String messageKey, String ticketId, Instant at) {
    // The ticket's company, copied like on every row of a ticket.
    String company =
        transactions.inTransaction(() -> companies.of(transactions.entityManager(), ticketId));
    jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("select 1 from ticketing_mail_sent where message_key = ?")) {
            s.setString(1, messageKey);
            try (ResultSet r = s.executeQuery()) {
              if (r.next()) {
                return null; // sent again after a retry: the first record stands
              }
            }
          }
          try (PreparedStatement insert =
              c.prepareStatement(
                  "insert into ticketing_mail_sent (message_key, ticket_id, sent_at, company_id)"
                      + " values (?, ?, ?, ?)")) {
            insert.setString(4, company);
            insert.setString(1, messageKey);
            insert.setString(2, ticketId);
            insert.setLong(3, micros(at));
            insert.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Map<String, String> ticketsOfSent(Collection<String> messageKeys) {
    List<String> keys = messageKeys.stream().distinct().toList();
    if (keys.isEmpty()) {
      return Map.of();
    }
    return jdbc(
        c -> {
          Map<String, String> out = new LinkedHashMap<>();
          for (int from = 0; from < keys.size(); from += IN_CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + IN_CHUNK));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement s =
                c.prepareStatement(
                    "select message_key, ticket_id from ticketing_mail_sent where message_key in ("
                        + marks
                        + ")")) {
              for (int i = 0; i < chunk.size(); i++) {
                s.setString(i + 1, chunk.get(i));
              }
              try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                  out.put(r.getString(1), r.getString(2));
                }
              }
            }
          }
          return out;
        });
  }

  private static long micros(Instant at) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, at);
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
