package dev.ticketing.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Which replies move a ticket, and where to. */
class ReplyAutomationTest {

  private static final ReplyAutomation BOTH_ON =
      new ReplyAutomation(TransitionTable.STANDARD, true, true);

  @Test
  void customerReplyResumesWorkOnAWaitingTicket() {
    assertThat(BOTH_ON.onReply(Status.WAITING_FOR_CUSTOMER, false, false))
        .isEqualTo(Status.IN_PROGRESS);
  }

  @Test
  void customerReplyReopensAResolvedTicket() {
    assertThat(BOTH_ON.onReply(Status.RESOLVED, false, false)).isEqualTo(Status.REOPENED);
  }

  @ParameterizedTest
  @EnumSource(Status.class)
  void staffRepliesAndInternalNotesNeverMoveATicket(Status current) {
    assertThat(BOTH_ON.onReply(current, true, false)).isNull();
    assertThat(BOTH_ON.onReply(current, true, true)).isNull();
    assertThat(BOTH_ON.onReply(current, false, true)).isNull();
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.class,
      names = {"OPEN", "IN_PROGRESS", "CLOSED", "REOPENED", "CANCELLED"})
  void customerRepliesElsewhereLeaveTheStatus(Status current) {
    assertThat(BOTH_ON.onReply(current, false, false)).isNull();
  }

  @Test
  void eachRuleCanBeSwitchedOff() {
    ReplyAutomation noResume = new ReplyAutomation(TransitionTable.STANDARD, false, true);
    ReplyAutomation noReopen = new ReplyAutomation(TransitionTable.STANDARD, true, false);
    assertThat(noResume.onReply(Status.WAITING_FOR_CUSTOMER, false, false)).isNull();
    assertThat(noResume.onReply(Status.RESOLVED, false, false)).isEqualTo(Status.REOPENED);
    assertThat(noReopen.onReply(Status.RESOLVED, false, false)).isNull();
    assertThat(noReopen.onReply(Status.WAITING_FOR_CUSTOMER, false, false))
        .isEqualTo(Status.IN_PROGRESS);
  }

  @Test
  void aMoveTheTableForbidsIsNotMade() {
    TransitionTable noReopening =
        TransitionTable.builder()
            .allow(Status.WAITING_FOR_CUSTOMER, Status.IN_PROGRESS)
            .allow(Status.RESOLVED, Status.CLOSED)
            .build();
    ReplyAutomation automation = new ReplyAutomation(noReopening, true, true);
    assertThat(automation.onReply(Status.RESOLVED, false, false)).isNull();
    assertThat(automation.onReply(Status.WAITING_FOR_CUSTOMER, false, false))
        .isEqualTo(Status.IN_PROGRESS);
  }
}
