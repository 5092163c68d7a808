package dev.ticketing.examples.desk;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a login attempt with 429 {@code RATE_LIMITED} and {@code Retry-After} while its account
 * or its client address has used up its failed attempts ({@link LoginThrottle}), before the
 * password is checked: a guess made then is never evaluated. Runs just before the sign-in form
 * and HTTP Basic authentication.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {
  private static final Logger log = LoggerFactory.getLogger(LoginThrottleFilter.class);

  private final LoginThrottle throttle;

  LoginThrottleFilter(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> account = BasicCredentials.account(request);
    if (account.isEmpty()
        && "POST".equals(request.getMethod())
        && DeskPages.LOGIN.equals(request.getServletPath())) {
      account = Optional.ofNullable(request.getParameter("username"));
    }
    if (account.isPresent()) {
      Optional<Duration> wait = throttle.refusal(account.get(), request.getRemoteAddr());
      if (wait.isPresent()) {
        long seconds = TokenBuckets.seconds(wait.get());
        log.debug(
            "login refused while throttled: account={} address={}",
            LoginThrottle.printable(LoginThrottle.key(account.get())),
            request.getRemoteAddr());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        ErrorResponses.write(
            request,
            response,
            DeskError.RATE_LIMITED,
            "too many failed logins: try again in " + seconds + " s",
            Map.of("retryAfterSeconds", seconds));
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
