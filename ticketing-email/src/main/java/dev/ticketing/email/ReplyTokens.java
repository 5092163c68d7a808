package dev.ticketing.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed reply addresses: {@code support+<ticket id>.<signature>@example.com}, plus addressing on
 * the support address. The signature is an HMAC-SHA256 of the ticket id under the host's key,
 * cut to 60 bits and written in lower-case base32 (12 characters), so a sender cannot make an
 * address for a ticket the library never mailed them about. Mail providers deliver the plus address
 * to the support box; the reply's {@code To} names it again, and that is how a reply finds its ticket
 * first.
 *
 * <p>Ticket ids of letters, digits, {@code -} and {@code _} (the library's own ids are UUIDs) make
 * a token; the local part of {@code support+<uuid>.<signature>} is 50 characters plus the support
 * address's own local part, which should be at most 14 characters to stay within the 64 that mail
 * standards allow.
 *
 * @since 0.2.0
 */
public final class ReplyTokens {

  /** What an address says about a ticket. */
  public sealed interface Verdict {
    /** The address carries no token of ours. */
    record None() implements Verdict {}

    /** A token this key signed, for this ticket. */
    record Valid(String ticketId) implements Verdict {}

    /** A token of ours whose signature does not match: forged or altered. */
    record Forged(String claimedTicketId) implements Verdict {}
  }

  private static final Pattern TICKET_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
  private static final int SIGNATURE_CHARS = 12;

  private final SecretKeySpec key;
  private final String local;
  private final String domain;

  /**
   * @param key the host's secret, at least 32 bytes; the same on every instance of the host, and
   *     kept: changing it makes the reply addresses of mails already sent fall back to the headers
   * @param supportAddress the support address whose plus addresses carry the tokens
   */
  public ReplyTokens(byte[] key, String supportAddress) {
    Objects.requireNonNull(key, "key");
    if (key.length < 32) {
      throw new IllegalArgumentException("the reply-token key needs at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    int at = supportAddress.lastIndexOf('@');
    if (at < 1 || at == supportAddress.length() - 1 || supportAddress.indexOf('+') >= 0) {
      throw new IllegalArgumentException(
          "the support address must be local@domain without a plus part: " + supportAddress);
    }
    this.local = supportAddress.substring(0, at);
    this.domain = supportAddress.substring(at + 1);
  }

  /** The support address itself. */
  public String supportAddress() {
    return local + "@" + domain;
  }

  /** The domain of the support address, used in the Message-IDs the library writes. */
  public String domain() {
    return domain;
  }

  /** The reply address of a ticket, or the plain support address for an id that cannot be one. */
  public String replyAddress(String ticketId) {
    if (!TICKET_ID.matcher(ticketId).matches()) {
      return supportAddress();
    }
    return local + "+" + ticketId + "." + signature(ticketId) + "@" + domain;
  }

  /** What {@code address} says: no token, a valid token, or a forged one. */
  public Verdict verify(String address) {
    String a = address.strip();
    int at = a.lastIndexOf('@');
    int plus = a.indexOf('+');
    if (at < 0 || plus < 0 || plus > at) {
      return new Verdict.None();
    }
    if (!a.substring(0, plus).equalsIgnoreCase(local)
        || !a.substring(at + 1).equalsIgnoreCase(domain)) {
      return new Verdict.None();
    }
    String token = a.substring(plus + 1, at);
    int dot = token.lastIndexOf('.');
    if (dot < 1) {
      return new Verdict.Forged(token);
    }
    String ticketId = token.substring(0, dot);
    String given = token.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (!TICKET_ID.matcher(ticketId).matches()) {
      return new Verdict.Forged(ticketId);
    }
    boolean ok =
        MessageDigest.isEqual(
            signature(ticketId).getBytes(StandardCharsets.US_ASCII),
            given.getBytes(StandardCharsets.US_ASCII));
    return ok ? new Verdict.Valid(ticketId) : new Verdict.Forged(ticketId);
  }

  /** The ticket of a valid token among the addresses, if any. */
  Optional<String> validTicket(String address) {
    return verify(address) instanceof Verdict.Valid v
        ? Optional.of(v.ticketId())
        : Optional.empty();
  }

  private String signature(String ticketId) {
    byte[] mac;
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(key);
      mac = hmac.doFinal(("ticket:" + ticketId).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
    StringBuilder out = new StringBuilder(SIGNATURE_CHARS);
    long bits = 0;
    int held = 0;
    int i = 0;
    while (out.length() < SIGNATURE_CHARS) {
      if (held < 5) {
        bits = (bits << 8) | (mac[i++] & 0xff);
        held += 8;
      }
      out.append(BASE32.charAt((int) ((bits >>> (held - 5)) & 31)));
      held -= 5;
    }
    return out.toString();
  }
}
