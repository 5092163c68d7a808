package dev.ticketing.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a reply adds: its text without the quoted history (the {@code >} lines, and everything from
 * the attribution line, Outlook's header block or an "Original Message" rule on) and without the
 * signature (from the {@code "-- "} delimiter, or a mobile client's "Sent from my ..." line). When
 * nothing is left, the text is kept whole rather than lost.
 */
final class ReplyText {

  private static final Pattern[] CUT_AT = {
    Pattern.compile("^-- ?$"),
    Pattern.compile(
        "^-{2,}\\s*(Original Message|Forwarded message|Ursprüngliche Nachricht|Message d'origine)\\s*-{2,}.*$",
        Pattern.CASE_INSENSITIVE),
    Pattern.compile("^_{10,}\\s*$"),
    Pattern.compile(
        "^(On|Am|Le|El|Il|Op|Em|Den|W dniu) .{4,}(wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev|napisał)\\s*:?\\s*$",
        Pattern.CASE_INSENSITIVE),
    Pattern.compile(
        "^(Am|On|Le|El|Il|Op) .{4,} (schrieb|wrote|a écrit|escribió|ha scritto|schreef) .{0,120}:\\s*$",
        Pattern.CASE_INSENSITIVE),
    Pattern.compile(
        "^.{0,80}\\d{4}.{0,80}<[^>]+@[^>]+>\\s*(wrote|schrieb|a écrit|escribió)\\s*:\\s*$",
        Pattern.CASE_INSENSITIVE),
    Pattern.compile(
        "^(Sent from my|Sent from Mail for|Sent from Outlook|Sent from Yahoo Mail|Get Outlook for|Envoyé de mon|Von meinem .* gesendet|Enviado desde mi|Sent with Proton Mail|Sent from Samsung).*$",
        Pattern.CASE_INSENSITIVE)
  };

  private static final Pattern ATTRIBUTION_START =
      Pattern.compile("^(On|Am|Le|El|Il|Op) .{4,}$", Pattern.CASE_INSENSITIVE);
  private static final Pattern ATTRIBUTION_END =
      Pattern.compile(
          ".*(wrote|schrieb|a écrit|escribió|ha scritto|schreef)\\s*:\\s*$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern HEADER_FROM =
      Pattern.compile("^\\*?(From|Von|De|Van|Da)\\s?:\\*?\\s.+", Pattern.CASE_INSENSITIVE);
  private static final Pattern HEADER_NEXT =
      Pattern.compile(
          "^\\*?(Sent|Date|To|Subject|Gesendet|Datum|An|Betreff|Envoyé|À|Objet|Enviado|Para|Asunto)\\s?:\\*?.*",
          Pattern.CASE_INSENSITIVE);

  private ReplyText() {}

  static String strip(String text) {
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.strip();
      if (cutsHere(lines, i, trimmed)) {
        break;
      }
      if (trimmed.startsWith(">")) {
        continue;
      }
      kept.add(line.stripTrailing());
    }
    String out = String.join("\n", kept).strip();
    return out.isEmpty() ? text.strip() : out;
  }

  private static boolean cutsHere(String[] lines, int i, String trimmed) {
    if (lines[i].equals("-- ") || lines[i].equals("--")) {
      return true;
    }
    for (int p = 1; p < CUT_AT.length; p++) {
      if (CUT_AT[p].matcher(trimmed).matches()) {
        return true;
      }
    }
    // An attribution wrapped over two lines: "On Mon, 4 May 2026 at 10:00, Ann <ann@x>" / "wrote:".
    if (ATTRIBUTION_START.matcher(trimmed).matches()
        && i + 1 < lines.length
        && ATTRIBUTION_END.matcher(lines[i + 1].strip()).matches()
        && lines[i + 1].strip().length() < 80) {
      return true;
    }
    // Outlook's plain-text header block: "From: ..." followed by "Sent:"/"Date:"/"To:" lines.
    if (HEADER_FROM.matcher(trimmed).matches()) {
      for (int j = i + 1; j < Math.min(lines.length, i + 4); j++) {
        if (HEADER_NEXT.matcher(lines[j].strip()).matches()) {
          return true;
        }
      }
    }
    return false;
  }
}
