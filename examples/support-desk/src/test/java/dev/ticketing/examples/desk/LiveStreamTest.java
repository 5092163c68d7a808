package dev.ticketing.examples.desk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AuditAction;
import dev.ticketing.notification.TicketEvent;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The pieces of the live events that need no server: a stream's queue, and the kinds of change. */
class LiveStreamTest {
  /** A writer pool that never gets round to writing: the client is stuck. */
  private static final Executor STUCK = task -> {};

  /** The kinds docs/ui.md and {@link LiveController} name. */
  private static final Set<String> DOCUMENTED =
      Set.of(
          "created",
          "updated",
          "status",
          "assigned",
          "commented",
          "note",
          "attachment",
          "deleted",
          "restored",
          "merged",
          "linked",
          "sla");

  @Test
  @DisplayName(
      "a stream holds at most queue-size waiting frames; one more says the client is too far behind")
  void boundedQueue() {
    LiveStream stream = new LiveStream(Actor.agent("sarah"), Duration.ofMinutes(1), 3);
    assertThat(stream.offer("a", STUCK)).isTrue();
    assertThat(stream.offer("b", STUCK)).isTrue();
    assertThat(stream.offer("c", STUCK)).isTrue();
    assertThat(stream.offer("d", STUCK)).isFalse();
  }

  @Test
  @DisplayName("a stream that ended runs its end action once, and drops what comes after")
  void endsOnce() {
    LiveStream stream = new LiveStream(Actor.agent("sarah"), Duration.ofMinutes(1), 1);
    AtomicInteger ended = new AtomicInteger();
    stream.onEnd(ended::incrementAndGet);
    stream.end();
    stream.end();
    assertThat(ended).hasValue(1);
    assertThat(stream.offer("a", STUCK)).isTrue();
    assertThat(stream.offer("b", STUCK)).as("dropped, not queued").isTrue();
  }

  @ParameterizedTest
  @EnumSource(AuditAction.class)
  @DisplayName("every audit action is a documented kind of change")
  void everyActionHasADocumentedKind(AuditAction action) {
    assertThat(LiveChange.kind(action, false)).isIn(DOCUMENTED);
    assertThat(LiveChange.kind(action, true)).isIn(DOCUMENTED);
  }

  @Test
  @DisplayName("a comment is 'note' exactly when the ticket event says it was internal")
  void notes() {
    assertThat(LiveChange.of(comment(true), false).kind()).isEqualTo("note");
    assertThat(LiveChange.of(comment(true), false).internal()).isTrue();
    assertThat(LiveChange.of(comment(false), false).kind()).isEqualTo("commented");
    assertThat(LiveChange.of(comment(false), false).internal()).isFalse();
  }

  @Test
  @DisplayName(
      "between instances a change keeps its ids, kind, version, time, secrecy and the audience it"
          + " replaced, and nothing of the content")
  void roundTrip() {
    TicketEvent reassigned =
        new TicketEvent(
            "00064a1f3c2b9d40-00000000002a-5f1e22c0",
            "t1",
            AuditAction.TICKET_ASSIGNED,
            "admin",
            Role.ADMIN,
            Instant.parse("2026-12-07T10:17:10.123456Z"),
            snapshot(),
            List.of(
                new TicketEvent.Change("assignedTo", "sarah", "mike", false),
                new TicketEvent.Change("ccs", null, "alice bob", false)),
            null);
    LiveChange change = LiveChange.of(reassigned, false);
    String json = change.toJson();
    assertThat(LiveChange.fromJson(json)).isEqualTo(change);
    assertThat(change.former()).containsEntry("assignedTo", "sarah").containsEntry("ccs", null);
    assertThat(json).doesNotContain("Printer").hasSizeLessThan(8000);
    assertThat(LiveChange.fromJson(LiveChange.of(comment(true), true).toJson()).internal())
        .isTrue();
  }

  private static TicketEvent.Snapshot snapshot() {
    return new TicketEvent.Snapshot(
        7, "acme", "OPEN", "HIGH", "TECHNICAL", "mike", "john", "john", "Printer", List.of());
  }

  private static TicketEvent comment(boolean internal) {
    return new TicketEvent(
        "e1",
        "t1",
        AuditAction.TICKET_COMMENT_ADDED,
        "sarah",
        Role.AGENT,
        Instant.EPOCH,
        snapshot(),
        List.of(
            new TicketEvent.Change("commentId", null, "c1", false),
            new TicketEvent.Change("internal", null, String.valueOf(internal), false)),
        new TicketEvent.Comment("c1", "sarah", internal, "secret"));
  }
}
