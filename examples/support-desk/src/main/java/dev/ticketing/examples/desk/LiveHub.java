package dev.ticketing.examples.desk;

import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live events of the desk: turns the committed changes the outbox delivers ({@link LiveFeed},
 * passed between desk instances by {@link LiveFanOut}) into numbered events, keeps the latest in a bounded buffer for resuming, and sends each to the open
 * streams ({@link LiveStream}) of the users who may see its ticket.
 *
 * <p><b>Who gets what.</b> An event names a ticket, the kind of change, the ticket's version and
 * when; never content. Clients refetch through the GraphQL API, which checks permissions on every
 * read, so an event can at most tell that something changed. Even that is only told to those the
 * permission policy lets view the ticket ({@link Operation#VIEW_TICKET}, decided on the ticket as
 * it was committed, or as it was before the change, so that a reassigned agent's or an uncopied
 * customer's view can drop it): a customer hears of his own tickets, of those his company shares
 * and of those he is copied on; staff per the policy. A deleted ticket is told to those who could
 * view it before (and to those who may view deleted tickets). Every change of a ticket that got an
 * internal note or internal file in the same transaction is told only to staff who may read
 * internal notes ({@link Operation#VIEW_INTERNAL_NOTES}); a customer never hears of one, whatever
 * the policy says.
 *
 * <p><b>Ids and resuming.</b> Event ids grow by one per event, across all users (so one user's
 * ids have gaps), starting from the start-up time in microseconds so that a later run's ids are
 * higher. A client that reconnects with {@code Last-Event-ID} gets the events it may see that it
 * missed, when they are all still in the buffer ({@code desk.live.buffer-size}, default 1000);
 * otherwise it gets {@code event: resync} and refetches what it shows.
 *
 * <p><b>Limits.</b> At most {@code desk.live.max-connections-per-user} (5) streams per user and
 * {@code desk.live.max-connections} (1000) in all; beyond, {@link #subscribe} refuses. Each stream
 * has a queue of {@code desk.live.queue-size} (256) events: sending happens on a small pool, never
 * on the thread that committed, and a client that falls further behind is disconnected. Streams
 * end after {@code desk.live.timeout} (30 min; clients reconnect), and a comment line {@code :
 * keep-alive} every {@code desk.live.keep-alive} (15 s) finds clients that went away. A stream that
 * ends for any reason leaves the hub at once. On shutdown every stream is closed first, so that the
 * web server's graceful shutdown does not wait for them.
 */
@Component
class LiveHub implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(LiveHub.class);
  private static final JsonMapper JSON = JsonMapper.shared();

  static final String KEEP_ALIVE = ": keep-alive\n\n";
  static final String RESYNC = "event: resync\ndata: {}\n\n";

  /** One numbered event, with what deciding its audience needs. */
  private record Event(
      long id,
      LiveChange change,
      boolean internal,
      @Nullable TicketRecord before,
      TicketRecord ticket,
      String frame) {}

  /** How many event ids (repeats of the outbox's at-least-once delivery) and units are remembered. */
  private static final int REMEMBERED = 4096;

  /** A stream refused because a connection limit is reached. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private final PermissionPolicy policy;
  private final TicketStore store;
  private final LiveProperties properties;

  private final Object lock = new Object();
  private final ArrayDeque<Event> buffer = new ArrayDeque<>();
  private final Set<LiveStream> streams = new LinkedHashSet<>();
  private final Map<String, Integer> perUser = new HashMap<>();
  private final Set<String> seen = remembered();
  private final Set<String> internalUnits = remembered();
  private long lastId;

  /**
   * The threads of the hub, made afresh when a stopped hub starts again (a paused test context is
   * stopped and restarted).
   */
  private record Workers(
      ExecutorService dispatcher, ExecutorService writers, ScheduledExecutorService keepAlive) {
    static Workers create() {
      return new Workers(
          Executors.newSingleThreadExecutor(named("dispatch")),
          Executors.newFixedThreadPool(2, named("write")),
          Executors.newSingleThreadScheduledExecutor(named("keep-alive")));
    }

    boolean stopped() {
      return dispatcher.isShutdown();
    }

    void stop() {
      keepAlive.shutdownNow();
      dispatcher.shutdown();
      writers.shutdown();
    }
  }

  private volatile Workers workers = Workers.create();
  private volatile boolean running;
  // Streams are taken from construction on: the web server may answer before this lifecycle starts.
  private volatile boolean accepting = true;

  LiveHub(PermissionPolicy policy, TicketStore store, LiveProperties properties, Clock clock) {
    this.policy = policy;
    this.store = store;
    this.properties = properties;
    this.lastId = clock.millis() * 1000;
  }

  // ---- events in

  /** Called with committed changes, on the thread that heard of them; the work is the dispatcher's. */
  void publish(List<LiveChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    try {
      workers.dispatcher().execute(() -> dispatch(changes));
    } catch (java.util.concurrent.RejectedExecutionException stopped) {
      // Shutting down: nobody is listening any more.
    }
  }

  private void dispatch(List<LiveChange> changes) {
    for (LiveChange change : changes) {
      synchronized (lock) {
        if (!seen.add(change.eventId())) {
          continue; // delivered again (at least once): told already
        }
      }
      TicketRecord ticket = load(change.ticketId());
      if (ticket == null) {
        log.debug("no live event for ticket {}: it is gone", change.ticketId());
        continue;
      }
      synchronized (lock) {
        // The changes of one unit of work share their instant: whatever came with an internal
        // note (or after it in the same unit) is for those who read notes only.
        String unit = change.ticketId() + ' ' + change.at();
        if (change.internal()) {
          internalUnits.add(unit);
        }
        boolean internal = change.internal() || internalUnits.contains(unit);
        long id = ++lastId;
        Event event =
            new Event(id, change, internal, change.before(ticket), ticket, frame(id, change));
        buffer.addLast(event);
        while (buffer.size() > properties.bufferSize()) {
          buffer.removeFirst();
        }
        for (LiveStream stream : List.copyOf(streams)) {
          if (mayReceive(stream.actor(), event)) {
            offer(stream, event.frame());
          }
        }
      }
    }
  }

  /** Tells every open stream to refetch: changes may have been missed. */
  void resyncAll() {
    synchronized (lock) {
      for (LiveStream stream : List.copyOf(streams)) {
        offer(stream, RESYNC);
      }
    }
  }

  private @Nullable TicketRecord load(String ticketId) {
    try {
      return store.findTicket(ticketId).orElse(null);
    } catch (RuntimeException e) {
      log.warn("no live event for ticket {}: the store failed", ticketId, e);
      return null;
    }
  }

  private static String frame(long id, LiveChange change) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("ticketId", change.ticketId());
    data.put("kind", change.kind());
    data.put("version", change.version());
    data.put("at", change.at().toString());
    return "id: " + id + "\nevent: ticket\ndata: " + JSON.writeValueAsString(data) + "\n\n";
  }

  /**
   * Whether {@code actor} may hear of {@code event}: who may view the ticket after the change, or
   * could before it (a reassigned agent, a removed CC: their view must drop it); see the class
   * comment.
   */
  private boolean mayReceive(Actor actor, Event event) {
    TicketRecord before = event.before();
    try {
      return mayReceive(actor, event.ticket(), event.internal())
          || (before != null && mayReceive(actor, before, event.internal()));
    } catch (RuntimeException e) {
      log.warn("permission check failed for a live event of ticket {}", event.ticket().id(), e);
      return false;
    }
  }

  private boolean mayReceive(Actor actor, TicketRecord ticket, boolean internal) {
    TicketRecord seen = ticket.deleted() ? beforeDeletion(ticket) : ticket;
    if (internal
        && (!actor.isStaff() || !policy.permits(actor, Operation.VIEW_INTERNAL_NOTES, seen))) {
      return false;
    }
    return policy.permits(actor, Operation.VIEW_TICKET, seen)
        || (ticket.deleted() && policy.permits(actor, Operation.VIEW_DELETED, ticket));
  }

  /** A deleted ticket as it was before: who could view it then hears that it is gone. */
  private static TicketRecord beforeDeletion(TicketRecord t) {
    return t.edit()
        .status(t.statusBeforeDelete() != null ? t.statusBeforeDelete() : t.status())
        .statusBeforeDelete(null)
        .deletedAt(null)
        .deletedBy(null)
        .build();
  }

  // ---- streams

  /**
   * Opens a stream for {@code actor}, resuming after {@code lastEventId} where the buffer allows.
   *
   * @throws Refused when the user or the desk holds the most streams allowed
   */
  LiveStream subscribe(Actor actor, @Nullable String lastEventId) throws Refused {
    LiveStream stream = new LiveStream(actor, properties.timeout(), properties.queueSize());
    synchronized (lock) {
      if (!accepting) {
        throw new Refused("the desk is shutting down");
      }
      int mine = perUser.getOrDefault(actor.id(), 0);
      if (mine >= properties.maxConnectionsPerUser()) {
        throw new Refused(
            "too many live connections for this user: at most "
                + properties.maxConnectionsPerUser());
      }
      if (streams.size() >= properties.maxConnections()) {
        throw new Refused(
            "too many live connections: the desk holds at most " + properties.maxConnections());
      }
      streams.add(stream);
      perUser.put(actor.id(), mine + 1);
      stream.onEnd(() -> remove(stream));
      offer(stream, ": connected\nretry: " + properties.reconnect().toMillis() + "\n\n");
      Long after = parse(lastEventId);
      if (after != null) {
        long first = buffer.isEmpty() ? lastId + 1 : buffer.getFirst().id();
        if (after >= first - 1 && after <= lastId) {
          for (Event e : buffer) {
            if (e.id() > after && mayReceive(actor, e)) {
              offer(stream, e.frame());
            }
          }
        } else {
          offer(stream, RESYNC);
        }
      }
    }
    return stream;
  }

  private static @Nullable Long parse(@Nullable String lastEventId) {
    if (lastEventId == null || lastEventId.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(lastEventId.strip());
    } catch (NumberFormatException e) {
      return -1L; // not one of ours: resync
    }
  }

  private void remove(LiveStream stream) {
    synchronized (lock) {
      if (streams.remove(stream)) {
        perUser.computeIfPresent(stream.actor().id(), (id, n) -> n > 1 ? n - 1 : null);
      }
    }
  }

  /** Queues a frame; a stream too far behind is ended (and so removed). */
  private void offer(LiveStream stream, String frame) {
    if (!stream.offer(frame, workers.writers())) {
      log.info(
          "live stream of {} closed: more than {} events waiting",
          stream.actor().id(),
          properties.queueSize());
      stream.end();
    }
  }

  /** The number of open streams (for tests and monitoring). */
  int connections() {
    synchronized (lock) {
      return streams.size();
    }
  }

  private void keepAlive() {
    List<LiveStream> open;
    synchronized (lock) {
      open = new ArrayList<>(streams);
    }
    for (LiveStream stream : open) {
      offer(stream, KEEP_ALIVE);
    }
  }

  // ---- lifecycle

  @Override
  public synchronized void start() {
    if (workers.stopped()) {
      workers = Workers.create();
    }
    long every = properties.keepAlive().toMillis();
    workers.keepAlive().scheduleAtFixedRate(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
    accepting = true;
    running = true;
  }

  /**
   * Closes every stream before the web server's graceful shutdown, which would wait for them: the
   * default phase is higher than the web server's, and higher phases stop first.
   */
  @Override
  public synchronized void stop() {
    running = false;
    accepting = false;
    List<LiveStream> open;
    synchronized (lock) {
      open = new ArrayList<>(streams);
    }
    open.forEach(LiveStream::end);
    workers.stop();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** A set that forgets its oldest entries beyond {@link #REMEMBERED}. */
  private static Set<String> remembered() {
    return java.util.Collections.newSetFromMap(
        new LinkedHashMap<>() {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
          }
        });
  }

  private static ThreadFactory named(String what) {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, "desk-live-" + what + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
