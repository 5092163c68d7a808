package dev.ticketing;

import dev.ticketing.assignment.AssignmentService;
import dev.ticketing.assignment.AssignmentStrategy;
import dev.ticketing.attachment.AttachmentSweeper;
import dev.ticketing.automation.AutomationScheduler;
import dev.ticketing.automation.AutomationService;
import dev.ticketing.automation.AutomationSettings;
import dev.ticketing.escalation.SlaScheduler;
import dev.ticketing.internal.AssignmentWiring;
import dev.ticketing.internal.AutomationWiring;
import dev.ticketing.internal.CountingTicketStore;
import dev.ticketing.internal.DefaultTicketCounters;
import dev.ticketing.internal.DefaultTicketService;
import dev.ticketing.internal.DeskWiring;
import dev.ticketing.internal.EngineParts;
import dev.ticketing.internal.EventWiring;
import dev.ticketing.internal.Extension;
import dev.ticketing.internal.FieldDefinitionCache;
import dev.ticketing.internal.LinkWiring;
import dev.ticketing.internal.SlaWiring;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.memory.InMemoryFieldDefinitionStore;
import dev.ticketing.memory.InMemorySubjectCatalog;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.notification.Channel;
import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.notification.RetryPolicy;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.sla.SlaConfiguration;
import dev.ticketing.spi.AssignmentStore;
import dev.ticketing.spi.AutomationStore;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.CompanionStores;
import dev.ticketing.spi.CounterStore;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.FieldDefinitionStore;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.LinkStore;
import dev.ticketing.spi.MacroStore;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.RatingStore;
import dev.ticketing.spi.SlaStore;
import dev.ticketing.spi.SubjectCatalog;
import dev.ticketing.spi.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *     .channel("email", myMailer)                        // each channel retries on its own
 *     .channel("push", myPush, RetryPolicy.HASURA)       // with its own retry policy
 *     .build()) {
 *   TicketService tickets = ticketing.service();
 *   TicketView t = tickets.createTicket(Actor.customer("john", "acme"),
 *       CreateTicket.of("Cannot upload", "Error S3_UPLOAD_FAILED", "acme"));
 * }
 * }</pre>
 *
 * <p>Closing stops the background dispatcher and the attachment sweeper; it does not close the
 * store or the blob store.
 *
 * <p>Long because every capability's facade and every setting of the builder is here, once, each
 * with its default, so that a host wires the engine from one place.
 *
 * @since 0.1.0
 */
public final class Ticketing implements AutoCloseable {

  /** The channel {@link Builder#notifier} configures. */
  public static final String DEFAULT_CHANNEL = "default";

  /** How often the background dispatcher purges expired idempotency keys. */
  public static final Duration HOUSEKEEPING_INTERVAL = Duration.ofHours(1);

  /**
   * How long the engine keeps the custom field definitions it read, by default: 1 second (see
   * {@link Builder#fieldDefinitionsHeldFor}).
   *
   * @since 0.2.0
   */
  public static final Duration DEFAULT_FIELD_DEFINITIONS_HELD_FOR = Duration.ofSeconds(1);

  private final DefaultTicketService service;
  private final OutboxDispatcher dispatcher;
  private final AttachmentSweeper sweeper;
  private final TicketStore store;
  private final BlobStore blobStore;
  private final DirectoryFailures directoryFailures;
  private final SlaService sla;
  private final SlaScheduler slaScheduler;
  private final CustomFieldService fields;
  private final AssignmentService assignment;
  private final TicketLinks links;
  private final MacroService macros;
  private final RatingService ratings;
  private final AutomationWiring.Parts automation;
  private final TicketCounters counters;

  private Ticketing(
      DefaultTicketService service,
      OutboxDispatcher dispatcher,
      AttachmentSweeper sweeper,
      TicketStore store,
      BlobStore blobStore,
      DirectoryFailures directoryFailures,
      SlaService sla,
      SlaScheduler slaScheduler,
      CustomFieldService fields,
      AssignmentService assignment,
      TicketLinks links,
      MacroService macros,
      RatingService ratings,
      AutomationWiring.Parts automation,
      TicketCounters counters) {
    this.automation = automation;
    this.counters = counters;
    this.links = links;
    this.macros = macros;
    this.ratings = ratings;
    this.fields = fields;
    this.assignment = assignment;
    this.sla = sla;
    this.slaScheduler = slaScheduler;
    this.service = service;
    this.dispatcher = dispatcher;
    this.sweeper = sweeper;
    this.store = store;
    this.blobStore = blobStore;
    this.directoryFailures = directoryFailures;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Managing automation rules (refuses writes unless {@link Builder#automations} turned them on).
   *
   * @since 0.2
   */
  public AutomationService automations() {
    return automation.service();
  }

  /**
   * The time-rule scheduler (started with the dispatcher when automation is on).
   *
   * @since 0.2
   */
  public AutomationScheduler automationScheduler() {
    return automation.scheduler();
  }

  /** The ticket service. Thread-safe; share one. */
  public TicketService service() {
    return service;
  }

  /** Reads of service-level targets (empty answers unless {@link Builder#sla} set policies). */
  public SlaService sla() {
    return sla;
  }

  /**
   * Custom field definitions (admins) and values on tickets.
   *
   * @since 0.2.0
   */
  public CustomFieldService fields() {
    return fields;
  }

  /**
   * Automatic assignment and agents' profiles (skills, capacity, availability).
   *
   * @since 0.2.0
   */
  public AssignmentService assignment() {
    return assignment;
  }

  /**
   * Links between tickets and merges (beside an in-memory store always; on a database store when
   * {@link Builder#linkStore} or the store's companions gave a link store, and refusing every call
   * otherwise).
   *
   * @since 0.2.0
   */
  public TicketLinks links() {
    return links;
  }

  /**
   * Macros (canned replies): defined by admins, applied by staff in one unit of work.
   *
   * @since 0.2.0
   */
  public MacroService macros() {
    return macros;
  }

  /**
   * Satisfaction ratings of resolved and closed tickets, and their statistics.
   *
   * @since 0.2.0
   */
  public RatingService ratings() {
    return ratings;
  }

  /**
   * The ticket counters statistics and totals are read from: reconciliation and folding.
   *
   * @since 0.2.0
   */
  public TicketCounters counters() {
    return counters;
  }

  /** The scheduler that raises SLA warnings and breaches. */
  public SlaScheduler slaScheduler() {
    return slaScheduler;
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

  /** How often the directory failed where the engine carried on without it (views, recipients). */
  public DirectoryFailures directoryFailures() {
    return directoryFailures;
  }

  /**
   * Deletes the idempotency keys whose retention ({@link TicketingOptions#idempotencyKeyRetention()})
   * has passed; returns how many. The background dispatcher does it every {@link
   * #HOUSEKEEPING_INTERVAL}; call it yourself when it does not run here.
   */
  public int purgeExpiredIdempotencyKeys() {
    return service.purgeExpiredIdempotencyKeys();
  }

  /** Stops the background dispatcher and the attachment sweeper. */
  @Override
  public void close() {
    try {
      slaScheduler.close();
      automation.scheduler().close();
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

    /** Channel name to notifier and its own retry policy (null: the builder's {@link #retryPolicy}). */
    private final Map<String, Map.Entry<Notifier, RetryPolicy>> channels = new LinkedHashMap<>();

    private PermissionPolicy policy = MatrixPolicy.standard();
    private TicketingOptions options = TicketingOptions.defaults();
    private Clock clock = Clock.systemUTC();
    private @Nullable IdGenerator ids;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private @Nullable RetryPolicy recipientRetry;
    private OutboxDispatcher.Settings dispatch = OutboxDispatcher.Settings.defaults();
    private boolean backgroundDispatch = true;
    private AttachmentSweeper.Settings sweep = AttachmentSweeper.Settings.defaults();
    private boolean backgroundSweep = true;
    private @Nullable SlaConfiguration slaConfiguration;
    private @Nullable SlaStore slaStore;
    private SlaScheduler.Settings slaSchedule = SlaScheduler.Settings.defaults();
    private @Nullable FieldDefinitionStore fieldDefinitions;
    private Duration fieldDefinitionsHeldFor = DEFAULT_FIELD_DEFINITIONS_HELD_FOR;
    private @Nullable AssignmentStore assignmentStore;
    private final List<AssignmentStrategy> assignmentStrategies = new ArrayList<>();
    private @Nullable LinkStore linkStore;
    private LinkSettings linkSettings = LinkSettings.defaults();
    private @Nullable MacroStore macroStore;
    private @Nullable RatingStore ratingStore;
    private RatingSettings ratingSettings = RatingSettings.defaults();
    private @Nullable AutomationSettings automationSettings;
    private @Nullable AutomationStore automationStore;
    private CounterSettings counterSettings = CounterSettings.defaults();
    private @Nullable CounterStore counterStore;

    private Builder() {}

    /**
     * How ticket counters are kept and totals counted (default {@link CounterSettings#defaults()}:
     * on, when the store keeps counters).
     *
     * @since 0.2.0
     */
    public Builder counters(CounterSettings v) {
      counterSettings = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Where ticket counters live (default: the store's own, {@link TicketStore#counters()}); it
     * must share the ticket store's units of work.
     *
     * @since 0.2.0
     */
    public Builder counterStore(CounterStore v) {
      counterStore = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Turns automation rules on, with these settings.
     *
     * @since 0.2.0
     */
    public Builder automations(AutomationSettings v) {
      automationSettings = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Where rules are kept (needed beside a database ticket store); turns automation on.
     *
     * @since 0.2.0
     */
    public Builder automationStore(AutomationStore v) {
      automationStore = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Where custom field definitions live (default in memory; a database ticket store needs its
     * own, same database, for definitions to survive a restart).
     *
     * @since 0.2.0
     */
    public Builder fieldDefinitions(FieldDefinitionStore v) {
      fieldDefinitions = Objects.requireNonNull(v);
      return this;
    }

    /**
     * How long the engine keeps the current custom field definitions it read before it reads them
     * again (default {@link #DEFAULT_FIELD_DEFINITIONS_HELD_FOR}, 1 second; zero reads them for
     * every write). Ticket writes check their values against the definitions; a definition changed
     * through this engine is used at once, one changed through another instance on the same
     * database within this time.
     *
     * @param v zero to 1 minute
     * @since 0.2.0
     */
    public Builder fieldDefinitionsHeldFor(Duration v) {
      if (v.isNegative() || v.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException("fieldDefinitionsHeldFor must be 0 to 1 minute: " + v);
      }
      fieldDefinitionsHeldFor = v;
      return this;
    }

    /**
     * Where macros live (default: in memory beside an in-memory ticket store; a database store
     * needs its own, or {@link Ticketing#macros()} refuses every call).
     *
     * @since 0.2.0
     */
    public Builder macroStore(MacroStore v) {
      macroStore = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Where links and merges live (default: in memory beside an in-memory ticket store; a database
     * store needs its own, on the same database).
     *
     * @since 0.2.0
     */
    public Builder linkStore(LinkStore v) {
      linkStore = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Where satisfaction ratings live (default: in memory beside an in-memory ticket store; a
     * database store needs its own, same database, or {@link Ticketing#ratings()} refuses every
     * call).
     *
     * @since 0.2.0
     */
    public Builder ratingStore(RatingStore v) {
      ratingStore = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Limits of links and merges (default: {@link LinkSettings#defaults()}, an unmerge window of 7
     * days).
     *
     * @since 0.2.0
     */
    public Builder links(LinkSettings v) {
      linkSettings = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Rating links' signing key and lifetime, the longest rating comment (default: {@link
     * RatingSettings#defaults()}, no links).
     *
     * @since 0.2.0
     */
    public Builder ratings(RatingSettings v) {
      ratingSettings = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Where tickets live (default: a new {@link InMemoryTicketStore}). A store's {@link
     * TicketStore#companions() companions} (a database store's own stores of fields, links, macros,
     * ratings, assignment, SLA clocks and automation rules) serve every capability whose store is
     * not given explicitly.
     */
    public Builder store(TicketStore v) {
      store = Objects.requireNonNull(v);
      return this;
    }

    /** Where attachments live (default: a new {@link InMemoryBlobStore}). */
    public Builder blobStore(BlobStore v) {
      blobStore = Objects.requireNonNull(v);
      return this;
    }

    /** The host's users and companies (default: an empty directory). */
    public Builder directory(Directory v) {
      directory = Objects.requireNonNull(v);
      return this;
    }

    /**
     * The subjects tickets may be about (default: {@link InMemorySubjectCatalog#ofCategories} of the
     * options' categories).
     *
     * @since 0.2.0
     */
    public Builder subjects(SubjectCatalog v) {
      subjects = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Delivers notifications through one channel named {@value Ticketing#DEFAULT_CHANNEL} (replacing
     * an earlier call). Without any channel, notifications are resolved and dropped.
     */
    public Builder notifier(Notifier v) {
      channels.remove(DEFAULT_CHANNEL);
      return channel(DEFAULT_CHANNEL, v);
    }

    /**
     * Adds a channel retried with the builder's {@link #retryPolicy}. Each channel gets its own
     * outbox row per notification: it retries, backs off, dead-letters and is re-driven on its own,
     * and never makes another channel send again. Names: 1 to 64 letters, digits, {@code . _ -};
     * unique; kept in the outbox, so keep them stable.
     */
    public Builder channel(String name, Notifier notifier) {
      return addChannel(name, notifier, null);
    }

    /** Adds a channel with its own retry policy. */
    public Builder channel(String name, Notifier notifier, RetryPolicy retry) {
      return addChannel(name, notifier, Objects.requireNonNull(retry));
    }

    /** Adds a channel. */
    public Builder channel(Channel v) {
      return addChannel(v.name(), v.notifier(), v.retry());
    }

    private Builder addChannel(String name, Notifier notifier, @Nullable RetryPolicy retry) {
      new Channel(
          name, Objects.requireNonNull(notifier), RetryPolicy.DEFAULT); // checks the name now
      if (channels.containsKey(name)) {
        throw new IllegalArgumentException("two channels are named '" + name + "'");
      }
      channels.put(name, new java.util.AbstractMap.SimpleImmutableEntry<>(notifier, retry));
      return this;
    }

    /** Who may do what (default: {@link MatrixPolicy#standard()}). */
    public Builder policy(PermissionPolicy v) {
      policy = Objects.requireNonNull(v);
      return this;
    }

    /** Behaviour switches (default: {@link TicketingOptions#defaults()}). */
    public Builder options(TicketingOptions v) {
      options = Objects.requireNonNull(v);
      return this;
    }

    /** The time source (default: the UTC system clock). */
    public Builder clock(Clock v) {
      clock = Objects.requireNonNull(v);
      return this;
    }

    /** Id maker (default: time-ordered UUIDs). */
    public Builder idGenerator(IdGenerator v) {
      ids = Objects.requireNonNull(v);
      return this;
    }

    /** Retries of channels without a policy of their own (default: {@link RetryPolicy#DEFAULT}). */
    public Builder retryPolicy(RetryPolicy v) {
      retryPolicy = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Retries of resolving recipients while the directory fails (default: the {@link #retryPolicy}).
     */
    public Builder recipientRetry(RetryPolicy v) {
      recipientRetry = Objects.requireNonNull(v);
      return this;
    }

    /** Dispatcher owner name, lease, batch size and poll interval. */
    public Builder dispatch(OutboxDispatcher.Settings v) {
      dispatch = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Whether {@link #build()} starts the background thread that delivers notifications (default
     * true). Off: call {@link OutboxDispatcher#dispatchDue()} yourself (tests, a host scheduler),
     * or {@link OutboxDispatcher#start()} when the host is ready (a framework's lifecycle).
     */
    public Builder backgroundDispatch(boolean v) {
      backgroundDispatch = v;
      return this;
    }

    /** Attachment sweeper interval and batch size (default every 5 minutes, batches of 200). */
    public Builder sweep(AttachmentSweeper.Settings v) {
      sweep = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Whether {@link #build()} starts the background attachment sweeper (default true). Off: call
     * {@link AttachmentSweeper#sweep()} yourself, or {@link AttachmentSweeper#start()} later.
     */
    public Builder backgroundSweep(boolean v) {
      backgroundSweep = v;
      return this;
    }

    /** Keeps SLA clocks under these policies and raises their alerts (default: none). */
    public Builder sla(SlaConfiguration v) {
      slaConfiguration = Objects.requireNonNull(v);
      return this;
    }

    /** Where SLA clocks live (default in memory; a database store needs its own, same database). */
    public Builder slaStore(SlaStore v) {
      slaStore = Objects.requireNonNull(v);
      return this;
    }

    /** SLA scheduler interval and batch size (default every 30 seconds, batches of 100). */
    public Builder slaSchedule(SlaScheduler.Settings v) {
      slaSchedule = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Where agents' profiles and loads live (default in memory beside an in-memory ticket store; a
     * database store needs its own on the same database, or automatic assignment is off).
     *
     * @since 0.2.0
     */
    public Builder assignmentStore(AssignmentStore v) {
      assignmentStore = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Adds an assignment strategy beside the built-in round robin, least loaded and skills (names
     * must differ).
     *
     * @since 0.2.0
     */
    public Builder assignmentStrategy(AssignmentStrategy v) {
      assignmentStrategies.add(Objects.requireNonNull(v));
      return this;
    }

    public Ticketing build() {
      TicketStore given = store != null ? store : new InMemoryTicketStore();
      // Every ticket write moves the counters, in its own unit of work.
      CountingTicketStore s =
          new CountingTicketStore(
              given, counterStore != null ? counterStore : given.counters(), counterSettings);
      // Explicit stores win; otherwise the ticket store's companions, on its database.
      CompanionStores beside = s.companions();
      BlobStore b = blobStore != null ? blobStore : new InMemoryBlobStore(clock);
      IdGenerator g = ids != null ? ids : IdGenerator.timeOrdered(clock);
      DirectoryFailures failures = new DirectoryFailures();
      List<Channel> configured = new ArrayList<>();
      channels.forEach(
          (name, c) ->
              configured.add(
                  new Channel(
                      name, c.getKey(), c.getValue() != null ? c.getValue() : retryPolicy)));
      // The service is made first and woken through the holder: the dispatcher's housekeeping
      // purges the service's expired idempotency keys.
      OutboxDispatcher[] holder = new OutboxDispatcher[1];
      SubjectCatalog catalog =
          subjects != null ? subjects : InMemorySubjectCatalog.ofCategories(options.categories());
      EngineParts parts =
          new EngineParts(
              s,
              b,
              directory,
              catalog,
              policy,
              options,
              clock,
              g,
              () -> holder[0].wake(),
              failures,
              FieldDefinitionCache.of(
                  or(
                      fieldDefinitions,
                      beside.fieldDefinitions(),
                      new InMemoryFieldDefinitionStore()),
                  fieldDefinitionsHeldFor));
      SlaWiring.Parts sla =
          SlaWiring.assemble(parts, slaConfiguration, or(slaStore, beside.sla()), slaSchedule);
      // Each capability beside the tickets adds its extension here, in the order its unit of work
      // nests (first outermost).
      AssignmentWiring assignment =
          AssignmentWiring.of(
              parts, or(assignmentStore, beside.assignment()), assignmentStrategies);
      LinkStore linkRows = LinkWiring.store(parts, or(linkStore, beside.links()));
      DeskWiring desk =
          DeskWiring.prepare(
              parts,
              or(macroStore, beside.macros()),
              or(ratingStore, beside.ratings()),
              ratingSettings);
      AutomationWiring.Parts automation =
          AutomationWiring.assemble(
              parts,
              automationSettings,
              // automation stays opt-in: the companion is taken only once settings turned it on
              automationSettings != null
                  ? or(automationStore, beside.automation())
                  : automationStore,
              assignment.chooser(parts),
              desk.ruleMacros());
      List<Extension> extensions =
          List.of(
              automation.extension(),
              sla.extension(),
              assignment.extension(),
              LinkWiring.extension(linkRows),
              desk.extension(),
              EventWiring.extension(parts, configured));
      DefaultTicketService service = Extension.service(parts, extensions);
      TicketLinks links = LinkWiring.facade(parts, linkRows, linkSettings, extensions);
      SlaScheduler slaScheduler = sla.scheduler();
      slaScheduler.onAlert(automation.alerts());
      OutboxDispatcher d =
          OutboxDispatcher.builder(s.outbox())
              .directory(directory)
              .channels(configured)
              .recipientRetry(recipientRetry != null ? recipientRetry : retryPolicy)
              .clock(clock)
              .settings(dispatch)
              .directoryFailures(failures)
              .housekeeping(HOUSEKEEPING_INTERVAL, service::purgeExpiredIdempotencyKeys)
              .build();
      holder[0] = d;
      // Waking a dispatcher that is not running is harmless, and lets a host start it later.
      AttachmentSweeper sweeper = new AttachmentSweeper(s, b, clock, sweep);
      if (backgroundDispatch) {
        d.start();
      }
      if (backgroundSweep) {
        sweeper.start();
      }
      if (slaConfiguration != null && backgroundDispatch) {
        slaScheduler.start(); // alerts are notifications: they run where the dispatcher runs
      }
      if (automation.on() && backgroundDispatch) {
        automation.scheduler().start();
      }
      return new Ticketing(
          service,
          d,
          sweeper,
          given,
          b,
          failures,
          sla.reads(),
          slaScheduler,
          service.customFields(),
          assignment.service(parts, service),
          links,
          desk.macros(service),
          desk.ratings(service),
          automation,
          new DefaultTicketCounters(s, policy));
    }

    private static <T> @Nullable T or(@Nullable T explicit, @Nullable T companion) {
      return explicit != null ? explicit : companion;
    }

    private static <T> T or(@Nullable T explicit, @Nullable T companion, T fallback) {
      return explicit != null ? explicit : companion != null ? companion : fallback;
    }
  }
}
