package dev.ticketing.email;

import java.util.List;
import java.util.regex.Pattern;

/** The texts a ticket gets from a mail: its title from the subject, its text within the limits. */
final class MailText {

  private static final Pattern REPLY_PREFIX =
      Pattern.compile(
          "^\\s*(re|fw|fwd|aw|wg|sv|vs|antw|tr|rif|r|res|enc)\\s*(\\[\\d+\\])?\\s*[:：]\\s*",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern REPLY_ONLY_PREFIX =
      Pattern.compile(
          "^\\s*(re|aw|sv|vs|antw|rif|r|res)\\s*(\\[\\d+\\])?\\s*[:：]", Pattern.CASE_INSENSITIVE);

  private MailText() {}

  static boolean isReply(ParsedMail mail) {
    return !mail.answered().isEmpty() || REPLY_ONLY_PREFIX.matcher(mail.subject()).find();
  }

  /** The text with the notes of files left out, cut to the limit; never empty. */
  static String content(String text, List<String> notes, MailLimits limits) {
    StringBuilder out = new StringBuilder(text.strip());
    for (String note : notes) {
      out.append(out.length() == 0 ? "" : "\n\n").append(note);
    }
    String s = out.length() == 0 ? "(no text)" : out.toString();
    int max = limits.maxTextChars();
    if (s.length() > max) {
      String marker = "\n[... the rest of the message was cut]";
      int cut = max - marker.length();
      if (Character.isHighSurrogate(s.charAt(cut - 1))) {
        cut--; // never half a character
      }
      s = s.substring(0, cut) + marker;
    }
    return s;
  }

  /** The subject without reply prefixes and ticket references; "(no subject)" when nothing is left. */
  static String title(String subject) {
    String t = Threading.SUBJECT_REFERENCE.matcher(subject).replaceAll(" ");
    for (String before = ""; !before.equals(t); ) {
      before = t;
      t = REPLY_PREFIX.matcher(t).replaceFirst("");
    }
    t = t.replaceAll("\\s+", " ").strip();
    if (t.isEmpty()) {
      return "(no subject)";
    }
    return t.length() > 200 ? t.substring(0, 200).strip() : t;
  }
}
