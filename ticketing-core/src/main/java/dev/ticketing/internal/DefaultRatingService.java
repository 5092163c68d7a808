package dev.ticketing.internal;

import static dev.ticketing.internal.ChangeLog.change;

import dev.ticketing.AuditAction;
import dev.ticketing.InvalidStateException;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.Rating;
import dev.ticketing.RatingGrouping;
import dev.ticketing.RatingService;
import dev.ticketing.RatingSettings;
import dev.ticketing.RatingSummary;
import dev.ticketing.Status;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.RatingStore;
import dev.ticketing.spi.TicketRecord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind {@link RatingService}: ratings checked here, kept in a {@link RatingStore}
 * with their audit entry in one unit of work (the rating store's around the ticket store's).
 */
public final class DefaultRatingService implements RatingService {

  private static final String BAD_TOKEN = "is not a valid rating link, or it has expired";

  private final RatingStore store;
  private final RatingSettings settings;
  private final Clock clock;
  private final @Nullable RatingTokens tokens;
  private @Nullable EngineHandle engine;

  DefaultRatingService(RatingStore store, RatingSettings settings, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    byte[] key = settings.signingKey();
    this.tokens = key == null ? null : new RatingTokens(key);
  }

  /** Ratings kept in {@code store}; call {@link #attach} with the service before use. */
  public static DefaultRatingService over(RatingStore store, RatingSettings settings, Clock clock) {
    return new DefaultRatingService(store, settings, clock);
  }

  /** The ticket service whose tickets are rated. */
  public void attach(DefaultTicketService service) {
    this.engine = service.handle();
  }

  /**
   * What ratings add to the service: the rating link in resolution and closing notices, ratings
   * erased with their ticket, and the rating store's unit of work around the ticket store's.
   */
  public Extension extension() {
    return new Extension(
        List.of(
            change -> {
              if (change.action() == AuditAction.PURGED) {
                store.delete(change.after().id());
              }
            }),
        new Enclosure() {
          @Override
          public <T> T around(Supplier<T> work) {
            return store.inTransaction(work);
          }
        },
        this::linkVariables);
  }

  private Map<String, String> linkVariables(
      NotificationTemplate template, TicketRecord t, Instant at) {
    if (tokens == null
        || !(template.equals(NotificationTemplate.TICKET_RESOLVED)
            || template.equals(NotificationTemplate.TICKET_CLOSED))) {
      return Map.of();
    }
    Instant expiresAt = at.plus(settings.linkLifetime());
    String token = tokens.issue(t.id(), t.requesterId(), expiresAt);
    String base = settings.linkBase();
    return base == null
        ? Map.of("ratingToken", token, "ratingExpiresAt", expiresAt.toString())
        : Map.of(
            "ratingToken",
            token,
            "ratingExpiresAt",
            expiresAt.toString(),
            "ratingUrl",
            base + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  private EngineHandle engine() {
    return Objects.requireNonNull(engine, "ratings not attached to a ticket service");
  }

  // ------------------------------------------------------------------ writes

  @Override
  public Rating rate(Actor actor, String ticketId, int score, @Nullable String comment) {
    String text = checked(score, comment, List.of());
    return write(
        () -> {
          TicketRecord t = engine().access.visibleToChange(actor, ticketId, Operation.RATE_TICKET);
          // Only the requester rates, whatever a custom policy grants.
          if (!actor.id().equals(t.requesterId())) {
            throw Access.denied(
                actor, Operation.RATE_TICKET, "ticket " + t.id() + " of another requester");
          }
          engine().access.require(actor, Operation.RATE_TICKET, t);
          return record(actor, t, score, text, false);
        });
  }

  @Override
  public Rating rateWithToken(String token, int score, @Nullable String comment) {
    List<Violation> problems = new ArrayList<>();
    RatingTokens.Claims claims = tokens == null ? null : tokens.verify(token, clock.instant());
    if (claims == null) {
      problems.add(new Violation("token", BAD_TOKEN));
    }
    String text = checked(score, comment, problems);
    RatingTokens.Claims valid = Objects.requireNonNull(claims);
    return write(
        () -> {
          TicketRecord t = engine().store.findTicketForChange(valid.ticketId()).orElse(null);
          if (t == null || t.deleted() || !t.requesterId().equals(valid.requesterId())) {
            throw ValidationException.of("token", BAD_TOKEN);
          }
          Actor requester = new Actor(t.requesterId(), Role.CUSTOMER, t.companyId());
          return record(requester, t, score, text, true);
        });
  }

  /**
   * One unit of work, repeated when it lost a race: of two first ratings of a ticket at the same
   * moment, the store refuses the second ({@code CONFLICT}), whose repeat then finds the first and
   * is answered {@code INVALID_STATE}, as any second rating.
   */
  private <T> T write(Supplier<T> work) {
    return UnitOfWork.retryOnConflict(() -> engine().write(() -> store.inTransaction(work)));
  }

  private Rating record(
      Actor rater, TicketRecord t, int score, @Nullable String text, boolean viaLink) {
    if (t.status() != Status.RESOLVED && t.status() != Status.CLOSED) {
      throw new InvalidStateException(t.status(), "only a resolved or closed ticket can be rated");
    }
    if (store.find(t.id()).isPresent()) {
      throw new InvalidStateException(
          t.status(), "the ticket is rated already; a rating is given once");
    }
    Instant now = engine().changes.now();
    Rating r =
        new Rating(t.id(), score, text, rater.id(), t.companyId(), t.assigneeId(), now, viaLink);
    engine()
        .changes
        .record(
            t,
            t,
            AuditAction.TICKET_RATED,
            rater,
            now,
            List.of(
                change("score", null, score),
                change("comment", null, text),
                change("via", null, viaLink ? "link" : "signed-in")));
    store.insert(r);
    return r;
  }

  private @Nullable String checked(int score, @Nullable String comment, List<Violation> problems) {
    List<Violation> out = new ArrayList<>(problems);
    if (score < MIN_SCORE || score > MAX_SCORE) {
      out.add(new Violation("score", "must be " + MIN_SCORE + " to " + MAX_SCORE));
    }
    String text = comment == null ? null : comment.strip();
    if (text != null && text.isEmpty()) {
      text = null;
    }
    if (text != null
        && (text.length() > settings.maxCommentLength()
            || text.chars()
                .anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t'))) {
      out.add(
          new Violation(
              "comment",
              "must be at most "
                  + settings.maxCommentLength()
                  + " characters without control characters"));
    }
    InputValidator.throwIfAny(out);
    return text;
  }

  // ------------------------------------------------------------------ reads

  @Override
  public String linkToken(Actor actor, String ticketId) {
    if (tokens == null) {
      throw new IllegalStateException("rating links need a signing key: RatingSettings.signingKey");
    }
    TicketRecord t = readable(actor, ticketId);
    return tokens.issue(t.id(), t.requesterId(), clock.instant().plus(settings.linkLifetime()));
  }

  @Override
  public Optional<Rating> rating(Actor actor, String ticketId) {
    TicketRecord t = readable(actor, ticketId);
    return store.find(t.id());
  }

  private TicketRecord readable(Actor actor, String ticketId) {
    TicketRecord t = engine().access.visible(actor, ticketId, Operation.VIEW_TICKET);
    if (!actor.isStaff() && !actor.id().equals(t.requesterId())) {
      // A CC sees the ticket, not the requester's rating.
      throw Access.hidden(actor, Operation.RATE_TICKET, "rating", ticketId, "");
    }
    return t;
  }

  @Override
  public List<RatingSummary> summaries(
      Actor actor, RatingGrouping grouping, Instant from, Instant to, @Nullable String companyId) {
    Objects.requireNonNull(grouping, "grouping");
    engine().access.require(actor, Operation.VIEW_STATISTICS, "rating summaries");
    if (!from.isBefore(to)) {
      throw ValidationException.of("to", "must be after from");
    }
    if (companyId != null) {
      InputValidator.checkId("companyId", companyId);
    }
    return store.summarize(grouping, from, to, companyId).stream()
        .map(b -> RatingSummary.of(b.key(), b.count(), b.scoreSum(), b.good(), b.bad()))
        .toList();
  }
}
