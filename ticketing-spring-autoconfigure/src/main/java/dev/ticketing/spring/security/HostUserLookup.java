package dev.ticketing.spring.security;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The host's own user record behind a login name: declare one bean when users sign in with
 * something other than their user id, typically an e-mail address, and the id and the company live
 * in the host's user table. The actor resolver then asks it once per call, with the
 * authentication's name, and takes the user id and a customer's company from the answer; a login
 * it does not know is refused (403) with the reason logged.
 *
 * <pre>{@code
 * @Bean
 * HostUserLookup ticketingUsers(UserRepository users) {
 *   return login -> users.findByEmail(login)
 *       .map(u -> new HostUserLookup.HostUser(u.getId().toString(), u.getCompanyId()));
 * }
 * }</pre>
 *
 * <p>It replaces {@link UserIdResolver} for the user id; a company it leaves out still comes from
 * the {@link CompanyResolver} (by default the {@code ticketing.security.company-claim} claim).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface HostUserLookup {

  /** The user signed in as {@code loginName}, or empty when the host knows no such login. */
  Optional<HostUser> byLoginName(String loginName);

  /**
   * A host user as ticketing sees it.
   *
   * @param id the host's user id, stored as the owner, author and assignee of tickets
   * @param companyId the tenant of a customer; null for staff, or to leave it to the {@link
   *     CompanyResolver}
   * @since 0.1.0
   */
  record HostUser(String id, @Nullable String companyId) {}
}
