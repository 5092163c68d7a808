package dev.ticketing.internal;

import dev.ticketing.ValidationException;
import java.nio.charset.StandardCharsets;

/**
 * Makes a client's file name safe to use as the last segment of an object key and in a
 * Content-Disposition header: no directories, no control or bidirectional-override characters, no
 * characters that mean something in a path or a header, at most 255 UTF-8 bytes with the extension
 * kept.
 */
final class FileNames {
  static final int MAX_BYTES = 255;

  private FileNames() {}

  static String sanitise(String fileName) {
    // Only the last path segment, whichever separator the client's system uses.
    String name = fileName;
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    if (slash >= 0) {
      name = name.substring(slash + 1);
    }
    StringBuilder out = new StringBuilder(name.length());
    name.codePoints()
        .forEach(
            cp -> {
              if (Character.isISOControl(cp)
                  || isBidiControl(cp)
                  || Character.getType(cp) == Character.FORMAT
                  || Character.getType(cp) == Character.SURROGATE
                  || Character.getType(cp) == Character.PRIVATE_USE) {
                return; // dropped: invisible or direction-changing characters disguise names
              }
              if ("<>:\"|?*%#{}^~[]`;=&+$,'".indexOf(cp) >= 0 || Character.isWhitespace(cp)) {
                out.append('_');
              } else {
                out.appendCodePoint(cp);
              }
            });
    String cleaned = stripDots(out.toString());
    if (cleaned.isEmpty()) {
      throw ValidationException.of("fileName", "has no usable characters");
    }
    return truncate(cleaned);
  }

  private static boolean isBidiControl(int cp) {
    return (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0x200E
        || cp == 0x200F
        || cp == 0x061C;
  }

  /** Leading dots would make hidden files or "..", trailing dots and underscores are noise. */
  private static String stripDots(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && (s.charAt(start) == '.' || s.charAt(start) == '_')) {
      start++;
    }
    while (end > start && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == '_')) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Cuts the base name so the whole fits in 255 UTF-8 bytes, keeping a short extension. */
  private static String truncate(String name) {
    if (utf8Length(name) <= MAX_BYTES) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String ext = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
    String base = ext.isEmpty() ? name : name.substring(0, dot);
    int budget = MAX_BYTES - utf8Length(ext);
    StringBuilder cut = new StringBuilder();
    int used = 0;
    for (int i = 0; i < base.length(); ) {
      int cp = base.codePointAt(i);
      int size = utf8Length(new String(Character.toChars(cp)));
      if (used + size > budget) {
        break;
      }
      cut.appendCodePoint(cp);
      used += size;
      i += Character.charCount(cp);
    }
    return cut + ext;
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
