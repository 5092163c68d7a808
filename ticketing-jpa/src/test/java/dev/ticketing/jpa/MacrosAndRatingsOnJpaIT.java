package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AccessDeniedException;
import dev.ticketing.AssignTicket;
import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.InvalidStateException;
import dev.ticketing.Macro;
import dev.ticketing.MacroDefinition;
import dev.ticketing.MacroResult;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.Priority;
import dev.ticketing.RatingGrouping;
import dev.ticketing.RatingSettings;
import dev.ticketing.Status;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.spi.Notification;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.Race;
import dev.ticketing.testsupport.RecordingNotifier;
import dev.ticketing.testsupport.SamplePeople;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Macros and ratings through the service on the JPA stores, sharing one transaction per unit of
 * work: a macro's changes commit together or not at all, a rating commits with its audit entry.
 */
class MacrosAndRatingsOnJpaIT {

  private static Ticketing desk(TestDatabase db, MutableClock clock, RecordingNotifier inbox) {
    db.truncate();
    ResourceLocalTransactions tx = new ResourceLocalTransactions(db.start().factory());
    return Ticketing.builder()
        .store(new JpaTicketStore(tx))
        .macroStore(new JpaMacroStore(tx))
        .ratingStore(new JpaRatingStore(tx))
        .ratings(RatingSettings.defaults().withSigningKey("0123456789abcdef0123456789abcdef"))
        .blobStore(new InMemoryBlobStore(clock))
        .directory(SamplePeople.directory())
        .notifier(inbox)
        .clock(clock)
        .backgroundDispatch(false)
        .backgroundSweep(false)
        .build();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aMacroCommitsAllItsChangesOrNone(TestDatabase db) {
    MutableClock clock = MutableClock.ticking("2026-12-07T10:00:00Z");
    try (Ticketing t = desk(db, clock, RecordingNotifier.working())) {
      TicketView ticket =
          t.service()
              .createTicket(SamplePeople.JOHN, CreateTicket.of("VPN down", "Since today", "acme"));
      t.service().assignTicket(SamplePeople.ADMIN, new AssignTicket(ticket.id(), "sarah"));
      Macro solved =
          t.macros()
              .define(
                  SamplePeople.ADMIN,
                  MacroDefinition.named("Solved")
                      .reply("Hi {{requester.name}}, fixed.")
                      .status(Status.RESOLVED)
                      .addTags(List.of("fixed", "vpn"))
                      .build());
      Macro escalate =
          t.macros()
              .define(
                  SamplePeople.ADMIN,
                  MacroDefinition.named("Escalate")
                      .internalNote("Escalating")
                      .priority(Priority.URGENT)
                      .build());

      assertThatThrownBy(() -> t.macros().apply(SamplePeople.SARAH, escalate.id(), ticket.id()))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(t.service().ticket(SamplePeople.ADMIN, ticket.id()).comments()).isEmpty();

      MacroResult r = t.macros().apply(SamplePeople.SARAH, solved.id(), ticket.id());

      assertThat(r.ticket().status()).isEqualTo(Status.RESOLVED);
      assertThat(r.ticket().tags()).containsExactly("fixed", "vpn");
      assertThat(t.service().ticket(SamplePeople.JOHN, ticket.id()).comments())
          .extracting(c -> c.content())
          .containsExactly("Hi John Doe, fixed.");
      List<AuditEntry> history = t.service().history(SamplePeople.ADMIN, ticket.id());
      assertThat(history.get(history.size() - 1).action()).isEqualTo(AuditAction.MACRO_APPLIED);
      assertThat(t.macros().macros(SamplePeople.SARAH))
          .extracting(Macro::name)
          .containsExactly("Escalate", "Solved");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aRatingThroughTheSignedLinkCommitsWithItsAuditEntry(TestDatabase db) throws Exception {
    MutableClock clock = MutableClock.ticking("2026-12-07T10:00:00Z");
    RecordingNotifier inbox = RecordingNotifier.working();
    try (Ticketing t = desk(db, clock, inbox)) {
      TicketView ticket =
          t.service()
              .createTicket(SamplePeople.JOHN, CreateTicket.of("VPN down", "Since today", "acme"));
      t.service().changeStatus(SamplePeople.ADMIN, new ChangeStatus(ticket.id(), Status.RESOLVED));
      t.dispatcher().drain();
      String token =
          inbox.take().stream()
              .filter(n -> n.template().equals(NotificationTemplate.TICKET_RESOLVED))
              .map(Notification::data)
              .map(d -> d.get("ratingToken"))
              .findFirst()
              .orElseThrow();

      List<Race.Outcome<Object>> raced =
          Race.run(4, i -> () -> t.ratings().rateWithToken(token, i + 1, "Thanks"));
      assertThat(raced.stream().map(Race.Outcome::ending))
          .as("%s", raced.stream().map(Race.Outcome::stackTrace).toList())
          .containsOnly("ok", "INVALID_STATE")
          .filteredOn("ok"::equals)
          .hasSize(1);
      int score =
          raced.stream().filter(o -> o.failure() == null).findFirst().orElseThrow().racer() + 1;

      assertThatThrownBy(() -> t.ratings().rate(SamplePeople.JOHN, ticket.id(), 1, null))
          .isInstanceOf(InvalidStateException.class);
      assertThat(t.ratings().rating(SamplePeople.ADMIN, ticket.id()))
          .hasValueSatisfying(r -> assertThat(r.score()).isEqualTo(score));
      assertThat(t.service().history(SamplePeople.ADMIN, ticket.id()))
          .filteredOn(e -> e.action() == AuditAction.TICKET_RATED)
          .hasSize(1);
      assertThat(
              t.ratings()
                  .summaries(
                      SamplePeople.ADMIN,
                      RatingGrouping.COMPANY,
                      Instant.parse("2026-12-01T00:00:00Z"),
                      Instant.parse("2027-01-01T00:00:00Z"),
                      null))
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.key()).isEqualTo("acme");
                assertThat(s.count()).isEqualTo(1);
              });
      // Purging the ticket erases its rating.
      t.service().deleteTicket(SamplePeople.ADMIN, ticket.id(), null);
      t.service().purgeTicket(SamplePeople.ROOT, ticket.id(), null);
      assertThat(
              t.ratings()
                  .summaries(
                      SamplePeople.ADMIN,
                      RatingGrouping.TOTAL,
                      Instant.parse("2026-12-01T00:00:00Z"),
                      Instant.parse("2027-01-01T00:00:00Z"),
                      null))
          .isEmpty();
    }
  }
}
