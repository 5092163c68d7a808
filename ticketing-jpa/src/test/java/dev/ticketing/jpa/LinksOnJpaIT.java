package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.CommentView;
import dev.ticketing.CreateTicket;
import dev.ticketing.LinkKind;
import dev.ticketing.LinkTickets;
import dev.ticketing.MergeTickets;
import dev.ticketing.MergeView;
import dev.ticketing.Status;
import dev.ticketing.TicketLinks;
import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingException;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.policy.Actor;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.Race;
import dev.ticketing.testsupport.SamplePeople;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Links and merges through the service on every database: one unit of work with the tickets'
 * audit entries, racing merges of one source that produce one merge, and an unmerge that restores
 * the source.
 */
class LinksOnJpaIT {

  private static final Actor ADMIN = SamplePeople.ADMIN;
  private static final Actor JOHN = SamplePeople.JOHN;

  private record Desk(Ticketing ticketing, TicketService service, TicketLinks links)
      implements AutoCloseable {
    static Desk on(TestDatabase db) {
      db.truncate();
      JpaTicketStore store = db.newStore();
      MutableClock clock = MutableClock.ticking("2025-10-07T10:30:00Z");
      Ticketing t =
          Ticketing.builder()
              .store(store)
              .linkStore(JpaLinkStore.beside(store))
              .blobStore(new InMemoryBlobStore(clock))
              .directory(SamplePeople.directory())
              .clock(clock)
              .backgroundDispatch(false)
              .backgroundSweep(false)
              .build();
      return new Desk(t, t.service(), t.links());
    }

    String ticket(String title) {
      return service.createTicket(JOHN, CreateTicket.of(title, "details", "acme")).id();
    }

    List<AuditAction> actions(String id) {
      return service.history(ADMIN, id).stream().map(AuditEntry::action).toList();
    }

    @Override
    public void close() {
      ticketing.close();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void mergeShowsTheSourceOnTheTargetAndUnmergeRestoresIt(TestDatabase db) {
    try (Desk d = Desk.on(db)) {
      String source = d.ticket("Source");
      String target = d.ticket("Target");
      d.service.addComment(JOHN, new AddComment(source, "On the source", false));
      d.service.addComment(ADMIN, new AddComment(source, "Staff note", true));
      d.links.link(ADMIN, LinkTickets.of(source, LinkKind.RELATED, target));

      d.links.merge(ADMIN, MergeTickets.of(source, target));

      assertThat(d.service.ticket(ADMIN, source).ticket().status()).isEqualTo(Status.CLOSED);
      assertThat(d.links.conversation(JOHN, target).comments())
          .extracting(CommentView::content)
          .containsExactly("On the source");
      assertThat(d.links.conversation(ADMIN, target).comments()).hasSize(2);
      assertThat(d.actions(target)).contains(AuditAction.TICKET_LINKED, AuditAction.TICKET_MERGED);

      assertThat(d.links.unmerge(ADMIN, source).status()).isEqualTo(Status.OPEN);
      assertThat(d.links.conversation(ADMIN, target).comments()).isEmpty();
      assertThat(d.links.relations(ADMIN, target).links()).hasSize(1);
      assertThat(d.actions(source)).contains(AuditAction.TICKET_UNMERGED);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void twoMergesRacingOnTheSameSourceProduceOneMerge(TestDatabase db) throws Exception {
    try (Desk d = Desk.on(db)) {
      String source = d.ticket("Source");
      List<String> targets = List.of(d.ticket("T1"), d.ticket("T2"), d.ticket("T3"));

      List<Race.Outcome<MergeView>> outcomes =
          Race.run(
              targets.size(),
              i -> () -> d.links.merge(ADMIN, MergeTickets.of(source, targets.get(i))));

      assertThat(outcomes.stream().filter(o -> o.failure() == null)).hasSize(1);
      assertThat(outcomes)
          .allSatisfy(
              o ->
                  assertThat(o.failure() == null || o.failure() instanceof TicketingException)
                      .as(Race.ending(o.failure()))
                      .isTrue());
      assertThat(d.actions(source).stream().filter(a -> a == AuditAction.TICKET_MERGED)).hasSize(1);
      assertThat(targets.stream().filter(t -> !d.links.relations(ADMIN, t).merged().isEmpty()))
          .hasSize(1);
    }
  }
}
