package dev.ticketing.s3;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Content-Disposition} value of a download: {@code attachment; filename="…";
 * filename*=UTF-8''…} (RFC 6266 with the RFC 5987 extended parameter).
 *
 * <p>The engine hands over names it has sanitised already; this class does not rely on it. Only
 * the last path segment is kept, control and format characters (bidirectional overrides) are
 * dropped, the quoted fallback is printable ASCII without {@code "}, {@code \} or {@code %}, and
 * the extended value percent-encodes every byte outside RFC 5987's attr-char. Nothing from the name
 * can close the quoted string, start another parameter or split the header.
 */
final class ContentDisposition {

  private static final String FALLBACK_NAME = "download";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private ContentDisposition() {}

  static String attachment(String fileName) {
    String name = clean(fileName);
    return "attachment; filename=\""
        + asciiFallback(name)
        + "\"; filename*=UTF-8''"
        + extValue(name);
  }

  private static String clean(String fileName) {
    String name = fileName;
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    if (slash >= 0) {
      name = name.substring(slash + 1);
    }
    StringBuilder out = new StringBuilder(name.length());
    name.codePoints()
        .forEach(
            cp -> {
              int type = Character.getType(cp);
              if (!Character.isISOControl(cp)
                  && type != Character.FORMAT
                  && type != Character.SURROGATE
                  && type != Character.PRIVATE_USE
                  && type != Character.UNASSIGNED) {
                out.appendCodePoint(cp);
              }
            });
    String cleaned = out.toString().strip();
    return cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..")
        ? FALLBACK_NAME
        : cleaned;
  }

  /** The quoted-string fallback for agents without RFC 5987: printable ASCII, nothing to escape. */
  private static String asciiFallback(String name) {
    StringBuilder out = new StringBuilder(name.length());
    name.codePoints()
        .forEach(
            cp -> {
              boolean plain = cp >= 0x20 && cp < 0x7F && cp != '"' && cp != '\\' && cp != '%';
              out.append(plain ? (char) cp : '_');
            });
    return out.toString();
  }

  /** RFC 5987 {@code value-chars}: attr-char as is, every other UTF-8 byte as {@code %XX}. */
  private static String extValue(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (isAttrChar(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0F]);
      }
    }
    return out.toString();
  }

  private static boolean isAttrChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$&+-.^_`|~".indexOf(c) >= 0;
  }
}
