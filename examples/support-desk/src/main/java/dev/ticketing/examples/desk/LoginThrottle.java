package dev.ticketing.examples.desk;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Failed logins, counted per account and per client address ({@code desk.limits.login}): each
 * failure takes a token from both buckets, and while either is empty every login of that account,
 * or from that address, is refused with 429 before its password is checked, right or wrong. Each
 * failure is logged at WARN with the account and address, never the password.
 *
 * <p>Behind a reverse proxy the client address is the proxy's unless the desk is told to trust
 * its forwarding headers ({@code server.forward-headers-strategy}); see the security page.
 */
@Component
class LoginThrottle {
  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

  /** Longer names are cut: an attacker chooses them, and they become cache keys and log text. */
  private static final int MAX_ACCOUNT_LENGTH = 128;

  private final TokenBuckets accounts;
  private final TokenBuckets addresses;

  LoginThrottle(DeskLimits limits) {
    DeskLimits.Login login = limits.login();
    this.accounts =
        new TokenBuckets(login.accountFailures(), login.accountPeriod(), login.tracked());
    this.addresses =
        new TokenBuckets(login.addressFailures(), login.addressPeriod(), login.tracked());
  }

  /** Empty when {@code account} may try to log in from {@code address} now; otherwise how long to wait. */
  Optional<Duration> refusal(String account, String address) {
    Optional<Duration> byAccount = accounts.waitFor(key(account));
    Optional<Duration> byAddress = addresses.waitFor(address);
    if (byAccount.isEmpty()) {
      return byAddress;
    }
    if (byAddress.isEmpty()) {
      return byAccount;
    }
    return Optional.of(
        byAccount.get().compareTo(byAddress.get()) >= 0 ? byAccount.get() : byAddress.get());
  }

  /** Counts a failed login (wrong password or unknown account) against both buckets, and logs it. */
  void failed(String account, String address) {
    String key = key(account);
    accounts.take(key);
    addresses.take(address);
    log.warn(
        "login failed: account={} address={} (attempts left: account {}, address {})",
        printable(key),
        address,
        accounts.available(key),
        addresses.available(address));
  }

  static String key(String account) {
    String trimmed = account.strip().toLowerCase(Locale.ROOT);
    return trimmed.length() > MAX_ACCOUNT_LENGTH
        ? trimmed.substring(0, MAX_ACCOUNT_LENGTH)
        : trimmed;
  }

  /** The account name as it may appear in a log line: no control characters that could forge lines. */
  static String printable(String account) {
    StringBuilder out = new StringBuilder(account.length());
    account
        .codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append('?');
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
