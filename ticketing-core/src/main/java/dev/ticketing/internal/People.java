package dev.ticketing.internal;

import dev.ticketing.DirectoryUnavailableException;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.UserInfo;
import dev.ticketing.validation.IdValidator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who may be named on a ticket, as the directory says: a requester or a CC must be a customer of the
 * ticket's company, a follower must be staff. Each refusal names the field as the caller named it,
 * with its index ({@code addCcs[1]}); one directory call per check. A directory that fails fails the
 * call with a retryable {@code UNAVAILABLE} and nothing written: nobody is named unchecked.
 */
final class People {

  private static final String MALFORMED = "must be an id of 1 to 128 letters, digits or . _ : @ -";

  private final Directory directory;

  People(Directory directory) {
    this.directory = directory;
  }

  /**
   * Checks the ids' form and that each is named once; returns them in order, without repeats, and
   * adds a violation for each bad one.
   */
  static List<String> ids(String field, @Nullable List<String> given, List<Violation> problems) {
    if (given == null) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < given.size(); i++) {
      String id = given.get(i);
      if (id == null || !IdValidator.isWellFormed(id)) {
        problems.add(new Violation(field + "[" + i + "]", MALFORMED));
      } else if (!out.add(id)) {
        problems.add(new Violation(field + "[" + i + "]", "names the same user twice"));
      }
    }
    return List.copyOf(out);
  }

  /** Adds a violation for each id that is not a customer of the company. */
  void requireCustomers(
      String field, List<String> ids, String companyId, List<Violation> problems) {
    if (ids.isEmpty()) {
      return;
    }
    Map<String, UserInfo> found = users(ids, "customers");
    for (int i = 0; i < ids.size(); i++) {
      UserInfo u = found.get(ids.get(i));
      if (u == null || u.role() != Role.CUSTOMER || !companyId.equals(u.companyId())) {
        problems.add(
            new Violation(
                indexed(field, ids, i), "must be a customer of the ticket's company " + companyId));
      }
    }
  }

  /** Adds a violation for each id that is not staff. */
  void requireStaff(String field, List<String> ids, List<Violation> problems) {
    if (ids.isEmpty()) {
      return;
    }
    Map<String, UserInfo> found = users(ids, "staff");
    for (int i = 0; i < ids.size(); i++) {
      UserInfo u = found.get(ids.get(i));
      if (u == null || !u.role().isStaff()) {
        problems.add(new Violation(indexed(field, ids, i), "must be a staff member"));
      }
    }
  }

  /**
   * The requester of a new ticket: the actor, unless someone else is named; then they must be a
   * customer of the company (the caller checked the policy first).
   */
  String requester(Actor actor, @Nullable String requesterId, String companyId) {
    if (requesterId == null || requesterId.equals(actor.id())) {
      return actor.id();
    }
    List<Violation> problems = new ArrayList<>();
    requireCustomers("requesterId", List.of(requesterId), companyId, problems);
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    return requesterId;
  }

  /** A single id's field keeps its own name; a list's element gets its index. */
  private static String indexed(String field, List<String> ids, int i) {
    return field.equals("requesterId") ? field : field + "[" + i + "]";
  }

  private Map<String, UserInfo> users(List<String> ids, String what) {
    try {
      Map<String, UserInfo> found = directory.users(ids);
      return found == null ? Map.of() : found;
    } catch (RuntimeException e) {
      throw new DirectoryUnavailableException(
          "the directory could not say who are " + what + "; retry", e);
    }
  }
}
