package dev.ticketing.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.CreateTicket;
import dev.ticketing.RequestUpload;
import dev.ticketing.Ticketing;
import dev.ticketing.UploadUrl;
import dev.ticketing.internal.DefaultTicketService;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.spi.ObjectDeletion;
import dev.ticketing.spi.UploadGrant;
import dev.ticketing.support.Desk;
import dev.ticketing.support.FaultyBlobs;
import dev.ticketing.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The attachment sweeper on the in-memory store and blob store. */
class AttachmentSweeperTest {

  private static final byte[] BODY = "staged".getBytes(StandardCharsets.UTF_8);
  private static final Duration PAST_EVERY_GRANT =
      Duration.ofHours(2).plus(DefaultTicketService.CONFIRMATION_LEASE);

  private final MutableClock clock = MutableClock.ticking("2026-05-04T08:00:00Z");
  private final InMemoryTicketStore store = new InMemoryTicketStore();
  private final InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
  private final FaultyBlobs faulty = new FaultyBlobs(blobs);

  /** A ticket with {@code n} uploads issued and made through the service; returns their grants. */
  private List<UploadGrant> uploads(int n) {
    try (Ticketing t =
        Ticketing.builder()
            .store(store)
            .blobStore(blobs)
            .directory(Desk.DIRECTORY)
            .clock(clock)
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build()) {
      String ticketId =
          t.service().createTicket(Desk.JOHN, CreateTicket.of("Files", "many", "acme")).id();
      List<UploadGrant> grants = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        UploadUrl url =
            t.service()
                .requestUpload(
                    Desk.JOHN,
                    new RequestUpload(ticketId, "f" + i + ".txt", "text/plain", BODY.length));
        blobs.upload(url.uploadUrl(), "text/plain", BODY);
        grants.add(store.findUploadGrant(url.key()).orElseThrow());
      }
      return grants;
    }
  }

  private AttachmentSweeper sweeper(int batchSize) {
    return new AttachmentSweeper(
        store, faulty, clock, AttachmentSweeper.Settings.defaults().withBatchSize(batchSize));
  }

  @Test
  void expiredGrantsAreSweptInBatchesWithTheirObjects() {
    List<UploadGrant> grants = uploads(7);
    assertThat(blobs.keys()).hasSize(7);

    assertThat(sweeper(3).sweep())
        .as("nothing expired yet")
        .isEqualTo(new AttachmentSweeper.Result(0, 0));
    clock.advance(PAST_EVERY_GRANT);
    AttachmentSweeper.Result result = sweeper(3).sweep();

    assertThat(result).isEqualTo(new AttachmentSweeper.Result(7, 14));
    assertThat(blobs.keys()).isEmpty();
    grants.forEach(g -> assertThat(store.findUploadGrant(g.objectKey())).isEmpty());
    assertThat(store.scheduledObjectDeletions()).isEmpty();
  }

  @Test
  void oneSweepHandlesAtMostMaxBatchesPerStep() {
    uploads(AttachmentSweeper.MAX_BATCHES + 4);
    clock.advance(PAST_EVERY_GRANT);

    AttachmentSweeper.Result first = sweeper(1).sweep();
    assertThat(first.expiredGrants()).isEqualTo(AttachmentSweeper.MAX_BATCHES);
    assertThat(first.deletedObjects()).isEqualTo(AttachmentSweeper.MAX_BATCHES);
    AttachmentSweeper.Result rest = sweeper(1000).sweep();
    assertThat(rest)
        .isEqualTo(
            new AttachmentSweeper.Result(
                4, 2 * (AttachmentSweeper.MAX_BATCHES + 4) - AttachmentSweeper.MAX_BATCHES));
    assertThat(blobs.keys()).isEmpty();
  }

  @Test
  void severalSweepersTakeEachGrantOnce() throws Exception {
    List<UploadGrant> grants = uploads(60);
    clock.advance(PAST_EVERY_GRANT);
    int sweepers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(sweepers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<AttachmentSweeper.Result>> results = new ArrayList<>();
    try {
      for (int i = 0; i < sweepers; i++) {
        AttachmentSweeper s = sweeper(5);
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return s.sweep();
                }));
      }
      go.countDown();
      int taken = 0;
      for (Future<AttachmentSweeper.Result> r : results) {
        taken += r.get(30, TimeUnit.SECONDS).expiredGrants();
      }
      assertThat(taken).isEqualTo(grants.size());
    } finally {
      pool.shutdownNow();
    }
    sweeper(200).sweep();
    assertThat(blobs.keys()).isEmpty();
    assertThat(store.expiredUploadGrants(clock.instant(), 1000)).isEmpty();
    assertThat(store.scheduledObjectDeletions()).isEmpty();
  }

  @Test
  void failingStoragePutsTheBatchOffByOneInterval() {
    uploads(3);
    clock.advance(PAST_EVERY_GRANT);
    faulty.fail("delete", 1);

    AttachmentSweeper.Result failed = sweeper(200).sweep();

    assertThat(failed).isEqualTo(new AttachmentSweeper.Result(3, 0));
    assertThat(blobs.keys()).hasSize(3);
    Instant now = clock.instant();
    assertThat(store.scheduledObjectDeletions())
        .hasSize(6)
        .allSatisfy(d -> assertThat(d.notBefore()).isAfter(now.plus(Duration.ofMinutes(4))));
    assertThat(sweeper(200).sweep())
        .as("not due again yet")
        .isEqualTo(new AttachmentSweeper.Result(0, 0));

    clock.advance(AttachmentSweeper.Settings.defaults().interval());
    assertThat(sweeper(200).sweep()).isEqualTo(new AttachmentSweeper.Result(0, 6));
    assertThat(blobs.keys()).isEmpty();
  }

  @Test
  void scheduledDeletionsWaitForTheirTime() {
    store.inTransaction(
        () -> {
          store.scheduleObjectDeletions(
              List.of(new ObjectDeletion("a", clock.instant().plusSeconds(60))));
          return null;
        });
    blobs.upload(
        blobs.presignUpload("a", "text/plain", 1, Duration.ofMinutes(5)).url(),
        "text/plain",
        new byte[1]);

    assertThat(sweeper(10).sweep().deletedObjects()).isZero();
    assertThat(blobs.keys()).containsExactly("a");
    clock.advance(Duration.ofSeconds(61));
    assertThat(sweeper(10).sweep().deletedObjects()).isEqualTo(1);
    assertThat(blobs.keys()).isEmpty();
  }

  @Test
  void backgroundSweepingRunsEveryIntervalAndStopsOnClose() throws Exception {
    uploads(2);
    clock.advance(PAST_EVERY_GRANT);
    try (Ticketing t =
        Ticketing.builder()
            .store(store)
            .blobStore(blobs)
            .clock(clock)
            .backgroundDispatch(false)
            .sweep(new AttachmentSweeper.Settings(Duration.ofMillis(20), 10))
            .build()) {
      assertThat(t.sweeper().isRunning()).isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!blobs.keys().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(blobs.keys()).as("swept in the background").isEmpty();
      t.close();
      assertThat(t.sweeper().isRunning()).isFalse();
    }
  }

  @Test
  void settingsAreChecked() {
    assertThat(AttachmentSweeper.Settings.defaults())
        .isEqualTo(new AttachmentSweeper.Settings(Duration.ofMinutes(5), 200));
    assertThatThrownBy(() -> new AttachmentSweeper.Settings(Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AttachmentSweeper.Settings(Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AttachmentSweeper.Settings(Duration.ofSeconds(1), 1001))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
