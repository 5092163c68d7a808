package dev.ticketing.spi;

import dev.ticketing.validation.IdValidator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who must be told of a change, as the change records it: a role ("the admins") or a user with
 * the part they play ("the owner john", "the assignee sarah", "user bob"). The outbox dispatcher
 * turns recipients into user ids when it delivers, asking the {@link Directory} for the admins
 * then, not inside the change's transaction: a directory that is down delays notifications and
 * never fails a change.
 *
 * <p>Stored as a token: {@code admins}, {@code owner:john}, {@code assignee:sarah}, {@code
 * user:bob}, {@code address:billing@example.com} ({@link #token()}, {@link #parse}).
 *
 * @param kind what part the recipient plays
 * @param userId the user, for every kind but {@link Kind#ADMINS}
 * @since 0.2.0
 */
public record Recipient(Kind kind, @Nullable String userId) {

  /** The part a recipient plays. */
  public enum Kind {
    /** Every user {@link Directory#adminIds()} names when the notification is delivered. */
    ADMINS("admins"),
    /** The ticket's creator. */
    OWNER("owner"),
    /** The staff member the ticket is assigned to. */
    ASSIGNEE("assignee"),
    /** A user named explicitly. */
    USER("user"),
    /**
     * A plain e-mail address, not a user of the directory, in place of the user id; delivered as
     * recipient {@code mailto:<address>} and, like a customer, never sent internal-note content.
     *
     * @since 0.2
     */
    ADDRESS("address");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    /** The word in the token. */
    public String word() {
      return word;
    }
  }

  public Recipient {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.ADMINS) {
      if (userId != null) {
        throw new IllegalArgumentException("the admins are a role, not a user");
      }
    } else if (kind == Kind.ADDRESS) {
      if (userId == null || !isWellFormedAddress(userId)) {
        throw new IllegalArgumentException("address needs a well-formed e-mail address");
      }
    } else if (userId == null || !IdValidator.isWellFormed(userId)) {
      throw new IllegalArgumentException(kind.word() + " needs a well-formed user id");
    }
  }

  private static final Recipient ADMINS = new Recipient(Kind.ADMINS, null);

  /** The admins, as the directory names them at delivery. */
  public static Recipient admins() {
    return ADMINS;
  }

  /** The ticket's creator. */
  public static Recipient owner(String userId) {
    return new Recipient(Kind.OWNER, userId);
  }

  /** The ticket's assignee. */
  public static Recipient assignee(String userId) {
    return new Recipient(Kind.ASSIGNEE, userId);
  }

  /** A user named explicitly. */
  public static Recipient user(String userId) {
    return new Recipient(Kind.USER, userId);
  }

  /**
   * A plain e-mail address.
   *
   * @since 0.2
   */
  public static Recipient address(String address) {
    return new Recipient(Kind.ADDRESS, address);
  }

  /**
   * Whether {@code s} is a plain e-mail address: one {@code @} between a non-empty local part and
   * a domain with a dot, no spaces, control characters, angle brackets or commas, at most 254
   * characters.
   *
   * @since 0.2
   */
  public static boolean isWellFormedAddress(String s) {
    int at = s.indexOf('@');
    if (s.length() > 254 || at < 1 || at != s.lastIndexOf('@') || at == s.length() - 1) {
      return false;
    }
    String domain = s.substring(at + 1);
    if (domain.indexOf('.') < 1 || domain.endsWith(".") || domain.contains("..")) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == 127 || c == '<' || c == '>' || c == ',' || c == ';' || c == '"') {
        return false;
      }
    }
    return true;
  }

  /** {@code admins}, or the kind's word, a colon and the user id. */
  public String token() {
    return userId == null ? kind.word() : kind.word() + ":" + userId;
  }

  /** The recipient a {@link #token()} stands for. */
  public static Recipient parse(String token) {
    Objects.requireNonNull(token, "token");
    int colon = token.indexOf(':');
    String word = colon < 0 ? token : token.substring(0, colon);
    for (Kind k : Kind.values()) {
      if (k.word().equals(word)) {
        return new Recipient(k, colon < 0 ? null : token.substring(colon + 1));
      }
    }
    throw new IllegalArgumentException("not a recipient token: " + token);
  }

  @Override
  public String toString() {
    return token();
  }
}
