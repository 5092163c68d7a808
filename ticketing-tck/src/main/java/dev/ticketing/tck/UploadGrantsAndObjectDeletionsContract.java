package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.ObjectDeletion;
import dev.ticketing.spi.PurgedTicket;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.UploadGrant;
import dev.ticketing.testsupport.Race.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Claims on upload grants (one confirmation at a time), the expiry query the sweeper runs, and the
 * durable schedule of object deletions.
 */
public abstract class UploadGrantsAndObjectDeletionsContract extends StoreContractFixture {

  private UploadGrant saved(String fileName, Instant expiresAt) {
    TicketRecord t = ticket(acme, alice, T0);
    UploadGrant g = grant(t.id(), alice, fileName, expiresAt);
    tx(
        () -> {
          store().insertTicket(t);
          store().saveUploadGrant(g);
        });
    return g;
  }

  private boolean claim(String key, String claim, Instant now, Instant until) {
    return store().inTransaction(() -> store().claimUploadGrant(key, claim, now, until));
  }

  @Test
  void aClaimHoldsTheGrantUntilItEndsOrIsReleased() {
    UploadGrant g = saved("a.png", T0.plusSeconds(7_200));
    Instant now = T0.plusSeconds(200);

    assertThat(claim(g.objectKey(), "first", now, now.plusSeconds(300))).isTrue();
    assertThat(claim(g.objectKey(), "second", now.plusSeconds(299), now.plusSeconds(600)))
        .as("still held")
        .isFalse();
    assertThat(claim("tickets/attachments/unknown/k/x.png", "first", now, now.plusSeconds(300)))
        .isFalse();
    assertThat(tx(() -> store().releaseUploadGrant(g.objectKey(), "second")))
        .as("not its holder")
        .isFalse();
    assertThat(tx(() -> store().releaseUploadGrant(g.objectKey(), "first"))).isTrue();
    assertThat(tx(() -> store().releaseUploadGrant(g.objectKey(), "first")))
        .as("released already")
        .isFalse();

    assertThat(claim(g.objectKey(), "second", now.plusSeconds(1), now.plusSeconds(301))).isTrue();
    // A claim that ended may be taken over; the old holder can then neither release nor complete
    // it.
    assertThat(claim(g.objectKey(), "third", now.plusSeconds(301), now.plusSeconds(601))).isTrue();
    assertThat(tx(() -> store().releaseUploadGrant(g.objectKey(), "second"))).isFalse();
    assertThat(tx(() -> store().deleteClaimedUploadGrant(g.objectKey(), "second"))).isFalse();
    assertThat(store().findUploadGrant(g.objectKey()).map(StoreContractFixture::normalized))
        .contains(g);

    assertThat(tx(() -> store().deleteClaimedUploadGrant(g.objectKey(), "third"))).isTrue();
    assertThat(store().findUploadGrant(g.objectKey())).isEmpty();
    assertThat(tx(() -> store().deleteClaimedUploadGrant(g.objectKey(), "third"))).isFalse();
    assertThat(tx(() -> store().deleteUploadGrant(g.objectKey()))).isFalse();
    assertThat(claim(g.objectKey(), "fourth", now.plusSeconds(700), now.plusSeconds(900)))
        .isFalse();
  }

  @Test
  void anUnclaimedGrantIsNotCompletedAndDeletingIgnoresClaims() {
    UploadGrant g = saved("a.png", T0.plusSeconds(7_200));
    assertThat(tx(() -> store().deleteClaimedUploadGrant(g.objectKey(), "nobody"))).isFalse();
    assertThat(store().findUploadGrant(g.objectKey())).isPresent();

    assertThat(claim(g.objectKey(), "holder", T0, T0.plusSeconds(300))).isTrue();
    assertThat(tx(() -> store().deleteUploadGrant(g.objectKey()))).isTrue();
    assertThat(store().findUploadGrant(g.objectKey())).isEmpty();
    assertThat(tx(() -> store().releaseUploadGrant(g.objectKey(), "holder"))).isFalse();
  }

  @Test
  void savingAGrantAgainReplacesItUnclaimed() {
    UploadGrant g = saved("a.png", T0.plusSeconds(7_200));
    assertThat(claim(g.objectKey(), "holder", T0, T0.plusSeconds(300))).isTrue();
    UploadGrant replaced =
        new UploadGrant(
            g.objectKey(),
            "tickets/staging/" + newId(),
            g.ticketId(),
            bob,
            g.fileName(),
            g.contentType(),
            7L,
            T0.plusSeconds(150),
            T0.plusSeconds(9_000));

    tx(() -> store().saveUploadGrant(replaced));

    assertThat(store().findUploadGrant(g.objectKey()).map(StoreContractFixture::normalized))
        .contains(replaced);
    assertThat(claim(g.objectKey(), "other", T0.plusSeconds(1), T0.plusSeconds(301))).isTrue();
  }

  @Test
  void aRolledBackClaimOrCompletionLeavesTheGrantAsItWas() {
    UploadGrant g = saved("a.png", T0.plusSeconds(7_200));

    assertThatThrownBy(
            () ->
                tx(
                    () -> {
                      store().claimUploadGrant(g.objectKey(), "holder", T0, T0.plusSeconds(300));
                      store().deleteClaimedUploadGrant(g.objectKey(), "holder");
                      throw new IllegalStateException("the attachment insert failed");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(store().findUploadGrant(g.objectKey()).map(StoreContractFixture::normalized))
        .contains(g);
    assertThat(claim(g.objectKey(), "other", T0, T0.plusSeconds(300)))
        .as("no claim survived")
        .isTrue();
  }

  @Test
  void expiredGrantsComeEarliestFirstUpToTheLimitWhateverTheirClaim() {
    UploadGrant later = saved("later.png", T0.plusSeconds(3_000));
    UploadGrant first = saved("first.png", T0.plusSeconds(1_000));
    UploadGrant second = saved("second.png", T0.plusSeconds(2_000));
    UploadGrant atCutoff = saved("cutoff.png", T0.plusSeconds(2_500));
    UploadGrant notYet = saved("not-yet.png", T0.plusSeconds(2_500).plusNanos(1_000));
    assertThat(claim(second.objectKey(), "holder", T0, T0.plusSeconds(99_999))).isTrue();
    Instant cutoff = T0.plusSeconds(2_500);

    assertThat(store().expiredUploadGrants(cutoff, 10))
        .extracting(UploadGrant::objectKey)
        .containsExactly(first.objectKey(), second.objectKey(), atCutoff.objectKey());
    assertThat(store().expiredUploadGrants(cutoff, 2))
        .extracting(StoreContractFixture::normalized)
        .containsExactly(first, second);
    assertThat(store().expiredUploadGrants(T0, 10)).isEmpty();
    assertThat(store().expiredUploadGrants(LATER, 10))
        .extracting(UploadGrant::objectKey)
        .containsExactly(
            first.objectKey(),
            second.objectKey(),
            atCutoff.objectKey(),
            notYet.objectKey(),
            later.objectKey());
  }

  @Test
  void expiredGrantsWithTheSameExpiryComeInKeyOrder() {
    Instant at = T0.plusSeconds(1_000);
    List<UploadGrant> grants = List.of(saved("c.png", at), saved("a.png", at), saved("b.png", at));

    assertThat(store().expiredUploadGrants(at, 10))
        .extracting(UploadGrant::objectKey)
        .containsExactlyElementsOf(grants.stream().map(UploadGrant::objectKey).sorted().toList());
  }

  @Test
  void scheduledDeletionsComeDueInOrderAndAreCancelled() {
    tx(
        () ->
            store()
                .scheduleObjectDeletions(
                    List.of(
                        new ObjectDeletion("tickets/staging/b", T0.plusSeconds(20)),
                        new ObjectDeletion("tickets/staging/a", T0.plusSeconds(20)),
                        new ObjectDeletion("tickets/attachments/t/r/x.pdf", T0.plusSeconds(10)),
                        new ObjectDeletion("tickets/staging/later", T0.plusSeconds(30)))));

    assertThat(store().dueObjectDeletions(T0.plusSeconds(20), 10))
        .extracting(StoreContractFixture::normalized)
        .containsExactly(
            new ObjectDeletion("tickets/attachments/t/r/x.pdf", T0.plusSeconds(10)),
            new ObjectDeletion("tickets/staging/a", T0.plusSeconds(20)),
            new ObjectDeletion("tickets/staging/b", T0.plusSeconds(20)));
    assertThat(store().dueObjectDeletions(T0.plusSeconds(20), 1))
        .extracting(ObjectDeletion::objectKey)
        .containsExactly("tickets/attachments/t/r/x.pdf");
    assertThat(store().dueObjectDeletions(T0.plusSeconds(9), 10)).isEmpty();

    assertThat(
            tx(
                () ->
                    store()
                        .cancelObjectDeletions(
                            List.of("tickets/staging/a", "tickets/staging/a", "unknown"))))
        .isEqualTo(1);
    assertThat(tx(() -> store().cancelObjectDeletions(List.of()))).isZero();
    assertThat(store().dueObjectDeletions(LATER, 10))
        .extracting(ObjectDeletion::objectKey)
        .containsExactly(
            "tickets/attachments/t/r/x.pdf", "tickets/staging/b", "tickets/staging/later");
  }

  @Test
  void schedulingAKeyAgainKeepsTheLaterTime() {
    String key = "tickets/staging/" + newId();
    tx(
        () ->
            store().scheduleObjectDeletions(List.of(new ObjectDeletion(key, T0.plusSeconds(100)))));
    tx(() -> store().scheduleObjectDeletions(List.of(new ObjectDeletion(key, T0.plusSeconds(50)))));
    assertThat(store().dueObjectDeletions(T0.plusSeconds(99), 10)).isEmpty();

    tx(
        () ->
            store()
                .scheduleObjectDeletions(
                    List.of(
                        new ObjectDeletion(key, T0.plusSeconds(500)),
                        new ObjectDeletion(key, T0.plusSeconds(200)))));
    assertThat(store().dueObjectDeletions(LATER, 10))
        .extracting(StoreContractFixture::normalized)
        .containsExactly(new ObjectDeletion(key, T0.plusSeconds(500)));
  }

  @Test
  void aRolledBackUnitSchedulesAndCancelsNothing() {
    tx(() -> store().scheduleObjectDeletions(List.of(new ObjectDeletion("kept", T0))));

    assertThatThrownBy(
            () ->
                tx(
                    () -> {
                      store()
                          .scheduleObjectDeletions(
                              List.of(
                                  new ObjectDeletion("new", T0),
                                  new ObjectDeletion("kept", T0.plusSeconds(9))));
                      store().cancelObjectDeletions(List.of("kept"));
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(store().dueObjectDeletions(LATER, 10))
        .extracting(StoreContractFixture::normalized)
        .containsExactly(new ObjectDeletion("kept", T0));
  }

  @Test
  void purgeGivesUpTheGrantsWithTheirStagingKeysAndLeavesTheScheduleAlone() {
    TicketRecord t = ticket(acme, alice, T0);
    UploadGrant claimed = grant(t.id(), alice, "claimed.png");
    UploadGrant open = grant(t.id(), ann, "open.txt");
    AttachmentRecord file = attachment(t.id(), null, false, "file.pdf", T0.plusSeconds(5));
    tx(
        () -> {
          store().insertTicket(t);
          store().saveUploadGrant(claimed);
          store().saveUploadGrant(open);
          store().insertAttachment(file);
          store().scheduleObjectDeletions(List.of(new ObjectDeletion(claimed.stagingKey(), T0)));
        });
    assertThat(claim(claimed.objectKey(), "holder", T0, T0.plusSeconds(300))).isTrue();

    PurgedTicket purged = tx(() -> store().purgeTicket(t.id()));

    assertThat(purged.attachmentKeys()).containsExactly(file.objectKey());
    assertThat(purged.uploadGrants())
        .extracting(StoreContractFixture::normalized)
        .containsExactlyInAnyOrder(claimed, open);
    assertThat(store().findUploadGrant(claimed.objectKey())).isEmpty();
    assertThat(tx(() -> store().deleteClaimedUploadGrant(claimed.objectKey(), "holder"))).isFalse();
    assertThat(store().dueObjectDeletions(LATER, 10))
        .extracting(ObjectDeletion::objectKey)
        .containsExactly(claimed.stagingKey());
  }

  @Test
  @Timeout(120)
  void concurrentClaimsAndDeletesTakeEachGrantOnce() throws Exception {
    List<UploadGrant> grants =
        IntStream.range(0, 6)
            .mapToObj(i -> saved("g" + i + ".png", T0.plusSeconds(1_000 + i)))
            .toList();
    int threads = 4;

    // Claims: every grant is claimed by exactly one racer.
    List<Outcome<List<String>>> claims =
        race(
            threads,
            i ->
                () -> {
                  List<String> mine = new ArrayList<>();
                  for (UploadGrant g : grants) {
                    if (claim(g.objectKey(), "racer-" + i, T0, T0.plusSeconds(300))) {
                      mine.add(g.objectKey());
                    }
                  }
                  return mine;
                });
    List<String> claimed = new ArrayList<>();
    for (Outcome<List<String>> o : claims) {
      assertThat(o.failure()).as(o.stackTrace()).isNull();
      claimed.addAll(Objects.requireNonNull(o.value()));
    }
    assertThat(claimed).doesNotHaveDuplicates().hasSize(grants.size());

    // Sweeps: each expired grant is taken by exactly one unit of work.
    List<Outcome<List<String>>> sweeps =
        race(
            threads,
            i ->
                () ->
                    store()
                        .inTransaction(
                            () -> {
                              List<String> mine = new ArrayList<>();
                              for (UploadGrant g : store().expiredUploadGrants(LATER, 100)) {
                                if (store().deleteUploadGrant(g.objectKey())) {
                                  mine.add(g.objectKey());
                                }
                              }
                              return mine;
                            }));
    List<String> taken = new ArrayList<>();
    for (Outcome<List<String>> o : sweeps) {
      assertThat(o.failure()).as(o.stackTrace()).isNull();
      taken.addAll(Objects.requireNonNull(o.value()));
    }
    assertThat(taken)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(grants.stream().map(UploadGrant::objectKey).toList());
    assertThat(store().expiredUploadGrants(LATER, 100)).isEmpty();
  }
}
