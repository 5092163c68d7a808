package dev.ticketing.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemoryMailStore;
import dev.ticketing.notification.MessageTemplates;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.MailStore;
import dev.ticketing.testsupport.SamplePeople;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A support desk with an e-mail channel, against a real mail server: GreenMail's SMTP (the library
 * sends through it, and customers' mail reaches the support box through it) and IMAP (the pollers
 * read the support box). The engine, blob store and mail store are in memory.
 */
final class MailDesk implements AutoCloseable {

  static final String SUPPORT = "support@desk.example";
  static final byte[] KEY =
      "a host key of at least thirty-two bytes!".getBytes(StandardCharsets.UTF_8);

  final GreenMail mail;
  final MailStore store;
  final InMemoryBlobStore blobs = new InMemoryBlobStore();
  final Directory directory = SamplePeople.directory();
  final ReplyTokens tokens = new ReplyTokens(KEY, SUPPORT);
  final ThreadedEmailNotifier notifier;
  final Ticketing ticketing;
  private final Session smtp;
  private final com.icegreen.greenmail.user.GreenMailUser supportUser;

  MailDesk() {
    this(new InMemoryMailStore());
  }

  MailDesk(MailStore store) {
    this.store = store;
    mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    mail.start();
    supportUser = mail.setUser(SUPPORT, "support", "secret");
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", "127.0.0.1");
    p.setProperty("mail.smtp.port", String.valueOf(mail.getSmtp().getPort()));
    smtp = Session.getInstance(p);
    notifier =
        new ThreadedEmailNotifier(
            MailTransport.smtp(smtp),
            directory,
            MessageTemplates.defaults(),
            from(),
            tokens,
            store,
            java.time.Clock.systemUTC(),
            user -> Locale.ENGLISH);
    ticketing =
        Ticketing.builder()
            .directory(directory)
            .blobStore(blobs)
            .channel("email", notifier)
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build();
  }

  private static InternetAddress from() {
    try {
      return new InternetAddress(SUPPORT, "Support Desk", "UTF-8");
    } catch (java.io.UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  TicketService service() {
    return ticketing.service();
  }

  InboundMail inbound(String owner) {
    return InboundMail.builder()
        .service(service())
        .directory(directory)
        .tokens(tokens)
        .store(store)
        .uploader((upload, type, bytes) -> blobs.upload(upload.uploadUrl(), type, bytes))
        .owner(owner)
        .build();
  }

  ImapPoller poller(InboundMail inbound) {
    return new ImapPoller(
        new ImapPoller.Settings(
            "imap",
            "127.0.0.1",
            mail.getImap().getPort(),
            "support",
            "secret",
            "INBOX",
            Duration.ofMillis(200),
            true),
        inbound);
  }

  /** Sends the raw message through SMTP to the support box, as the customer's provider would. */
  void deliver(byte[] raw) throws MessagingException {
    MimeMessage m = new MimeMessage(smtp, new ByteArrayInputStream(raw));
    // The envelope sender is the message's Return-Path, as the sending server's was: <> for
    // bounces.
    String[] returnPath = m.getHeader("Return-Path");
    Properties p = new Properties();
    p.putAll(smtp.getProperties());
    if (returnPath != null && returnPath[0].strip().equals("<>")) {
      // GreenMail's SMTP takes no null sender: put it in the box as the delivering server would.
      supportUser.deliver(m);
      return;
    }
    if (returnPath != null) {
      p.setProperty("mail.smtp.from", returnPath[0].strip());
    }
    Session session = Session.getInstance(p);
    try (Transport t = session.getTransport("smtp")) {
      t.connect();
      t.sendMessage(m, new Address[] {new InternetAddress(SUPPORT)});
    }
  }

  /** Sends every notification due. */
  void drain() {
    ticketing.dispatcher().drain();
  }

  /** The mails received so far by an address (the library's outbound mail). */
  List<MimeMessage> mailsTo(String address) throws MessagingException {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      Address[] to = m.getRecipients(Message.RecipientType.TO);
      if (to != null
          && Arrays.stream(to)
              .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address))) {
        out.add(m);
      }
    }
    return out;
  }

  /** Unread messages left in the support box. */
  int unread() throws MessagingException {
    Session s = Session.getInstance(new Properties());
    try (Store imap = s.getStore("imap")) {
      imap.connect("127.0.0.1", mail.getImap().getPort(), "support", "secret");
      Folder inbox = imap.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        return inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false)).length;
      } finally {
        inbox.close(false);
      }
    }
  }

  @Override
  public void close() {
    ticketing.close();
    mail.stop();
  }
}
