package dev.ticketing.s3;

import java.nio.charset.StandardCharsets;

/**
 * The object keys the store signs URLs for: refuses keys that could address something other than
 * the object the engine meant.
 */
final class ObjectKeys {

  /** S3's limit on a key, in UTF-8 bytes. */
  static final int MAX_KEY_BYTES = 1024;

  private ObjectKeys() {}

  /**
   * Refuses keys that could address something other than the object the engine meant. The engine
   * never builds such keys; this is defence in depth.
   */
  static void check(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("object key is empty");
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException("object key is longer than " + MAX_KEY_BYTES + " bytes");
    }
    if (key.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("object key contains a backslash");
    }
    if (key.codePoints()
        .anyMatch(
            cp ->
                Character.isISOControl(cp)
                    || Character.getType(cp) == Character.FORMAT
                    || Character.getType(cp) == Character.SURROGATE)) {
      throw new IllegalArgumentException("object key contains a control or format character");
    }
    if (key.startsWith("/")) {
      throw new IllegalArgumentException("object key starts with '/'");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        throw new IllegalArgumentException("object key contains a '" + segment + "' segment");
      }
      if (segment.isEmpty()) {
        throw new IllegalArgumentException("object key contains an empty segment");
      }
    }
  }
}
