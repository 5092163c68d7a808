package dev.ticketing.spi;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The host's users and companies. The library stores ids only and asks here for display data, in
 * batches: one call per page, never one per ticket. Unknown ids are simply absent from the result.
 * A directory that fails (throws) never fails a change that committed: views then show the ids
 * with their display data marked unknown.
 *
 * @since 0.1.0
 */
public interface Directory {

  /** Users by id; ids the host does not know are left out. */
  Map<String, UserInfo> users(Collection<String> ids);

  /**
   * Companies by id; ids the host does not know are left out. Tickets are created only for
   * companies this returns.
   */
  Map<String, CompanyInfo> companies(Collection<String> ids);

  /**
   * The staff to notify of new tickets and of customer replies on unassigned tickets. Asked by the
   * outbox dispatcher when it delivers such notifications, never inside a change: when this throws,
   * the notifications wait and are retried, and no change fails.
   */
  List<String> adminIds();

  /**
   * The user who owns this e-mail address (compared without regard to case), or null when nobody
   * does or the host does not look users up by address. The e-mail channel asks it to know who
   * wrote an inbound mail; the default knows nobody, so every sender is unknown.
   *
   * @since 0.2.0
   */
  default @Nullable UserInfo userByEmail(String email) {
    return null;
  }
}
