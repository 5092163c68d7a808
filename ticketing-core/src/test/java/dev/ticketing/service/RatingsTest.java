package dev.ticketing.service;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.ALICE;
import static dev.ticketing.support.Desk.DIRECTORY;
import static dev.ticketing.support.Desk.JANE;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Desk.SARAH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AccessDeniedException;
import dev.ticketing.AssignTicket;
import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.ChangeParticipants;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.InvalidStateException;
import dev.ticketing.NotFoundException;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.Rating;
import dev.ticketing.RatingGrouping;
import dev.ticketing.RatingService;
import dev.ticketing.RatingSettings;
import dev.ticketing.RatingSummary;
import dev.ticketing.Status;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.ValidationException;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.spi.Notification;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.RecordingNotifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Satisfaction ratings: once per ticket, signed links, statistics; and the CC notice. */
class RatingsTest {

  private final MutableClock clock = MutableClock.ticking("2026-12-07T10:00:00Z");
  private final RecordingNotifier notifier = RecordingNotifier.working();
  private final Ticketing ticketing =
      Ticketing.builder()
          .store(new InMemoryTicketStore())
          .directory(DIRECTORY)
          .notifier(notifier)
          .clock(clock)
          .ratings(
              RatingSettings.defaults()
                  .withSigningKey("a key of at least thirty-two bytes!!")
                  .withLinkBase("https://desk.example/rate?t="))
          .backgroundDispatch(false)
          .backgroundSweep(false)
          .build();
  private final TicketService service = ticketing.service();
  private final RatingService ratings = ticketing.ratings();

  @AfterEach
  void close() {
    ticketing.close();
  }

  private List<Notification> deliver() {
    ticketing.dispatcher().drain();
    return notifier.take();
  }

  private TicketView resolvedTicketOfJohn() {
    TicketView t = service.createTicket(JOHN, CreateTicket.of("VPN down", "Since today", "acme"));
    service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
    return service.changeStatus(SARAH, new ChangeStatus(t.id(), Status.RESOLVED));
  }

  @Test
  void theRequesterRatesOnceAndTheRatingIsAudited() {
    TicketView t = resolvedTicketOfJohn();

    Rating r = ratings.rate(JOHN, t.id(), 4, "  Quick, thanks  ");

    assertThat(r.comment()).isEqualTo("Quick, thanks");
    assertThat(r.assigneeId()).isEqualTo("sarah");
    assertThat(ratings.rating(ADMIN, t.id())).contains(r);
    assertThatThrownBy(() -> ratings.rate(JOHN, t.id(), 1, null))
        .isInstanceOf(InvalidStateException.class);
    List<AuditEntry> history = service.history(ADMIN, t.id());
    assertThat(history.get(history.size() - 1).action()).isEqualTo(AuditAction.TICKET_RATED);
    assertThat(history.stream().filter(e -> e.action() == AuditAction.TICKET_RATED)).hasSize(1);
  }

  @Test
  void onlyResolvedOrClosedTicketsOfTheirOwnAreRated() {
    TicketView open = service.createTicket(JOHN, CreateTicket.of("Open", "Still open", "acme"));
    assertThatThrownBy(() -> ratings.rate(JOHN, open.id(), 5, null))
        .isInstanceOf(InvalidStateException.class);
    TicketView t = resolvedTicketOfJohn();
    assertThatThrownBy(() -> ratings.rate(JANE, t.id(), 5, null))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ratings.rate(ADMIN, t.id(), 5, null))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> ratings.rate(JOHN, t.id(), 6, "x".repeat(3000)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.fields()).containsExactly("comment", "score"));
    assertThat(ratings.rating(ADMIN, t.id())).isEmpty();
  }

  @Test
  void theResolutionNoticeCarriesASignedLinkThatRatesWithoutSigningIn() {
    TicketView t = resolvedTicketOfJohn();
    Notification resolved =
        deliver().stream()
            .filter(n -> n.template().equals(NotificationTemplate.TICKET_RESOLVED))
            .filter(n -> n.recipientId().equals("john"))
            .findFirst()
            .orElseThrow();
    String token = resolved.data().get("ratingToken");
    assertThat(resolved.data().get("ratingUrl")).startsWith("https://desk.example/rate?t=");

    Rating r = ratings.rateWithToken(token, RatingService.GOOD, null);

    assertThat(r.viaLink()).isTrue();
    assertThat(r.raterId()).isEqualTo("john");
    assertThatThrownBy(() -> ratings.rateWithToken(token, RatingService.BAD, null))
        .isInstanceOf(InvalidStateException.class);
  }

  @Test
  void aTamperedOrExpiredLinkIsRefused() {
    TicketView t = resolvedTicketOfJohn();
    String token = ratings.linkToken(ADMIN, t.id());
    String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");

    assertThatThrownBy(() -> ratings.rateWithToken(tampered, 5, null))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.fields()).containsExactly("token"));
    clock.advance(RatingSettings.DEFAULT_LINK_LIFETIME.plus(Duration.ofSeconds(1)));
    assertThatThrownBy(() -> ratings.rateWithToken(token, 5, null))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.fields()).containsExactly("token"));
    assertThat(ratings.rating(ADMIN, t.id())).isEmpty();
  }

  @Test
  void summariesGroupByCompanyAgentAndPeriod() {
    TicketView a = resolvedTicketOfJohn();
    TicketView b = resolvedTicketOfJohn();
    ratings.rate(JOHN, a.id(), 5, null);
    ratings.rate(JOHN, b.id(), 2, null);
    Instant from = Instant.parse("2026-12-01T00:00:00Z");
    Instant to = Instant.parse("2027-01-01T00:00:00Z");

    List<RatingSummary> byAgent = ratings.summaries(ADMIN, RatingGrouping.AGENT, from, to, null);
    assertThat(byAgent).hasSize(1);
    RatingSummary sarah = byAgent.get(0);
    assertThat(sarah.key()).isEqualTo("sarah");
    assertThat(sarah.count()).isEqualTo(2);
    assertThat(sarah.good()).isEqualTo(1);
    assertThat(sarah.bad()).isEqualTo(1);
    assertThat(sarah.average()).isEqualTo(3.5);
    assertThat(sarah.satisfaction()).isEqualTo(50.0);
    assertThat(ratings.summaries(ADMIN, RatingGrouping.MONTH, from, to, "acme"))
        .extracting(RatingSummary::key)
        .containsExactly("2026-12");
    assertThat(ratings.summaries(ADMIN, RatingGrouping.TOTAL, from, to, "globex")).isEmpty();
    assertThatThrownBy(() -> ratings.summaries(SARAH, RatingGrouping.TOTAL, from, to, null))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void aCustomerCopiedOnATicketIsToldSo() {
    TicketView t = service.createTicket(JOHN, CreateTicket.of("VPN down", "Since today", "acme"));
    deliver();

    service.changeParticipants(ADMIN, ChangeParticipants.cc(t.id(), "alice"));

    assertThat(deliver())
        .filteredOn(n -> n.template().equals(NotificationTemplate.CC_ADDED))
        .extracting(Notification::recipientId)
        .containsExactly("alice");
    // A CC sees the ticket, not the requester's rating.
    service.changeStatus(ADMIN, new ChangeStatus(t.id(), Status.RESOLVED));
    assertThatThrownBy(() -> ratings.rating(ALICE, t.id())).isInstanceOf(NotFoundException.class);
  }
}
