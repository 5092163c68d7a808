package dev.ticketing.adversarial;

import dev.ticketing.RatingSettings;
import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingOptions;
import dev.ticketing.jpa.JpaAssignmentStore;
import dev.ticketing.jpa.JpaLinkStore;
import dev.ticketing.jpa.JpaMacroStore;
import dev.ticketing.jpa.JpaRatingStore;
import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.UserInfo;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.RecordingNotifier;
import dev.ticketing.testsupport.SamplePeople;
import java.time.Instant;
import java.util.List;

/**
 * A support desk on a real database: two tenant companies (Acme with John and Alice, Globex with
 * Jane and Gus), two agents, an admin and a super admin; S3Proxy for files, a clock and a
 * dispatcher the test drives, and an inbox of delivered notifications.
 */
final class Desk implements AutoCloseable {
  static final Actor JOHN = SamplePeople.JOHN;
  static final Actor ALICE = SamplePeople.ALICE;
  static final Actor JANE = SamplePeople.JANE;
  static final Actor GUS = Actor.customer("gus", "globex");
  static final Actor SARAH = SamplePeople.SARAH;
  static final Actor MIKE = SamplePeople.MIKE;
  static final Actor ADMIN = SamplePeople.ADMIN;
  static final Actor ROOT = SamplePeople.ROOT;

  static final List<Actor> EVERYONE = List.of(JOHN, ALICE, JANE, GUS, SARAH, MIKE, ADMIN, ROOT);
  static final List<Actor> CUSTOMERS = List.of(JOHN, ALICE, JANE, GUS);

  static final InMemoryDirectory DIRECTORY =
      InMemoryDirectory.builder()
          .company("acme", "Acme Corp", "billing@acme.example")
          .company("globex", "Globex", "billing@globex.example")
          .user(
              new UserInfo(
                      "john", "John", "Doe", "john@acme.example", Role.CUSTOMER, "CALENDAR_MEMBER")
                  .inCompany("acme"))
          .user(
              new UserInfo(
                      "alice",
                      "Alice",
                      "Able",
                      "alice@acme.example",
                      Role.CUSTOMER,
                      "CALENDAR_MEMBER")
                  .inCompany("acme"))
          .user(
              new UserInfo("jane", "Jane", "Roe", "jane@globex.example", Role.CUSTOMER, "PARENT")
                  .inCompany("globex"))
          .user(
              new UserInfo("gus", "Gus", "Grey", "gus@globex.example", Role.CUSTOMER, "THERAPIST")
                  .inCompany("globex"))
          .user(
              new UserInfo(
                  "sarah", "Sarah", "Support", "sarah@support.example", Role.AGENT, "SALES"))
          .user(new UserInfo("mike", "Mike", "Helper", "mike@support.example", Role.AGENT, "SALES"))
          .user(new UserInfo("admin", "Ada", "Admin", "admin@support.example", Role.ADMIN, "ADMIN"))
          .user(
              new UserInfo(
                  "root", "Rob", "Root", "root@support.example", Role.SUPER_ADMIN, "SUPER_ADMIN"))
          .build();

  /** The key rating links are signed with. */
  static final String RATING_KEY = "adversarial-rating-key-of-32-bytes!!";

  final Db db;
  final MutableClock clock = MutableClock.ticking(Instant.parse("2025-10-07T10:30:00Z"));
  final RecordingNotifier inbox = RecordingNotifier.working();
  final WatchedBlobs blobs;
  final JpaTicketStore store;
  final Ticketing ticketing;
  final TicketService service;

  Desk(Db db) {
    this(db, MatrixPolicy.standard(), TicketingOptions.defaults(), null);
  }

  /** A desk on an emptied database; {@code notifier} (if any) is called after the inbox. */
  Desk(Db db, PermissionPolicy policy, TicketingOptions options, Notifier notifier) {
    this(db, db.newStore(), policy, options, notifier);
  }

  Desk(
      Db db,
      JpaTicketStore store,
      PermissionPolicy policy,
      TicketingOptions options,
      Notifier notifier) {
    this.db = db;
    db.truncate();
    this.store = store;
    this.blobs = new WatchedBlobs(S3.blobStore());
    Notifier deliver =
        notifier == null
            ? inbox
            : n -> {
              inbox.deliver(n);
              notifier.deliver(n);
            };
    ticketing =
        Ticketing.builder()
            .store(store)
            .linkStore(JpaLinkStore.beside(store))
            .blobStore(blobs)
            .directory(DIRECTORY)
            .notifier(deliver)
            .policy(policy)
            .options(options)
            .clock(clock)
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .fieldDefinitions(
                dev.ticketing.jpa.JpaFieldDefinitionStore.resourceLocal(db.start().factory()))
            .assignmentStore(new JpaAssignmentStore(store.transactions()))
            .macroStore(new JpaMacroStore(store.transactions()))
            .ratingStore(new JpaRatingStore(store.transactions()))
            .ratings(RatingSettings.defaults().withSigningKey(RATING_KEY))
            .build();
    service = ticketing.service();
    ServiceMethods.register(ticketing);
  }

  /** Delivers what is due and returns what was delivered since the last call. */
  List<Notification> deliver() {
    ticketing.dispatcher().drain();
    return inbox.take();
  }

  @Override
  public void close() {
    ticketing.close();
  }
}
