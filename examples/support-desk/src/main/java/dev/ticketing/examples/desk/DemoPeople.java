package dev.ticketing.examples.desk;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The demo's users and companies: what a real host keeps in its own tables. Everyone logs in with
 * their email and the password {@code demo}; inside ticketing they are known by their short id.
 */
final class DemoPeople {

  /**
   * One user of the host.
   *
   * @param id the user id ticketing stores (tickets, comments, assignments refer to it)
   * @param login what they type into the login prompt
   * @param hostRole the host's own role name; {@code ticketing.roles.mapping} maps it to an SDK role
   * @param companyId the tenant of a customer; null for staff
   */
  record Person(
      String id,
      String login,
      String firstName,
      String lastName,
      String hostRole,
      @Nullable String companyId) {}

  /** A tenant of the host. */
  record Company(String id, String name, String email) {}

  static final List<Company> COMPANIES =
      List.of(
          new Company("acme", "Acme Corp", "billing@acme.com"),
          new Company("globex", "Globex", "billing@globex.com"));

  static final List<Person> PEOPLE =
      List.of(
          new Person("john", "john@acme.com", "John", "Doe", "CALENDAR_MEMBER", "acme"),
          // A colleague of John's, to be copied on his tickets.
          new Person("alice", "alice@acme.com", "Alice", "Able", "CALENDAR_MEMBER", "acme"),
          new Person("jane", "jane@globex.com", "Jane", "Smith", "CALENDAR_MEMBER", "globex"),
          new Person("sarah", "sarah@support.com", "Sarah", "Support", "SALES", null),
          new Person("mike", "mike@support.com", "Mike", "Helpdesk", "SALES", null),
          new Person("admin", "admin@support.com", "Ada", "Admin", "ADMIN", null),
          new Person("root", "root@support.com", "Rita", "Root", "SUPER_ADMIN", null));

  private static final Map<String, Person> BY_ID = index(PEOPLE, Person::id);
  private static final Map<String, Person> BY_LOGIN = index(PEOPLE, Person::login);
  private static final Map<String, Company> COMPANY_BY_ID = index(COMPANIES, Company::id);

  private DemoPeople() {}

  static Optional<Person> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  static Optional<Person> byLogin(String login) {
    return Optional.ofNullable(BY_LOGIN.get(login));
  }

  static Optional<Company> company(String id) {
    return Optional.ofNullable(COMPANY_BY_ID.get(id));
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity()));
  }
}
