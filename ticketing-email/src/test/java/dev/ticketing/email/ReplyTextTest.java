package dev.ticketing.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Quoted history and signatures come off a reply; what the person wrote stays. */
class ReplyTextTest {

  @Test
  void interleavedAnswersKeepTheirOwnLines() {
    String text = "> Which version?\n2.4.1\n> Which browser?\nFirefox\n";
    assertThat(ReplyText.strip(text)).isEqualTo("2.4.1\nFirefox");
  }

  @Test
  void attributionsInSeveralLanguagesCutTheHistory() {
    for (String attribution :
        new String[] {
          "On Mon, 4 May 2026 at 10:00, Support <s@x> wrote:",
          "Am 04.05.2026 um 10:00 schrieb Support <s@x>:",
          "Le lun. 4 mai 2026 à 10:00, Support <s@x> a écrit :",
          "El lun, 4 may 2026 a las 10:00, Support (<s@x>) escribió:",
          "-----Original Message-----",
          "________________________________"
        }) {
      assertThat(ReplyText.strip("Thanks!\n\n" + attribution + "\nold text\n"))
          .as(attribution)
          .isEqualTo("Thanks!");
    }
  }

  @Test
  void outlookHeaderBlocksCutTheHistoryButAFromLineInTheTextDoesNot() {
    assertThat(ReplyText.strip("Done.\n\nFrom: Support\nSent: Monday\nTo: me\n\nold"))
        .isEqualTo("Done.");
    assertThat(ReplyText.strip("From: the accounts team I heard it works.\nThanks"))
        .isEqualTo("From: the accounts team I heard it works.\nThanks");
  }

  @Test
  void signaturesAndMobileFootersGo() {
    assertThat(ReplyText.strip("Fixed.\n-- \nJohn\n+1 555")).isEqualTo("Fixed.");
    assertThat(ReplyText.strip("Fixed.\n\nSent from my iPhone")).isEqualTo("Fixed.");
    assertThat(ReplyText.strip("Fixed.\n\nGet Outlook for Android")).isEqualTo("Fixed.");
  }

  @Test
  void aReplyOfOnlyQuotesIsKeptWhole() {
    assertThat(ReplyText.strip("> only quoted\n> text")).isEqualTo("> only quoted\n> text");
  }
}
