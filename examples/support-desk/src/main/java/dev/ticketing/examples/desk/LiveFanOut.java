package dev.ticketing.examples.desk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hands each live change to the {@link LiveHub} of every desk instance on the database: the outbox
 * delivers an event to one instance only (whichever dispatcher claimed it), while the people
 * watching may be connected to any of them.
 *
 * <p>On PostgreSQL through {@code LISTEN}/{@code NOTIFY} on channel {@value #CHANNEL}: the
 * delivering instance notifies, and every instance (itself included) listens on one connection of
 * its pool, held for as long as it runs, and hands what it hears to its hub. A notification is sent
 * at once (no transaction is open around a delivery) and holds the change's ids and kind only. After
 * the listening connection broke and was opened again, notifications may have been missed: every
 * open stream is then told to refetch ({@code event: resync}).
 *
 * <p>On other databases (the embedded H2) the change goes to this instance's hub only: run one
 * instance of the desk there, or one dispatching instance ({@code ticketing.outbox.enabled}) whose
 * users are the only ones live.
 */
@Component
class LiveFanOut implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(LiveFanOut.class);

  /** The PostgreSQL notification channel the desk instances share. */
  static final String CHANNEL = "desk_live";

  private final DataSource dataSource;
  private final LiveHub hub;

  private volatile boolean postgres;
  private volatile boolean running;
  private volatile @Nullable Thread listener;

  LiveFanOut(DataSource dataSource, LiveHub hub) {
    this.dataSource = dataSource;
    this.hub = hub;
  }

  /** Passes a committed change on to every instance's hub (this one's included). */
  void send(LiveChange change) throws SQLException {
    if (!postgres) {
      hub.publish(List.of(change));
      return;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement notify = c.prepareStatement("select pg_notify(?, ?)")) {
      notify.setString(1, CHANNEL);
      notify.setString(2, change.toJson());
      notify.execute();
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }

  /** Whether changes travel between instances (PostgreSQL) rather than staying in this one. */
  boolean shared() {
    return postgres;
  }

  @Override
  public synchronized void start() {
    try (Connection c = dataSource.getConnection()) {
      postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot tell which database the live events go through", e);
    }
    running = true;
    if (!postgres) {
      return;
    }
    CountDownLatch first = new CountDownLatch(1);
    Thread t = new Thread(() -> listen(first), "desk-live-listen");
    t.setDaemon(true);
    listener = t;
    t.start();
    try {
      // Changes committed once the desk is up are heard: wait for the first LISTEN.
      if (!first.await(30, TimeUnit.SECONDS)) {
        log.warn("live events: not listening on PostgreSQL yet after 30 s; still trying");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void listen(CountDownLatch first) {
    boolean again = false;
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        if (!c.getAutoCommit()) {
          c.setAutoCommit(true);
        }
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        first.countDown();
        if (again) {
          log.info("live events: listening again; open streams are told to refetch");
          hub.resyncAll();
        }
        while (running) {
          PGNotification[] heard = pg.getNotifications(500);
          if (heard == null) {
            continue;
          }
          for (PGNotification n : heard) {
            hand(n.getParameter());
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          log.warn("live events: the listening connection failed; opening another in 1 s", e);
          pause();
        }
      }
      again = true;
    }
  }

  private void hand(String payload) {
    try {
      hub.publish(List.of(LiveChange.fromJson(payload)));
    } catch (RuntimeException e) {
      log.warn("live events: a notification that is not a live change was ignored", e);
    }
  }

  private void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    Thread t = listener;
    listener = null;
    if (t != null) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
