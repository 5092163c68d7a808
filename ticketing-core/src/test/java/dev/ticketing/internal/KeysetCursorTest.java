package dev.ticketing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.ValidationException;
import dev.ticketing.spi.Keyset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Opaque page cursors: what goes in comes out; anything else is a validation error on "after". */
class KeysetCursorTest {

  private static String encodeRaw(String raw) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertRejected(String cursor) {
    assertThatThrownBy(() -> KeysetCursor.decode(cursor))
        .as("cursor %s", cursor)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.fields()).containsExactly("after");
              assertThat(e.getMessage()).doesNotContain("Exception");
            });
  }

  @Test
  void roundTrips() {
    Keyset[] keysets = {
      new Keyset(
          Instant.parse("2025-10-07T10:30:00.123456Z"), "0199be38-8840-7f66-83c4-96dd7d7c5333"),
      new Keyset(Instant.parse("2025-10-07T10:30:00Z"), "t1"),
      new Keyset(Instant.ofEpochSecond(0, 1), "a.b_c:d@e-f"),
      new Keyset(Instant.parse("1969-12-31T23:59:59.999999999Z"), "x"),
      new Keyset(Instant.parse("9999-12-31T23:59:59.999999Z"), "Z".repeat(128)),
    };
    for (Keyset k : keysets) {
      String cursor = KeysetCursor.encode(k);
      assertThat(cursor).as("URL-safe, unpadded").matches("[A-Za-z0-9_-]+");
      assertThat(KeysetCursor.decode(cursor)).isEqualTo(k);
    }
  }

  @Test
  void cursorsAreOpaqueButDistinct() {
    Instant at = Instant.parse("2025-10-07T10:30:00Z");
    String a = KeysetCursor.encode(new Keyset(at, "t1"));
    String b = KeysetCursor.encode(new Keyset(at, "t2"));
    String c = KeysetCursor.encode(new Keyset(at.plusNanos(1000), "t1"));

    assertThat(a).isNotEqualTo(b).isNotEqualTo(c).doesNotContain("t1", "2025");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "garbage!", "not base64 at all", "a", "====", "%%%", "' OR '1'='1"})
  void garbageIsRejected(String cursor) {
    assertRejected(cursor);
  }

  @Test
  void tamperedCursorsAreRejected() {
    String good = KeysetCursor.encode(new Keyset(Instant.parse("2025-10-07T10:30:00Z"), "t1"));

    assertRejected(good + "!");
    assertRejected(good.substring(0, 3));
    assertRejected("!" + good.substring(1));
    assertRejected(encodeRaw("k2:1759833000:0:t1")); // another version
    assertRejected(encodeRaw("k1:1759833000:0")); // a part missing
    assertRejected(encodeRaw("k1:abc:0:t1")); // not a number
    assertRejected(encodeRaw("k1:1759833000:x:t1"));
    assertRejected(encodeRaw("k1:99999999999999999999:0:t1")); // out of range
    assertRejected(encodeRaw("k1:" + Long.MAX_VALUE + ":0:t1")); // beyond Instant.MAX
    assertRejected(
        encodeRaw("k1:" + (Long.MAX_VALUE - 1) + ":2000000000:t1")); // nanos overflow the seconds
    assertRejected(encodeRaw("k1:1759833000:1000000000:t1")); // nanos we never write
    assertRejected(encodeRaw("k1:1759833000:-1:t1"));
    assertRejected(encodeRaw("k1:1759833000:0:t1' OR '1'='1")); // an id that is a query fragment
    assertRejected(encodeRaw("k1:1759833000:0:")); // empty id
    assertRejected(encodeRaw("k1:1759833000:0:" + "x".repeat(129)));
    assertRejected(
        Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}));
  }

  @Test
  void decodingAcceptsPaddedBase64OfAValidCursor() {
    String padded =
        Base64.getUrlEncoder().encodeToString("k1:1:2:t12".getBytes(StandardCharsets.UTF_8));
    assertThat(padded).endsWith("==");
    assertThat(KeysetCursor.decode(padded))
        .isEqualTo(new Keyset(Instant.ofEpochSecond(1, 2), "t12"));
  }
}
