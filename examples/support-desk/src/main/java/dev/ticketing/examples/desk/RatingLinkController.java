package dev.ticketing.examples.desk;

import dev.ticketing.Rating;
import dev.ticketing.Ticketing;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed rating link of the resolution e-mail: {@code POST /api/ratings} with {@code {"token",
 * "score", "comment"}}, without signing in. The token is the credential (signed, expiring, naming
 * the ticket and its requester); a bad one is a 400 {@code VALIDATION} on {@code token}, a second
 * rating a 409 {@code INVALID_STATE}. The page the e-mail links to (the host's) posts here; a
 * plain GET of the link rates nothing, so link scanners in mail filters cannot rate. Attempts are
 * limited per client address ({@code desk.limits.ratings}), before the token is checked: past the
 * limit, 429 {@code RATE_LIMITED} with {@code Retry-After}.
 */
@RestController
class RatingLinkController {

  static final String PATH = "/api/ratings";

  private final Ticketing ticketing;
  private final TokenBuckets attempts;

  RatingLinkController(Ticketing ticketing, DeskLimits limits) {
    this.ticketing = ticketing;
    this.attempts =
        new TokenBuckets(
            limits.ratings().capacity(), limits.ratings().period(), limits.login().tracked());
  }

  /** The request body. */
  record RateRequest(@Nullable String token, @Nullable Integer score, @Nullable String comment) {}

  @PostMapping(PATH)
  Map<String, Object> rate(@RequestBody RateRequest request, HttpServletRequest http) {
    attempts
        .take(http.getRemoteAddr())
        .ifPresent(
            wait -> {
              throw new RateLimitedException("rating attempts", wait);
            });
    Rating r =
        ticketing
            .ratings()
            .rateWithToken(
                request.token() == null ? "" : request.token(),
                request.score() == null ? 0 : request.score(),
                request.comment());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", "SUCCESS");
    out.put("ticketId", r.ticketId());
    out.put("score", r.score());
    out.put("ratedAt", r.ratedAt().toString());
    return out;
  }
}
