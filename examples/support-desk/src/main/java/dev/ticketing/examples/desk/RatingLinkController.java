package dev.ticketing.examples.desk;

import dev.ticketing.Rating;
import dev.ticketing.Ticketing;
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
 * plain GET of the link rates nothing, so link scanners in mail filters cannot rate.
 */
@RestController
class RatingLinkController {

  static final String PATH = "/api/ratings";

  private final Ticketing ticketing;

  RatingLinkController(Ticketing ticketing) {
    this.ticketing = ticketing;
  }

  /** The request body. */
  record RateRequest(@Nullable String token, @Nullable Integer score, @Nullable String comment) {}

  @PostMapping(PATH)
  Map<String, Object> rate(@RequestBody RateRequest request) {
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
