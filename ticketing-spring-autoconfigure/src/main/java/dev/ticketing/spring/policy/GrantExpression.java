package dev.ticketing.spring.policy;

import dev.ticketing.Status;
import dev.ticketing.policy.Grant;
import dev.ticketing.policy.Reach;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One cell of the permission matrix written as text, as {@code ticketing.policy.grants.*} values
 * are: a {@link Reach}, then optionally the statuses the ticket must be in ({@code while}) or must
 * not be in ({@code except}), and for status changes the statuses it may go to ({@code to}). Case
 * does not matter; statuses are separated by commas or spaces:
 *
 * <pre>
 * OWN
 * OWN except CLOSED, CANCELLED
 * OWN to CANCELLED, REOPENED
 * ALL while OPEN, IN_PROGRESS to RESOLVED
 * NONE
 * </pre>
 */
final class GrantExpression {

  private GrantExpression() {}

  /** A grant expression that could not be read; the message says why, in words for the property's reader. */
  static final class InvalidGrantException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidGrantException(String message) {
      super(message);
    }
  }

  static Grant parse(String text) {
    List<String> words =
        Arrays.stream(text.strip().split("[\\s,]+")).filter(w -> !w.isEmpty()).toList();
    if (words.isEmpty()) {
      throw new InvalidGrantException("is empty; write a reach (" + names(Reach.values()) + ")");
    }
    Reach reach = reach(words.get(0));
    Set<Status> whileIn = null;
    Set<Status> exceptIn = null;
    Set<Status> to = null;
    int i = 1;
    while (i < words.size()) {
      String keyword = words.get(i).toLowerCase(Locale.ROOT);
      List<Status> statuses = new ArrayList<>();
      int j = i + 1;
      while (j < words.size() && !isKeyword(words.get(j))) {
        statuses.add(status(words.get(j)));
        j++;
      }
      if (!isKeyword(keyword)) {
        throw new InvalidGrantException(
            "has '" + words.get(i) + "' where 'while', 'except' or 'to' was expected");
      }
      if (statuses.isEmpty()) {
        throw new InvalidGrantException("names no status after '" + keyword + "'");
      }
      Set<Status> set = EnumSet.copyOf(statuses);
      switch (keyword) {
        case "while" -> {
          if (whileIn != null) {
            throw new InvalidGrantException("says 'while' twice");
          }
          whileIn = set;
        }
        case "except" -> {
          if (exceptIn != null) {
            throw new InvalidGrantException("says 'except' twice");
          }
          exceptIn = set;
        }
        default -> {
          if (to != null) {
            throw new InvalidGrantException("says 'to' twice");
          }
          to = set;
        }
      }
      i = j;
    }
    if (whileIn != null && exceptIn != null) {
      throw new InvalidGrantException(
          "says both 'while' and 'except'; say which statuses the grant holds in once");
    }
    if (reach == Reach.NONE && (whileIn != null || exceptIn != null || to != null)) {
      throw new InvalidGrantException("denies (NONE) and names statuses; NONE takes none");
    }
    if (exceptIn != null && exceptIn.size() == Status.values().length) {
      throw new InvalidGrantException("excepts every status, so it never holds; write NONE");
    }
    Set<Status> holds =
        whileIn != null
            ? whileIn
            : exceptIn != null ? EnumSet.complementOf(EnumSet.copyOf(exceptIn)) : Set.of();
    return new Grant(reach, holds, to != null ? to : Set.of());
  }

  /** The shortest expression of a grant, which {@link #parse} reads back as an equal grant. */
  static String format(Grant grant) {
    StringBuilder b = new StringBuilder(grant.reach().name());
    Set<Status> holds = grant.whileIn();
    if (!holds.isEmpty()) {
      Set<Status> not = EnumSet.complementOf(EnumSet.copyOf(holds));
      if (not.size() < holds.size()) {
        b.append(" except ").append(join(not));
      } else {
        b.append(" while ").append(join(holds));
      }
    }
    if (!grant.targets().isEmpty()) {
      b.append(" to ").append(join(grant.targets()));
    }
    return b.toString();
  }

  private static String join(Set<Status> statuses) {
    return EnumSet.copyOf(statuses).stream().map(Status::name).collect(Collectors.joining(", "));
  }

  private static boolean isKeyword(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    return w.equals("while") || w.equals("except") || w.equals("to");
  }

  private static Reach reach(String word) {
    for (Reach r : Reach.values()) {
      if (r.name().equalsIgnoreCase(word)) {
        return r;
      }
    }
    throw new InvalidGrantException(
        "starts with '" + word + "', which is not a reach; one of " + names(Reach.values()));
  }

  private static Status status(String word) {
    String name = word.toUpperCase(Locale.ROOT).replace('-', '_');
    for (Status s : Status.values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new InvalidGrantException(
        "names '" + word + "', which is not a status; one of " + names(Status.values()));
  }

  private static String names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
  }
}
