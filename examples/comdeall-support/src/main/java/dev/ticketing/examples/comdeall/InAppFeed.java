package dev.ticketing.examples.comdeall;

import dev.ticketing.spi.PushMessage;
import dev.ticketing.spi.PushNotifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The platform's in-app notifications: the push channel of the library writes each push message
 * into the {@code app_notification} table (the module's payload: {@code subject} and {@code
 * description} for one user), and the app reads the signed-in user's feed from it, newest first,
 * in keyset pages. The library's notification id is the row's key, so a message delivered again
 * after a retry is stored once.
 */
@Component
class InAppFeed implements PushNotifier {
  private final JdbcClient jdbc;
  private final Clock clock;

  InAppFeed(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** One entry of a user's feed. */
  record Entry(
      String id,
      String userId,
      String subject,
      String description,
      @Nullable String ticketId,
      String template,
      Instant createdAt) {}

  /** A page of the feed and whether there is more. */
  record Page(List<Entry> entries, @Nullable String endCursor, boolean hasNextPage) {}

  @Override
  public void push(PushMessage message) {
    String id = message.notificationId();
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
    try {
      jdbc.sql(
              """
              insert into app_notification (id, user_id, subject, description, ticket_id, template, created_micros)
              select :id, :user, :subject, :description, :ticket, :template, :micros
              where not exists (select 1 from app_notification where id = :id)""")
          .param("id", id)
          .param("user", message.recipientId())
          .param("subject", message.title())
          .param("description", message.body())
          .param("ticket", message.data().get("ticketId"))
          .param("template", message.data().getOrDefault("template", ""))
          .param("micros", micros)
          .update();
    } catch (DuplicateKeyException deliveredTwiceAtOnce) {
      // Another instance stored the same notification in the same instant: it is there once.
    }
  }

  /**
   * The user's feed, newest first.
   *
   * @param after the cursor of the last entry of the previous page, or null for the first page
   */
  Page page(String userId, int first, @Nullable Cursor after) {
    List<Entry> rows =
        jdbc.sql(
                """
            select id, user_id, subject, description, ticket_id, template, created_micros from app_notification
            where user_id = :user
              and (:hasAfter = false or created_micros < :micros or (created_micros = :micros and id < :id))
            order by created_micros desc, id desc
            limit :limit""")
            .param("user", userId)
            .param("hasAfter", after != null)
            .param("micros", after == null ? 0L : after.micros())
            .param("id", after == null ? "" : after.id())
            .param("limit", first + 1)
            .query(
                (rs, n) ->
                    new Entry(
                        rs.getString("id"),
                        rs.getString("user_id"),
                        rs.getString("subject"),
                        rs.getString("description"),
                        rs.getString("ticket_id"),
                        rs.getString("template"),
                        Instant.EPOCH.plus(rs.getLong("created_micros"), ChronoUnit.MICROS)))
            .list();
    boolean more = rows.size() > first;
    List<Entry> entries = more ? rows.subList(0, first) : rows;
    String end = entries.isEmpty() ? null : Cursor.of(entries.get(entries.size() - 1)).encode();
    return new Page(entries, end, more);
  }

  /** An opaque keyset position in a feed: creation time and id of the last entry seen. */
  record Cursor(long micros, String id) {
    static Cursor of(Entry e) {
      return new Cursor(ChronoUnit.MICROS.between(Instant.EPOCH, e.createdAt()), e.id());
    }

    String encode() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(("f1:" + micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Null when the text is not a cursor this feed issued. */
    static @Nullable Cursor decode(String text) {
      try {
        String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        String[] parts = raw.split(":", 3);
        if (parts.length != 3
            || !parts[0].equals("f1")
            || parts[2].isEmpty()
            || parts[2].length() > 64
            || !parts[2].matches("[A-Za-z0-9-]+")) {
          return null;
        }
        return new Cursor(Long.parseLong(parts[1]), parts[2]);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }
}
