package dev.ticketing.email;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Message-IDs as the store keeps them: normalised, then hashed to 64 hex digits. */
final class MessageKeys {

  private static final Pattern BRACKETED = Pattern.compile("<([^<>\\s]{1,995})>");

  private MessageKeys() {}

  /** The store key of a Message-ID (with or without its angle brackets). */
  static String of(String messageId) {
    String id = messageId.strip();
    if (id.startsWith("<") && id.endsWith(">")) {
      id = id.substring(1, id.length() - 1).strip();
    }
    return sha256(id.getBytes(StandardCharsets.UTF_8));
  }

  /** The key of a message without a Message-ID: its bytes. */
  static String ofBytes(byte[] raw) {
    return sha256(raw);
  }

  /** Every {@code <id>} in a header such as References, in order; a bare id when none is bracketed. */
  static List<String> ids(@Nullable String header) {
    List<String> out = new ArrayList<>();
    if (header == null || header.isBlank()) {
      return out;
    }
    Matcher m = BRACKETED.matcher(header);
    while (m.find()) {
      out.add(m.group(1));
    }
    if (out.isEmpty() && !header.strip().contains(" ")) {
      out.add(header.strip());
    }
    return out;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
