package dev.ticketing.kafka;

import dev.ticketing.notification.TicketEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TicketEvent} as a CloudEvents 1.0 event in structured JSON mode: the context attributes
 * and the event's data in one JSON object.
 *
 * <pre>{@code
 * {"specversion":"1.0","id":"…","source":"/ticketing","type":"dev.ticketing.ticket.status-changed",
 *  "subject":"<ticket id>","time":"2026-01-02T03:04:05.123456Z","datacontenttype":"application/json",
 *  "ticketversion":7,
 *  "data":{"ticketId":"…","action":"STATUS_CHANGED","actor":{"id":"…","role":"AGENT"},
 *          "ticket":{"version":7,"companyId":"…","status":"IN_PROGRESS",…,"tags":[…]},
 *          "changes":[{"field":"status","old":"OPEN","new":"IN_PROGRESS"}],
 *          "comment":{"id":"…","authorId":"…","internal":false,"content":"…"}}}
 * }</pre>
 *
 * {@code comment} is present only for a change that added one; an absent value is {@code null}.
 *
 * @since 0.2.0
 */
public final class CloudEventJson {

  /** The content type of a structured CloudEvent in JSON, the records' {@code content-type} header. */
  public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

  /** The prefix of every event's {@code type}; the rest is {@link TicketEvent#kind()}. */
  public static final String TYPE_PREFIX = "dev.ticketing.ticket.";

  private CloudEventJson() {}

  /** The event as UTF-8 JSON. */
  public static byte[] encode(TicketEvent e, URI source) {
    return toJson(e, source).getBytes(StandardCharsets.UTF_8);
  }

  /** The event as JSON text. */
  public static String toJson(TicketEvent e, URI source) {
    StringBuilder b = new StringBuilder(512);
    b.append("{\"specversion\":\"1.0\",\"id\":");
    string(b, e.id());
    b.append(",\"source\":");
    string(b, source.toString());
    b.append(",\"type\":");
    string(b, TYPE_PREFIX + e.kind());
    b.append(",\"subject\":");
    string(b, e.ticketId());
    b.append(",\"time\":");
    string(b, DateTimeFormatter.ISO_INSTANT.format(e.at()));
    b.append(",\"datacontenttype\":\"application/json\",\"ticketversion\":")
        .append(e.ticket().version());
    b.append(",\"data\":{\"ticketId\":");
    string(b, e.ticketId());
    b.append(",\"action\":");
    string(b, e.action().name());
    b.append(",\"actor\":{\"id\":");
    string(b, e.actorId());
    b.append(",\"role\":");
    string(b, e.actorRole().name());
    b.append("},\"ticket\":");
    ticket(b, e.ticket());
    b.append(",\"changes\":[");
    List<TicketEvent.Change> changes = e.changes();
    for (int i = 0; i < changes.size(); i++) {
      TicketEvent.Change c = changes.get(i);
      b.append(i == 0 ? "{\"field\":" : ",{\"field\":");
      string(b, c.field());
      b.append(",\"old\":");
      nullable(b, c.oldValue());
      b.append(",\"new\":");
      nullable(b, c.newValue());
      b.append('}');
    }
    b.append(']');
    TicketEvent.Comment c = e.comment();
    if (c != null) {
      b.append(",\"comment\":{\"id\":");
      string(b, c.id());
      b.append(",\"authorId\":");
      string(b, c.authorId());
      b.append(",\"internal\":").append(c.internal());
      b.append(",\"content\":");
      nullable(b, c.content());
      b.append('}');
    }
    return b.append("}}").toString();
  }

  private static void ticket(StringBuilder b, TicketEvent.Snapshot t) {
    b.append("{\"version\":").append(t.version());
    b.append(",\"companyId\":");
    string(b, t.companyId());
    b.append(",\"status\":");
    string(b, t.status());
    b.append(",\"priority\":");
    string(b, t.priority());
    b.append(",\"category\":");
    string(b, t.category());
    b.append(",\"assigneeId\":");
    nullable(b, t.assigneeId());
    b.append(",\"requesterId\":");
    string(b, t.requesterId());
    b.append(",\"createdBy\":");
    string(b, t.createdBy());
    b.append(",\"title\":");
    string(b, t.title());
    b.append(",\"tags\":[");
    for (int i = 0; i < t.tags().size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      string(b, t.tags().get(i));
    }
    b.append("]}");
  }

  private static void nullable(StringBuilder b, @Nullable String s) {
    if (s == null) {
      b.append("null");
    } else {
      string(b, s);
    }
  }

  /** A JSON string: quotes, backslashes and control characters escaped (RFC 8259). */
  static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          // Also escapes U+2028/2029, which some JavaScript consumers take for line ends.
          if (ch < 0x20 || ch == 0x2028 || ch == 0x2029) {
            b.append(String.format("\\u%04x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    b.append('"');
  }
}
