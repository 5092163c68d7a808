package dev.ticketing.testsupport;

import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.UserInfo;
import java.util.List;

/**
 * A small support desk's people, for tests that need customers of two companies, agents and admins
 * without a host directory: John and Alice at Acme, Jane at Globex, agents Sarah and Mike, the admin
 * Ada and the super admin Rob. Enough to exercise tenant isolation (Jane never sees Acme's tickets), copies
 * within a company (Alice on John's ticket),
 * company-wide visibility (Alice and John), assignment (two agents) and notification routing (the
 * admins are told of new tickets).
 *
 * <pre>{@code
 * Ticketing ticketing = Ticketing.builder().directory(SamplePeople.directory()).build();
 * ticketing.service().createTicket(SamplePeople.JOHN, CreateTicket.of("Printer", "On fire", "acme"));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SamplePeople {

  /** A customer of Acme. */
  public static final Actor JOHN = Actor.customer("john", "acme");

  /** A second customer of Acme, for company-wide visibility. */
  public static final Actor ALICE = Actor.customer("alice", "acme");

  /** A customer of Globex: sees nothing of Acme's. */
  public static final Actor JANE = Actor.customer("jane", "globex");

  /** An agent. */
  public static final Actor SARAH = Actor.agent("sarah");

  /** A second agent. */
  public static final Actor MIKE = Actor.agent("mike");

  /** The admin, told of every new ticket. */
  public static final Actor ADMIN = Actor.admin("admin");

  /** A super admin. */
  public static final Actor ROOT = Actor.superAdmin("root");

  /** Everyone above, customers first. */
  public static final List<Actor> EVERYONE = List.of(JOHN, ALICE, JANE, SARAH, MIKE, ADMIN, ROOT);

  private static final InMemoryDirectory DIRECTORY =
      InMemoryDirectory.builder()
          .company("acme", "Acme Corp", "billing@acme.com")
          .company("globex", "Globex", "billing@globex.com")
          .user(
              new UserInfo("john", "John", "Doe", "john@acme.com", Role.CUSTOMER, "CALENDAR_MEMBER")
                  .inCompany("acme"))
          .user(
              new UserInfo(
                      "alice", "Alice", "Able", "alice@acme.com", Role.CUSTOMER, "CALENDAR_MEMBER")
                  .inCompany("acme"))
          .user(
              new UserInfo(
                      "jane", "Jane", "Roe", "jane@globex.com", Role.CUSTOMER, "CALENDAR_MEMBER")
                  .inCompany("globex"))
          .user(new UserInfo("sarah", "Sarah", "Support", "sarah@support.com", Role.AGENT, "SALES"))
          .user(new UserInfo("mike", "Mike", "Helper", "mike@support.com", Role.AGENT, "SALES"))
          .user(new UserInfo("admin", "Ada", "Admin", "admin@support.com", Role.ADMIN, "ADMIN"))
          .user(
              new UserInfo(
                  "root", "Rob", "Root", "root@support.com", Role.SUPER_ADMIN, "SUPER_ADMIN"))
          .build();

  private SamplePeople() {}

  /**
   * The directory of these people and their two companies, Acme Corp and Globex.
   *
   * @return the shared, read-only directory
   */
  public static InMemoryDirectory directory() {
    return DIRECTORY;
  }
}
