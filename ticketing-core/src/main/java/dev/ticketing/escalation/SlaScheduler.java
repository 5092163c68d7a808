package dev.ticketing.escalation;

import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.FieldChange;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.policy.Role;
import dev.ticketing.sla.SlaClock;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.Recipient;
import dev.ticketing.spi.SlaRecord;
import dev.ticketing.spi.SlaStore;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the warnings and breaches of service-level clocks, each exactly once per (ticket, target,
 * cycle): as an audit entry ({@link AuditAction#SLA_WARNING}, {@link AuditAction#SLA_BREACHED}) and
 * a notification ({@link NotificationTemplate#SLA_WARNING}, {@link NotificationTemplate#SLA_BREACHED})
 * through the outbox.
 *
 * <p>One round claims due clocks in batches; each batch is one unit of work that claims (locking
 * the clocks, skipping those another scheduler holds), writes the audit entries and outbox
 * requests, marks the alerts raised and commits. Any number of schedulers, in this process or in
 * others on the same database, can run at once: a claimed clock is nobody else's until the claim
 * commits, and then its alert is marked raised. A warning whose breach is also due when the
 * scheduler gets to it is passed over (marked, not sent): the breach says more.
 *
 * <p>Runs every {@link Settings#interval()} once {@linkplain #start() started}, or on demand
 * ({@link #raiseDue()}).
 *
 * @since 0.1.0
 */
public final class SlaScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SlaScheduler.class);

  /** The template of a warning's notification. */
  public static final NotificationTemplate WARNING_TEMPLATE = NotificationTemplate.SLA_WARNING;

  /** The template of a breach's notification. */
  public static final NotificationTemplate BREACH_TEMPLATE = NotificationTemplate.SLA_BREACHED;

  /** The actor its audit entries and notifications name (in the admin role). */
  public static final String ACTOR_ID = "sla-scheduler";

  /** Batches one round takes at most, so that a round ends even while alerts keep coming due. */
  public static final int MAX_BATCHES = 50;

  private final TicketStore tickets;
  private final SlaStore clocks;
  private final Clock clock;
  private final IdGenerator ids;
  private final Settings settings;
  private final Runnable afterCommit;
  private @Nullable ScheduledExecutorService executor;
  private volatile AlertListener alerts = (ticket, action) -> {};

  /**
   * Told of each alert raised, inside the unit of work that raised it, after its audit entry and
   * notification are written (automation rules react to warnings and breaches this way).
   *
   * @since 0.2
   */
  @FunctionalInterface
  public interface AlertListener {
    void raised(TicketRecord ticket, AuditAction action);
  }

  /**
   * Tells {@code listener} of every alert from now on (replacing any listener before it).
   *
   * @since 0.2
   */
  public void onAlert(AlertListener listener) {
    this.alerts = Objects.requireNonNull(listener, "listener");
  }

  /**
   * How often the scheduler looks, and how many clocks one unit of work claims.
   *
   * @param interval between rounds; default 30 seconds
   * @param batchSize clocks per unit of work, 1 to 1000; default 100
   * @since 0.1.0
   */
  public record Settings(Duration interval, int batchSize) {
    public Settings {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval must be positive");
      }
      if (batchSize < 1 || batchSize > 1000) {
        throw new IllegalArgumentException("batchSize must be 1 to 1000");
      }
    }

    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(30), 100);
    }
  }

  /**
   * What a round raised.
   *
   * @since 0.1.0
   */
  public record Result(int warnings, int breaches) {}

  /**
   * @param afterCommit run after each batch that wrote notifications (wakes the dispatcher)
   */
  public SlaScheduler(
      TicketStore tickets,
      SlaStore clocks,
      Clock clock,
      IdGenerator ids,
      Settings settings,
      Runnable afterCommit) {
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.clocks = Objects.requireNonNull(clocks, "clocks");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.afterCommit = Objects.requireNonNull(afterCommit, "afterCommit");
  }

  /** One round: raises every alert due now. */
  public Result raiseDue() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    int warnings = 0;
    int breaches = 0;
    for (int batch = 0; batch < MAX_BATCHES; batch++) {
      int[] counts = clocks.inTransaction(() -> tickets.inTransaction(() -> batch(now)));
      warnings += counts[1];
      breaches += counts[2];
      if (counts[1] + counts[2] > 0) {
        try {
          afterCommit.run();
        } catch (RuntimeException e) {
          log.warn("after-commit hook failed; SLA notifications stay in the outbox", e);
        }
      }
      if (counts[0] < settings.batchSize()) {
        break;
      }
    }
    if (warnings + breaches > 0) {
      log.info("SLA alerts raised: {} warnings, {} breaches", warnings, breaches);
    }
    return new Result(warnings, breaches);
  }

  /** Claims, raises and marks one batch; returns {claimed, warnings, breaches}. */
  private int[] batch(Instant now) {
    List<SlaRecord> due = clocks.claimDueAlerts(now, settings.batchSize());
    if (due.isEmpty()) {
      return new int[3];
    }
    Map<String, TicketRecord> byId =
        tickets.findTickets(due.stream().map(SlaRecord::ticketId).distinct().toList());
    List<NotificationRequest> requests = new ArrayList<>();
    List<Map.Entry<TicketRecord, AuditAction>> raised = new ArrayList<>();
    int warnings = 0;
    int breaches = 0;
    for (SlaRecord r : due) {
      SlaClock k = r.clock();
      boolean breach = r.breachRaisedAt() == null && k.breached(now);
      boolean warning = r.warningRaisedAt() == null && k.warned(now);
      TicketRecord t = byId.get(r.ticketId());
      if (t != null && !t.deleted() && (breach || warning)) {
        AuditAction action = breach ? AuditAction.SLA_BREACHED : AuditAction.SLA_WARNING;
        tickets.appendAudit(
            new AuditEntry(
                ids.newId(), t.id(), action, ACTOR_ID, Role.ADMIN, now, facts(k, breach)));
        requests.add(request(t, k, breach, now));
        raised.add(Map.entry(t, action));
        if (breach) {
          breaches++;
        } else {
          warnings++;
        }
      }
      clocks.markRaised(
          r.ticketId(), k.target(), k.cycle(), warning ? now : null, breach ? now : null);
    }
    if (!requests.isEmpty()) {
      tickets.enqueue(requests);
    }
    AlertListener listener = alerts;
    raised.forEach(e -> listener.raised(e.getKey(), e.getValue()));
    return new int[] {due.size(), warnings, breaches};
  }

  private static List<FieldChange> facts(SlaClock k, boolean breach) {
    Instant at = breach ? k.breachAt() : k.warningAt();
    return List.of(
        new FieldChange("slaTarget", null, k.target().name()),
        new FieldChange("slaCycle", null, Integer.toString(k.cycle())),
        new FieldChange("slaPolicy", null, k.policyId()),
        new FieldChange(breach ? "slaDueAt" : "slaWarnAt", null, String.valueOf(at)));
  }

  private NotificationRequest request(TicketRecord t, SlaClock k, boolean breach, Instant now) {
    List<Recipient> told = new ArrayList<>();
    if (t.assigneeId() != null) {
      told.add(Recipient.assignee(t.assigneeId()));
    }
    if (breach || t.assigneeId() == null) {
      told.add(Recipient.admins());
    }
    Map<String, String> data = new HashMap<>();
    data.put("ticketId", t.id());
    data.put("ticketTitle", t.title());
    data.put("status", t.status().name());
    data.put("priority", t.priority().name());
    data.put("companyId", t.companyId());
    data.put("slaTarget", k.target().name());
    data.put("slaCycle", Integer.toString(k.cycle()));
    data.put("slaDueAt", String.valueOf(k.dueAt()));
    return new NotificationRequest(
        ids.newId(),
        breach ? BREACH_TEMPLATE : WARNING_TEMPLATE,
        told,
        t.id(),
        null,
        ACTOR_ID,
        now,
        data);
  }

  /** Starts rounds every {@link Settings#interval()} on a daemon thread of its own. */
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    ScheduledExecutorService ex =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "ticketing-sla-scheduler");
              thread.setDaemon(true);
              return thread;
            });
    long every = settings.interval().toMillis();
    ex.scheduleWithFixedDelay(this::roundQuietly, every, every, TimeUnit.MILLISECONDS);
    executor = ex;
  }

  /**
   * Whether rounds run in the background ({@link #start()} called, {@link #close()} not since).
   *
   * @since 0.2.0
   */
  public synchronized boolean isRunning() {
    return executor != null;
  }

  private void roundQuietly() {
    try {
      raiseDue();
    } catch (RuntimeException e) {
      log.warn("SLA round failed; trying again in {}", settings.interval(), e);
    }
  }

  /** Stops the rounds (a round under way finishes). */
  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdown();
      executor = null;
    }
  }
}
