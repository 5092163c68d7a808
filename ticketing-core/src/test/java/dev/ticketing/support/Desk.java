package dev.ticketing.support;

import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingOptions;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.UserInfo;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.RecordingNotifier;
import java.util.List;

/**
 * A support desk in memory: the people of the GraphQL ticket module's examples (John at Acme, Jane
 * at Globex, agents Sarah and Mike, an admin, a super admin), a manual dispatcher and a clock tests
 * control.
 */
public final class Desk implements AutoCloseable {
  public static final Actor JOHN = Actor.customer("john", "acme");
  public static final Actor JANE = Actor.customer("jane", "globex");

  /** A second customer of Acme, for company-wide visibility. */
  public static final Actor ALICE = Actor.customer("alice", "acme");

  public static final Actor SARAH = Actor.agent("sarah");
  public static final Actor MIKE = Actor.agent("mike");
  public static final Actor ADMIN = Actor.admin("admin");
  public static final Actor ROOT = Actor.superAdmin("root");

  public static final InMemoryDirectory DIRECTORY =
      InMemoryDirectory.builder()
          .company("acme", "Acme Corp", "billing@acme.com")
          .company("globex", "Globex", "billing@globex.com")
          .user(
              new UserInfo("john", "John", "Doe", "john@acme.com", Role.CUSTOMER, "CALENDAR_MEMBER")
                  .inCompany("acme"))
          .user(
              new UserInfo(
                      "alice", "Alice", "Able", "alice@acme.com", Role.CUSTOMER, "CALENDAR_MEMBER")
                  .inCompany("acme"))
          .user(
              new UserInfo(
                      "jane", "Jane", "Roe", "jane@globex.com", Role.CUSTOMER, "CALENDAR_MEMBER")
                  .inCompany("globex"))
          .user(new UserInfo("sarah", "Sarah", "Support", "sarah@support.com", Role.AGENT, "SALES"))
          .user(new UserInfo("mike", "Mike", "Helper", "mike@support.com", Role.AGENT, "SALES"))
          .user(new UserInfo("admin", "Ada", "Admin", "admin@support.com", Role.ADMIN, "ADMIN"))
          .user(
              new UserInfo(
                  "root", "Rob", "Root", "root@support.com", Role.SUPER_ADMIN, "SUPER_ADMIN"))
          .build();

  public final MutableClock clock = MutableClock.ticking("2025-10-07T10:30:00Z");
  public final RecordingNotifier notifier = RecordingNotifier.working();
  public final InMemoryTicketStore store = new InMemoryTicketStore();
  public final InMemoryBlobStore blobs = new InMemoryBlobStore(clock);

  /** What the engine uses: {@link #blobs} with failures on demand. */
  public final FaultyBlobs faultyBlobs = new FaultyBlobs(blobs);

  public final Ticketing ticketing;
  public final TicketService service;

  public Desk() {
    this(MatrixPolicy.standard(), TicketingOptions.defaults());
  }

  public Desk(PermissionPolicy policy, TicketingOptions options) {
    ticketing =
        Ticketing.builder()
            .store(store)
            .blobStore(faultyBlobs)
            .directory(DIRECTORY)
            .notifier(notifier)
            .policy(policy)
            .options(options)
            .clock(clock)
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build();
    service = ticketing.service();
  }

  /** Runs one attachment sweep. */
  public dev.ticketing.attachment.AttachmentSweeper.Result sweep() {
    return ticketing.sweeper().sweep();
  }

  /** Delivers what is due and returns what was delivered since the last call. */
  public List<Notification> deliver() {
    ticketing.dispatcher().drain();
    return notifier.take();
  }

  @Override
  public void close() {
    ticketing.close();
  }
}
