package dev.ticketing.email;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls an IMAP folder for unread messages and hands each to {@link InboundMail}. Messages are
 * fetched without marking them read ({@code mail.imap.peek}); one is flagged {@code \Seen} only
 * when it is settled (processed, a duplicate, ignored or refused), and left unread when processing
 * failed, so the next round tries it again. Several pollers on the same box are safe: the mail
 * store's claims make each message processed once, whichever poller fetches it first.
 *
 * <p>{@link #start()} runs a background thread that waits with IMAP {@code IDLE} where the server
 * supports it (and {@link Settings#idle()} is on) and polls every {@link Settings#interval()}
 * otherwise; {@link #pollOnce()} is one round, for hosts that schedule polling themselves.
 *
 * @since 0.2.0
 */
public final class ImapPoller implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ImapPoller.class);

  /**
   * Where and how to poll.
   *
   * @param protocol {@code imap} or {@code imaps}
   * @param host the server
   * @param port the port
   * @param username the login
   * @param password the password
   * @param folder the folder to read (usually {@code INBOX})
   * @param interval the pause between rounds without IDLE (default one minute), and the longest
   *     wait in IDLE
   * @param idle whether to wait with IDLE where the server supports it
   */
  public record Settings(
      String protocol,
      String host,
      int port,
      String username,
      String password,
      String folder,
      Duration interval,
      boolean idle) {
    public Settings {
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(folder, "folder");
      Objects.requireNonNull(interval, "interval");
      if (!protocol.equals("imap") && !protocol.equals("imaps")) {
        throw new IllegalArgumentException("protocol must be imap or imaps");
      }
    }

    /** Overrides the toString of the record, so that the password never reaches a log. */
    @Override
    public String toString() {
      return protocol + "://" + username + "@" + host + ":" + port + "/" + folder;
    }
  }

  private final Settings settings;
  private final InboundMail inbound;
  private final Session session;
  private volatile boolean running;
  private volatile @Nullable Thread thread;
  private volatile @Nullable Folder idling;

  public ImapPoller(Settings settings, InboundMail inbound) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.inbound = Objects.requireNonNull(inbound, "inbound");
    Properties p = new Properties();
    String prefix = "mail." + settings.protocol() + ".";
    p.setProperty(prefix + "peek", "true");
    p.setProperty(prefix + "connectiontimeout", "10000");
    p.setProperty(prefix + "timeout", "60000");
    this.session = Session.getInstance(p);
  }

  /** One round: every unread message of the folder processed; returns how many were settled. */
  public int pollOnce() throws MessagingException {
    try (Store store = session.getStore(settings.protocol())) {
      store.connect(settings.host(), settings.port(), settings.username(), settings.password());
      Folder folder = store.getFolder(settings.folder());
      folder.open(Folder.READ_WRITE);
      try {
        return round(folder);
      } finally {
        folder.close(false);
      }
    }
  }

  private int round(Folder folder) throws MessagingException {
    int settled = 0;
    Message[] unread = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
    for (Message message : unread) {
      if (!running && thread != null) {
        break;
      }
      try {
        InboundResult result = handle(message);
        if (result.settled()) {
          message.setFlag(Flags.Flag.SEEN, true);
          settled++;
        }
      } catch (RuntimeException | IOException e) {
        log.warn(
            "Inbound mail from {} left unread, tried again next round: {}", settings, e.toString());
      }
    }
    return settled;
  }

  private InboundResult handle(Message message) throws MessagingException, IOException {
    int size = message.getSize();
    long max = inbound.limits().maxMessageBytes();
    if (size > max) {
      log.warn("Inbound mail of {} bytes refused unread: over the limit of {}", size, max);
      return new InboundResult(InboundResult.Outcome.REFUSED, null, "message too large");
    }
    ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(size, 1024));
    message.writeTo(raw);
    return inbound.receive(raw.toByteArray());
  }

  /** Starts polling on a daemon thread named after the box. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    Thread t = new Thread(this::loop, "ticketing-imap-" + settings.host());
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  private void loop() {
    while (running) {
      try (Store store = session.getStore(settings.protocol())) {
        store.connect(settings.host(), settings.port(), settings.username(), settings.password());
        Folder folder = store.getFolder(settings.folder());
        folder.open(Folder.READ_WRITE);
        try {
          while (running && folder.isOpen()) {
            round(folder);
            waitForMail(folder);
          }
        } finally {
          if (folder.isOpen()) {
            folder.close(false);
          }
        }
      } catch (MessagingException | RuntimeException e) {
        if (running) {
          log.warn("IMAP polling of {} failed, connecting again: {}", settings, e.toString());
          sleep();
        }
      }
    }
  }

  private void waitForMail(Folder folder) throws MessagingException {
    if (settings.idle() && folder instanceof IMAPFolder imap) {
      idling = folder;
      try {
        imap.idle(true); // returns on new mail, a server's timeout, or close()
        return;
      } catch (MessagingException unsupported) {
        log.debug("IDLE not available on {}: polling", settings);
      } finally {
        idling = null;
      }
    }
    sleep();
  }

  private void sleep() {
    try {
      Thread.sleep(settings.interval().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Stops the background thread, if started, and waits for it briefly. */
  @Override
  public void close() {
    running = false;
    Folder f = idling;
    if (f != null) {
      try {
        f.close(false);
      } catch (MessagingException | RuntimeException e) {
        // already closing
      }
    }
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
