package dev.ticketing.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.AuditAction;
import dev.ticketing.notification.TicketEvent;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.NotificationRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * What the public topic carries: for any internal note and any staff-only field value, the record
 * the channel publishes there (the event through the outbox's form and back, then {@link
 * TicketEvent#withoutStaffContent()}, encoded) never contains their text, while the staff record
 * carries it exactly; and every record is JSON a standard parser reads back to the same values.
 */
class PublicTopicSecrecyProperties {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final URI SOURCE = URI.create("/ticketing");

  @Property(tries = 300)
  void anInternalNotesTextNeverReachesThePublicTopic(
      @ForAll("secrets") String secret, @ForAll("visibleText") String reply) throws Exception {
    TicketEvent note = throughTheOutbox(event(secret, true, "note-secret-value"));
    byte[] visible = CloudEventJson.encode(note.withoutStaffContent(), SOURCE);
    byte[] staff = CloudEventJson.encode(note, SOURCE);

    assertThat(new String(visible, StandardCharsets.UTF_8)).doesNotContain(json(secret));
    assertThat(new String(visible, StandardCharsets.UTF_8)).doesNotContain("note-secret-value");
    JsonNode publicEvent = JSON.readTree(visible);
    assertThat(publicEvent.get("type").asText())
        .isEqualTo("dev.ticketing.ticket.internal-note-added");
    assertThat(publicEvent.at("/data/comment/content").isNull()).isTrue();
    assertThat(publicEvent.at("/data/changes").findValuesAsText("field"))
        .doesNotContain("fields.cost");
    JsonNode staffEvent = JSON.readTree(staff);
    assertThat(staffEvent.at("/data/comment/content").asText()).isEqualTo(secret);
    assertThat(staffEvent.get("id").asText()).isEqualTo(publicEvent.get("id").asText());

    // A public reply keeps its text on both topics.
    TicketEvent publicReply = throughTheOutbox(event(reply, false, "x"));
    JsonNode shown =
        JSON.readTree(CloudEventJson.encode(publicReply.withoutStaffContent(), SOURCE));
    assertThat(shown.at("/data/comment/content").asText()).isEqualTo(reply);
    assertThat(shown.get("type").asText()).isEqualTo("dev.ticketing.ticket.comment-added");
  }

  @Provide
  Arbitrary<String> secrets() {
    // Any text at all, long enough not to occur by chance in the envelope.
    return Arbitraries.strings().ofMinLength(12).ofMaxLength(400).filter(s -> !s.isBlank());
  }

  @Provide
  Arbitrary<String> visibleText() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(200);
  }

  @Property(tries = 200)
  void everyEventIsJsonThatReadsBackToItsValues(
      @ForAll @StringLength(min = 1, max = 200) String title,
      @ForAll @StringLength(max = 300) String content)
      throws Exception {
    TicketEvent e = throughTheOutbox(event(content, false, "v").withTitle(title));
    JsonNode node = JSON.readTree(CloudEventJson.encode(e, SOURCE));
    assertThat(node.get("specversion").asText()).isEqualTo("1.0");
    assertThat(node.get("subject").asText()).isEqualTo("t-1");
    assertThat(node.at("/data/ticket/title").asText()).isEqualTo(title);
    assertThat(node.at("/data/comment/content").asText()).isEqualTo(content);
    assertThat(Instant.parse(node.get("time").asText())).isEqualTo(e.at());
  }

  /** The event as the channel reads it: written as an outbox request, delivered, read back. */
  private static TicketEvent throughTheOutbox(TicketEvent e) {
    NotificationRequest r = e.toRequest();
    Notification n = r.toNotification(r.id(), "kafka");
    TicketEvent back = TicketEvent.of(n);
    assertThat(back).isEqualTo(e);
    return back;
  }

  private static Fixture event(String commentText, boolean internal, String staffFieldValue) {
    return new Fixture(commentText, internal, staffFieldValue, "Printer");
  }

  /** A comment event with a staff-only custom field change beside it. */
  private record Fixture(String text, boolean internal, String staffValue, String title) {
    Fixture withTitle(String t) {
      return new Fixture(text, internal, staffValue, t);
    }
  }

  private static TicketEvent throughTheOutbox(Fixture f) {
    return throughTheOutbox(
        new TicketEvent(
            "0005f2a1b2c3d4e5-000000000001-1a2b3c4d",
            "t-1",
            AuditAction.TICKET_COMMENT_ADDED,
            "sarah",
            Role.AGENT,
            Instant.parse("2026-03-04T05:06:07.123456Z"),
            new TicketEvent.Snapshot(
                3,
                "acme",
                "OPEN",
                "HIGH",
                "TECHNICAL",
                null,
                "john",
                "john",
                f.title(),
                List.of("a", "b")),
            List.of(
                new TicketEvent.Change("commentId", null, "c-1", false),
                new TicketEvent.Change("fields.cost", null, f.staffValue(), true)),
            new TicketEvent.Comment("c-1", "sarah", f.internal(), f.text())));
  }

  /** How a text appears inside a JSON document: what a leak would look like. */
  private static String json(String s) {
    StringBuilder b = new StringBuilder();
    CloudEventJson.string(b, s);
    return b.substring(1, b.length() - 1);
  }
}
