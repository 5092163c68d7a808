package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.ConflictException;
import dev.ticketing.LinkKind;
import dev.ticketing.Status;
import dev.ticketing.spi.LinkRecord;
import dev.ticketing.spi.LinkStore;
import dev.ticketing.spi.MergeRecord;
import dev.ticketing.testsupport.Race;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link LinkStore} must show, as an abstract JUnit Jupiter suite: links kept
 * with every field and found from both ends, one row per (from, kind, to), one merge per source
 * even when writers race, merges grouped by target, erasure of a ticket's rows, and units of work
 * that roll back. A store module runs it with a few lines:
 *
 * <pre>{@code
 * class JpaLinkStorePostgresIT extends LinkStoreContract {
 *   protected LinkStore createStore() { return new JpaLinkStore(transactionsOnAnEmptySchema()); }
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
public abstract class LinkStoreContract {

  /** A base instant at microsecond precision. */
  protected static final Instant T0 = Instant.parse("2026-05-04T10:00:00.123456Z");

  protected LinkStore store;

  /** A fresh store over empty tables. */
  protected abstract LinkStore createStore();

  @BeforeEach
  void freshStore() {
    store = createStore();
  }

  protected static String ticket() {
    return UUID.randomUUID().toString();
  }

  private <T> T tx(Supplier<T> work) {
    return store.inTransaction(work);
  }

  private static LinkRecord link(String from, LinkKind kind, String to, int secondsAfter) {
    return new LinkRecord(from, kind, to, "agent-" + secondsAfter, T0.plusSeconds(secondsAfter));
  }

  private static MergeRecord merge(String source, String target, int secondsAfter) {
    return new MergeRecord(
        source,
        target,
        "admin-1",
        T0.plusSeconds(secondsAfter),
        Status.WAITING_FOR_CUSTOMER,
        T0.minusSeconds(3600),
        null);
  }

  // ------------------------------------------------------------------ links

  @Test
  void linksComeBackWithEveryFieldFromBothEndsOldestFirst() {
    String a = ticket();
    String b = ticket();
    String c = ticket();
    LinkRecord ab = link(a, LinkKind.PARENT_OF, b, 5);
    LinkRecord ca = link(c, LinkKind.DUPLICATE_OF, a, 1);
    tx(() -> store.insertLink(ab));
    tx(() -> store.insertLink(ca));

    assertThat(store.links(a)).containsExactly(ca, ab);
    assertThat(store.links(b)).containsExactly(ab);
    assertThat(store.links(c)).containsExactly(ca);
    assertThat(store.links(ticket())).isEmpty();
    assertThat(store.countLinks(a)).isEqualTo(2);
    assertThat(store.countLinks(b)).isEqualTo(1);
  }

  @Test
  void theSameLinkIsKeptOnceButAnotherKindOfTheSamePairIsAnotherLink() {
    String a = ticket();
    String b = ticket();
    assertThat(tx(() -> store.insertLink(link(a, LinkKind.RELATED, b, 1)))).isTrue();
    assertThat(tx(() -> store.insertLink(link(a, LinkKind.RELATED, b, 2)))).isFalse();
    assertThat(tx(() -> store.insertLink(link(a, LinkKind.DUPLICATE_OF, b, 3)))).isTrue();

    assertThat(store.links(a))
        .extracting(LinkRecord::kind, LinkRecord::createdAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(LinkKind.RELATED, T0.plusSeconds(1)),
            org.assertj.core.groups.Tuple.tuple(LinkKind.DUPLICATE_OF, T0.plusSeconds(3)));
  }

  @Test
  void deletingALinkRemovesOnlyThatLinkAndSaysWhetherThereWasOne() {
    String a = ticket();
    String b = ticket();
    tx(() -> store.insertLink(link(a, LinkKind.RELATED, b, 1)));
    tx(() -> store.insertLink(link(a, LinkKind.PARENT_OF, b, 2)));

    assertThat(tx(() -> store.deleteLink(a, LinkKind.RELATED, b))).isTrue();
    assertThat(tx(() -> store.deleteLink(a, LinkKind.RELATED, b))).isFalse();
    assertThat(tx(() -> store.deleteLink(b, LinkKind.PARENT_OF, a))).isFalse();
    assertThat(store.links(b)).extracting(LinkRecord::kind).containsExactly(LinkKind.PARENT_OF);
  }

  @Test
  void aUnitOfWorkThatFailsLeavesNoLinkAndNoMerge() {
    String a = ticket();
    String b = ticket();
    assertThatThrownBy(
            () ->
                tx(
                    () -> {
                      store.insertLink(link(a, LinkKind.RELATED, b, 1));
                      store.insertMerge(merge(a, b, 1));
                      throw new IllegalStateException("rolled back");
                    }))
        .hasMessage("rolled back");

    assertThat(store.links(a)).isEmpty();
    assertThat(store.mergeOf(a)).isEmpty();
  }

  @Test
  void racingWritersOfTheSameLinkKeepOneRow() throws Exception {
    String a = ticket();
    String b = ticket();
    List<Race.Outcome<Boolean>> outcomes =
        Race.run(6, i -> () -> tx(() -> store.insertLink(link(a, LinkKind.RELATED, b, i))));

    long won =
        outcomes.stream()
            .filter(o -> o.failure() == null && Boolean.TRUE.equals(o.value()))
            .count();
    assertThat(won).isEqualTo(1);
    assertThat(outcomes)
        .allSatisfy(
            o ->
                assertThat(o.failure() == null || o.failure() instanceof ConflictException)
                    .as(Race.ending(o.failure()))
                    .isTrue());
    assertThat(store.links(a)).hasSize(1);
  }

  // ------------------------------------------------------------------ merges

  @Test
  void aMergeComesBackWithEveryFieldAndIsFoundByTarget() {
    String source = ticket();
    String other = ticket();
    String target = ticket();
    MergeRecord first = merge(source, target, 1);
    MergeRecord second =
        new MergeRecord(other, target, "agent-2", T0.plusSeconds(9), Status.OPEN, null, null);
    tx(() -> store.insertMerge(second));
    tx(() -> store.insertMerge(first));

    assertThat(store.mergeOf(source)).contains(first);
    assertThat(store.mergeOf(target)).isEmpty();
    Map<String, List<MergeRecord>> into = store.mergesInto(List.of(target, source, ticket()));
    assertThat(into).containsOnlyKeys(target);
    assertThat(into.get(target)).containsExactly(first, second);
  }

  @Test
  void aSourceIsMergedOnceAndDeletingItsMergeFreesIt() {
    String source = ticket();
    String target = ticket();
    assertThat(tx(() -> store.insertMerge(merge(source, target, 1)))).isTrue();
    assertThat(tx(() -> store.insertMerge(merge(source, ticket(), 2)))).isFalse();
    assertThat(store.mergeOf(source)).map(MergeRecord::targetTicketId).contains(target);

    assertThat(tx(() -> store.deleteMerge(source))).isTrue();
    assertThat(tx(() -> store.deleteMerge(source))).isFalse();
    assertThat(store.mergeOf(source)).isEmpty();
    assertThat(store.mergesInto(List.of(target))).isEmpty();
  }

  @Test
  void twoMergesRacingOnTheSameSourceProduceOneMerge() throws Exception {
    String source = ticket();
    List<String> targets = List.of(ticket(), ticket(), ticket(), ticket(), ticket(), ticket());
    List<Race.Outcome<Boolean>> outcomes =
        Race.run(
            targets.size(),
            i -> () -> tx(() -> store.insertMerge(merge(source, targets.get(i), i))));

    List<Race.Outcome<Boolean>> won =
        outcomes.stream()
            .filter(o -> o.failure() == null && Boolean.TRUE.equals(o.value()))
            .toList();
    assertThat(won).hasSize(1);
    assertThat(outcomes)
        .allSatisfy(
            o ->
                assertThat(o.failure() == null || o.failure() instanceof ConflictException)
                    .as(Race.ending(o.failure()))
                    .isTrue());
    assertThat(store.mergeOf(source))
        .map(MergeRecord::targetTicketId)
        .contains(targets.get(won.get(0).racer()));
    assertThat(store.mergesInto(targets).values()).hasSize(1);
  }

  @Test
  void erasingATicketRemovesItsLinksAndMergesAtEitherEnd() {
    String gone = ticket();
    String a = ticket();
    String b = ticket();
    tx(() -> store.insertLink(link(gone, LinkKind.RELATED, a, 1)));
    tx(() -> store.insertLink(link(b, LinkKind.PARENT_OF, gone, 2)));
    tx(() -> store.insertLink(link(a, LinkKind.RELATED, b, 3)));
    tx(() -> store.insertMerge(merge(a, gone, 4)));
    tx(() -> store.insertMerge(merge(gone, b, 5)));

    tx(
        () -> {
          store.deleteTicket(gone);
          return null;
        });

    assertThat(store.links(gone)).isEmpty();
    assertThat(store.links(a)).extracting(LinkRecord::toTicketId).containsExactly(b);
    assertThat(store.mergeOf(a)).isEmpty();
    assertThat(store.mergeOf(gone)).isEmpty();
    assertThat(store.mergesInto(List.of(gone, b))).isEmpty();
  }
}
