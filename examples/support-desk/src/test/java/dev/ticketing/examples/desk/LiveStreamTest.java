package dev.ticketing.examples.desk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.FieldChange;
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
    AuditEntry entry =
        new AuditEntry("e1", "t1", action, "sarah", Role.AGENT, Instant.EPOCH, List.of());
    assertThat(LiveChanges.kind(entry)).isIn(DOCUMENTED);
  }

  @Test
  @DisplayName("a comment is 'note' exactly when the audit entry says it was internal")
  void notes() {
    assertThat(LiveChanges.kind(comment("true"))).isEqualTo("note");
    assertThat(LiveChanges.kind(comment("false"))).isEqualTo("commented");
  }

  private static AuditEntry comment(String internal) {
    return new AuditEntry(
        "e1",
        "t1",
        AuditAction.TICKET_COMMENT_ADDED,
        "sarah",
        Role.AGENT,
        Instant.EPOCH,
        List.of(
            new FieldChange("commentId", null, "c1"), new FieldChange("internal", null, internal)));
  }
}
