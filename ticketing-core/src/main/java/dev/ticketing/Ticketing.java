package dev.ticketing;

import dev.ticketing.attachment.AttachmentSweeper;
import dev.ticketing.internal.DefaultTicketService;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.memory.InMemorySubjectCatalog;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.notification.RetryPolicy;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.SubjectCatalog;
import dev.ticketing.spi.TicketStore;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A wired ticketing engine: the {@link TicketService} plus the notification dispatcher that runs
 * beside it. Built from SPI implementations; whatever is not given gets an in-memory default, so a
 * plain Java host needs a few lines:
 *
 * <pre>{@code
 * try (Ticketing ticketing = Ticketing.builder()
 *     .directory(myDirectory)
 *     .notifier(myNotifier)
 *     .build()) {
 *   TicketService tickets = ticketing.service();
 *   TicketView t = tickets.createTicket(Actor.customer("john", "acme"),
 *       CreateTicket.of("Cannot upload", "Error S3_UPLOAD_FAILED", "acme"));
 * }
 * }</pre>
 *
 * <p>Closing stops the background dispatcher and the attachment sweeper; it does not close the
 * store or the blob store.
 */
public final class Ticketing implements AutoCloseable {

  private final TicketService service;
  private final OutboxDispatcher dispatcher;
  private final AttachmentSweeper sweeper;
  private final TicketStore store;
  private final BlobStore blobStore;

  private Ticketing(TicketService service, OutboxDispatcher dispatcher, AttachmentSweeper sweeper, TicketStore store,
      BlobStore blobStore) {
    this.service = service;
    this.dispatcher = dispatcher;
    this.sweeper = sweeper;
    this.store = store;
    this.blobStore = blobStore;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The ticket service. Thread-safe; share one. */
  public TicketService service() {
    return service;
  }

  /** The notification dispatcher: dead letters, re-drive, on-demand rounds. */
  public OutboxDispatcher dispatcher() {
    return dispatcher;
  }

  /** The attachment sweeper: expired upload grants and objects nothing refers to any more. */
  public AttachmentSweeper sweeper() {
    return sweeper;
  }

  /** The store the service writes to. */
  public TicketStore store() {
    return store;
  }

  /** The blob store attachments live in. */
  public BlobStore blobStore() {
    return blobStore;
  }

  /** Stops the background dispatcher and the attachment sweeper. */
  @Override
  public void close() {
    try {
      sweeper.close();
    } finally {
      dispatcher.close();
    }
  }

  /** Wires a {@link Ticketing}. Every setting has a default. */
  public static final class Builder {
    private @Nullable TicketStore store;
    private @Nullable BlobStore blobStore;
    private Directory directory = InMemoryDirectory.empty();
    private @Nullable SubjectCatalog subjects;
    private Notifier notifier = Notifier.discarding();
    private PermissionPolicy policy = MatrixPolicy.standard();
    private TicketingOptions options = TicketingOptions.defaults();
    private Clock clock = Clock.systemUTC();
    private @Nullable IdGenerator ids;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private OutboxDispatcher.Settings dispatch = OutboxDispatcher.Settings.defaults();
    private boolean backgroundDispatch = true;
    private AttachmentSweeper.Settings sweep = AttachmentSweeper.Settings.defaults();
    private boolean backgroundSweep = true;

    private Builder() {}

    /** Where tickets live (default: a new {@link InMemoryTicketStore}). */
    public Builder store(TicketStore v) { store = Objects.requireNonNull(v); return this; }

    /** Where attachments live (default: a new {@link InMemoryBlobStore}). */
    public Builder blobStore(BlobStore v) { blobStore = Objects.requireNonNull(v); return this; }

    /** The host's users and companies (default: an empty directory). */
    public Builder directory(Directory v) { directory = Objects.requireNonNull(v); return this; }

    /**
     * The subjects tickets may be about (default: {@link InMemorySubjectCatalog#ofCategories} of the
     * options' categories).
     *
     * @since 0.2.0
     */
    public Builder subjects(SubjectCatalog v) { subjects = Objects.requireNonNull(v); return this; }

    /** Delivers notifications (default: discards them). */
    public Builder notifier(Notifier v) { notifier = Objects.requireNonNull(v); return this; }

    /** Who may do what (default: {@link MatrixPolicy#standard()}). */
    public Builder policy(PermissionPolicy v) { policy = Objects.requireNonNull(v); return this; }

    /** Behaviour switches (default: {@link TicketingOptions#defaults()}). */
    public Builder options(TicketingOptions v) { options = Objects.requireNonNull(v); return this; }

    /** The time source (default: the UTC system clock). */
    public Builder clock(Clock v) { clock = Objects.requireNonNull(v); return this; }

    /** Id maker (default: time-ordered UUIDs). */
    public Builder idGenerator(IdGenerator v) { ids = Objects.requireNonNull(v); return this; }

    /** Notification retries (default: {@link RetryPolicy#DEFAULT}). */
    public Builder retryPolicy(RetryPolicy v) { retryPolicy = Objects.requireNonNull(v); return this; }

    /** Dispatcher owner name, lease, batch size and poll interval. */
    public Builder dispatch(OutboxDispatcher.Settings v) { dispatch = Objects.requireNonNull(v); return this; }

    /**
     * Whether {@link #build()} starts the background thread that delivers notifications (default
     * true). Off: call {@link OutboxDispatcher#dispatchDue()} yourself (tests, a host scheduler),
     * or {@link OutboxDispatcher#start()} when the host is ready (a framework's lifecycle).
     */
    public Builder backgroundDispatch(boolean v) { backgroundDispatch = v; return this; }

    /** Attachment sweeper interval and batch size (default every 5 minutes, batches of 200). */
    public Builder sweep(AttachmentSweeper.Settings v) { sweep = Objects.requireNonNull(v); return this; }

    /**
     * Whether {@link #build()} starts the background attachment sweeper (default true). Off: call
     * {@link AttachmentSweeper#sweep()} yourself, or {@link AttachmentSweeper#start()} later.
     */
    public Builder backgroundSweep(boolean v) { backgroundSweep = v; return this; }

    public Ticketing build() {
      TicketStore s = store != null ? store : new InMemoryTicketStore();
      BlobStore b = blobStore != null ? blobStore : new InMemoryBlobStore(clock);
      IdGenerator g = ids != null ? ids : IdGenerator.timeOrdered(clock);
      OutboxDispatcher d = new OutboxDispatcher(s.outbox(), notifier, retryPolicy, clock, dispatch);
      // Waking a dispatcher that is not running is harmless, and lets a host start it later.
      SubjectCatalog catalog = subjects != null ? subjects : InMemorySubjectCatalog.ofCategories(options.categories());
      TicketService service = new DefaultTicketService(s, b, directory, catalog, policy, options, clock, g, d::wake);
      AttachmentSweeper sweeper = new AttachmentSweeper(s, b, clock, sweep);
      if (backgroundDispatch) {
        d.start();
      }
      if (backgroundSweep) {
        sweeper.start();
      }
      return new Ticketing(service, d, sweeper, s, b);
    }
  }
}
