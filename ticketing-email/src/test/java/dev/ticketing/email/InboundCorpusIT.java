package dev.ticketing.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AttachmentView;
import dev.ticketing.CommentView;
import dev.ticketing.CreateTicket;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketView;
import dev.ticketing.email.ClientStyles.Received;
import dev.ticketing.email.ClientStyles.Sender;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.MailStore;
import dev.ticketing.testsupport.SamplePeople;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The e-mail channel end to end, over a corpus of messages in the shapes real clients send: the
 * library mails agents' replies through GreenMail's SMTP; customers answer them from Gmail, Outlook,
 * Apple Mail, Thunderbird, Android, Yahoo and old German and Japanese clients (multipart/alternative,
 * quoted-printable, base64, ISO-8859-1, Windows-1252, Shift_JIS, inline images, attachments), write
 * new mails and forward others; out-of-office replies, bounces and loops arrive too; another
 * company's customer answers a mail that was not theirs; tokens are forged. Everything reaches the
 * support box by SMTP and is read by two IMAP pollers racing over it, a quarter of it delivered twice.
 */
class InboundCorpusIT {

  private static final Actor ROOT = SamplePeople.ROOT;
  private static final Actor SARAH = SamplePeople.SARAH;

  private final MailDesk desk = new MailDesk();

  @AfterEach
  void close() {
    desk.close();
  }

  /** What a message must become. */
  enum Kind {
    REPLY,
    NEW,
    NOTHING
  }

  record Expected(String name, String marker, Kind kind, String target, byte[] raw) {}

  static final Map<String, Sender> SENDERS =
      Map.of(
          "john", new Sender("John Doe", "john@acme.com"),
          "alice", new Sender("Alice Able", "alice@acme.com"),
          "jane", new Sender("Jane Roe", "jane@globex.com"));

  static final Map<String, String> COMPANY =
      Map.of("john", "acme", "alice", "acme", "jane", "globex");

  @Test
  void theCorpusThreadsToTheRightTicketsNeverAcrossCompaniesAndNeverTwice() throws Exception {
    // Twelve tickets raised on the web, each answered by an agent: the answers go out by mail.
    List<String> owners = List.of("john", "alice", "jane");
    Map<String, String> ownerOf = new LinkedHashMap<>();
    for (int i = 0; i < 9; i++) {
      String owner = owners.get(i % 3);
      TicketView t =
          desk.service()
              .createTicket(
                  Actor.customer(owner, COMPANY.get(owner)),
                  CreateTicket.of("Problem " + i, "It broke, case " + i, COMPANY.get(owner)));
      desk.service().assignTicket(SamplePeople.ADMIN, new AssignTicket(t.id(), SARAH.id()));
      desk.service()
          .addComment(SARAH, new AddComment(t.id(), "We are on it, case " + i + ".", false));
      desk.service()
          .addComment(SARAH, new AddComment(t.id(), "SECRET-NOTE-" + i + " internal only", true));
      ownerOf.put(t.id(), owner);
    }
    desk.drain();
    Map<String, Received> received = new LinkedHashMap<>();
    for (String owner : owners) {
      for (MimeMessage m : desk.mailsTo(SENDERS.get(owner).address())) {
        Received r = received(m);
        received.put(r.ticketId(), r);
      }
    }
    assertThat(received.keySet())
        .as("every ticket's answer was mailed")
        .isEqualTo(ownerOf.keySet());
    outboundMailCarriesThreadingAndNoInternalNote();

    // Phase 1: automatic mail only. Nothing may be written, nothing answered.
    List<Expected> automatic = new ArrayList<>();
    int n = 0;
    for (Map.Entry<String, Received> e : received.entrySet()) {
      Sender owner = SENDERS.get(ownerOf.get(e.getKey()));
      for (Map.Entry<String, Automatics.Auto> style : Automatics.all().entrySet()) {
        if (n % 4 == 0 || automatic.size() < Automatics.all().size()) {
          String marker = "AUTO-" + (n) + "-X";
          automatic.add(
              new Expected(
                  style.getKey(),
                  marker,
                  Kind.NOTHING,
                  "",
                  style.getValue().write(e.getValue(), owner, marker)));
        }
        n++;
      }
    }
    int mailsBefore = desk.mail.getReceivedMessages().length;
    for (Expected x : automatic) {
      desk.deliver(x.raw());
    }
    int mailsAfterDelivery = desk.mail.getReceivedMessages().length;
    pollUntilEmpty(List.of(desk.inbound("poller-a")));
    desk.drain();
    assertThat(desk.mail.getReceivedMessages().length)
        .as("no mail sent in answer to auto-replies, bounces or loops")
        .isEqualTo(mailsAfterDelivery);
    assertThat(mailsAfterDelivery - mailsBefore).isEqualTo(automatic.size());

    // Phase 2: replies in every client's shape, new mails, and the hostile ones.
    List<Expected> corpus = new ArrayList<>();
    int k = 0;
    for (Map.Entry<String, Received> e : received.entrySet()) {
      Sender owner = SENDERS.get(ownerOf.get(e.getKey()));
      for (Map.Entry<String, ClientStyles.Reply> style : ClientStyles.replies().entrySet()) {
        String marker = "MARK-" + (k++) + "-X";
        corpus.add(
            new Expected(
                style.getKey(),
                marker,
                Kind.REPLY,
                e.getKey(),
                style.getValue().write(e.getValue(), owner, marker, "QUOTED-" + marker)));
      }
    }
    for (String who : owners) {
      for (Map.Entry<String, ClientStyles.Fresh> style : ClientStyles.fresh().entrySet()) {
        String marker = "MARK-" + (k++) + "-X";
        corpus.add(
            new Expected(
                style.getKey(),
                marker,
                Kind.NEW,
                COMPANY.get(who),
                style
                    .getValue()
                    .write(SENDERS.get(who), MailDesk.SUPPORT, "Question " + marker, marker)));
      }
    }
    // Jane (globex) answers Acme's mails: token, headers and subject all name Acme's ticket.
    Sender jane = SENDERS.get("jane");
    for (Map.Entry<String, Received> e : received.entrySet()) {
      if (!COMPANY.get(ownerOf.get(e.getKey())).equals("acme")) {
        continue;
      }
      for (String style : List.of("gmail", "token-lost-headers-kept", "subject-reference-only")) {
        String marker = "MARK-" + (k++) + "-X";
        corpus.add(
            new Expected(
                "cross-tenant-" + style,
                marker,
                Kind.NEW,
                "globex",
                ClientStyles.replies()
                    .get(style)
                    .write(e.getValue(), jane, marker, "QUOTED-" + marker)));
      }
    }
    // Forged tokens: the right ticket id with a made-up signature, nothing else to go by.
    for (Map.Entry<String, Received> e : received.entrySet()) {
      String who = ownerOf.get(e.getKey());
      String marker = "MARK-" + (k++) + "-X";
      Received forged =
          new Received(
              e.getKey(),
              "support+" + e.getKey() + ".aaaaaaaaaaaa@desk.example",
              "<unknown-" + marker + "@nowhere>",
              "",
              "Hello");
      corpus.add(
          new Expected(
              "forged-token",
              marker,
              Kind.NEW,
              COMPANY.get(who),
              ClientStyles.thunderbird(forged, SENDERS.get(who), marker, "QUOTED-" + marker)));
    }
    // A stranger: refused, logged, never bounced.
    for (int i = 0; i < 2; i++) {
      String marker = "MARK-" + (k++) + "-X";
      corpus.add(
          new Expected(
              "unknown-sender",
              marker,
              Kind.NOTHING,
              "",
              ClientStyles.freshGmail(
                  new Sender("Stranger", "stranger" + i + "@nowhere.example"),
                  MailDesk.SUPPORT,
                  "Hi",
                  marker)));
    }
    assertThat(corpus.size() + automatic.size()).as("corpus size").isGreaterThanOrEqualTo(100);
    int twice = 0;
    for (int i = 0; i < corpus.size(); i++) {
      desk.deliver(corpus.get(i).raw());
      if (i % 4 == 0) {
        desk.deliver(corpus.get(i).raw()); // the same message again, as a provider's retry would
        twice++;
      }
    }
    assertThat(twice).isGreaterThan(20);
    pollUntilEmpty(List.of(desk.inbound("poller-a"), desk.inbound("poller-b")));
    desk.drain();

    // What became of every message.
    Map<String, TicketDetails> all = new LinkedHashMap<>();
    for (TicketView t : desk.service().tickets(ROOT, TicketFilter.none())) {
      all.put(t.id(), desk.service().ticket(ROOT, t.id()));
    }
    int threadable = 0;
    int right = 0;
    int acrossCompanies = 0;
    int duplicates = 0;
    int quotedLeft = 0;
    List<String> wrong = new ArrayList<>();
    for (Expected x : corpus) {
      List<String> hits =
          new ArrayList<>(); // ticket ids whose description or comment has the marker
      for (TicketDetails d : all.values()) {
        if (d.ticket().description().contains(x.marker())) {
          hits.add(d.ticket().id() + ":new");
          quotedLeft += d.ticket().description().contains("QUOTED-" + x.marker()) ? 1 : 0;
        }
        for (CommentView c : d.comments()) {
          if (c.content().contains(x.marker())) {
            hits.add(d.ticket().id() + ":reply");
            quotedLeft += c.content().contains("QUOTED-" + x.marker()) ? 1 : 0;
          }
        }
      }
      duplicates += Math.max(0, hits.size() - 1);
      for (String hit : hits) {
        String ticket = hit.substring(0, hit.indexOf(':'));
        String company = all.get(ticket).ticket().company().id();
        String senderCompany =
            x.kind() == Kind.NOTHING
                ? ""
                : (x.kind() == Kind.NEW ? x.target() : all.get(x.target()).ticket().company().id());
        if (!company.equals(senderCompany)) {
          acrossCompanies++;
        }
      }
      switch (x.kind()) {
        case NOTHING -> assertThat(hits).as(x.name() + " " + x.marker()).isEmpty();
        case REPLY -> {
          threadable++;
          if (hits.equals(List.of(x.target() + ":reply"))) {
            right++;
          } else {
            wrong.add(x.name() + " " + x.marker() + " -> " + hits);
          }
        }
        case NEW -> {
          threadable++;
          if (hits.size() == 1
              && hits.get(0).endsWith(":new")
              && all.get(hits.get(0).substring(0, hits.get(0).indexOf(':')))
                  .ticket()
                  .company()
                  .id()
                  .equals(x.target())) {
            right++;
          } else {
            wrong.add(x.name() + " " + x.marker() + " -> " + hits);
          }
        }
      }
    }
    double rate = (double) right / threadable;
    System.out.printf(
        "e-mail corpus: %d messages (%d automatic, %d delivered twice), %d threadable, %d right (%.2f%%),"
            + " %d across companies, %d duplicates, %d with quoted history left%n",
        corpus.size() + automatic.size(),
        automatic.size(),
        twice,
        threadable,
        right,
        100 * rate,
        acrossCompanies,
        duplicates,
        quotedLeft);
    assertThat(rate).as("threaded right; wrong: %s", wrong).isGreaterThanOrEqualTo(0.99);
    assertThat(acrossCompanies).as("attached across companies").isZero();
    assertThat(duplicates).as("written twice").isZero();
    assertThat(quotedLeft).as("replies with their quoted history left in").isZero();
    for (Expected x : automatic) {
      MailStore.Inbound row =
          desk.store
              .inbound(MessageKeys.of(MessageKeys.ids(header(x.raw(), "Message-ID")).get(0)))
              .orElseThrow();
      assertThat(row.outcome()).as(x.name()).isEqualTo("automatic");
    }
    contentSurvivedItsEncodings(corpus, all);
  }

  private void contentSurvivedItsEncodings(List<Expected> corpus, Map<String, TicketDetails> all) {
    Map<String, String> textOf = new LinkedHashMap<>();
    for (TicketDetails d : all.values()) {
      for (CommentView c : d.comments()) {
        textOf.put(c.content(), d.ticket().id());
      }
      textOf.put(d.ticket().description(), d.ticket().id());
    }
    Map<String, String> expectations =
        Map.of(
            "german-latin1", "die Größe der Datei ist über 5 MB, daher schlägt",
            "japanese-shift-jis", "ご返信ありがとうございます。まだエラーが出ます。",
            "windows-1252-8bit", "We’re seeing “Error 500” – it costs us €€ every hour.",
            "outlook-desktop", "the invoice shows €120 instead of €100.",
            "android-gmail-base64", "Das Problem besteht weiterhin – ich habe es neu installiert.",
            "outlook-web-html-only", "& we tried it on two laptops <both Windows>.",
            "latin1-subject-encoded", "Die Überweisung über 50",
            "forwarded-as-attachment", "[Attachment not kept: Broken link.eml (message/rfc822)]");
    for (Expected x : corpus) {
      String wanted = expectations.get(x.name());
      if (wanted == null) {
        continue;
      }
      String text =
          textOf.keySet().stream().filter(t -> t.contains(x.marker())).findFirst().orElseThrow();
      assertThat(text).as(x.name()).contains(wanted);
      assertThat(text)
          .doesNotContain("alert(")
          .doesNotContain("tracker.example")
          .doesNotContain("<script")
          .doesNotContain("<div");
    }
    for (Expected x : corpus) {
      if (!x.name().equals("gmail-inline-image-and-pdf")) {
        continue;
      }
      List<AttachmentView> files = all.get(x.target()).attachments();
      assertThat(files)
          .extracting(AttachmentView::fileName)
          .contains("screenshot.png", "invoice_2026-05.pdf");
    }
    for (Expected x : corpus) {
      if (x.name().equals("thunderbird")) {
        String text =
            textOf.keySet().stream().filter(t -> t.contains(x.marker())).findFirst().orElseThrow();
        assertThat(text).as("the signature is gone").doesNotContain("+1 555 0100");
      }
    }
  }

  private void outboundMailCarriesThreadingAndNoInternalNote() throws Exception {
    MimeMessage[] sent = desk.mail.getReceivedMessages();
    assertThat(sent).isNotEmpty();
    for (MimeMessage m : sent) {
      String ticket = subjectTicket(m.getSubject());
      assertThat(m.getMessageID()).startsWith("<").endsWith("@desk.example>");
      assertThat(m.getHeader("In-Reply-To", null))
          .isEqualTo("<ticket." + ticket + "@desk.example>");
      assertThat(m.getHeader("References", null)).contains("<ticket." + ticket + "@desk.example>");
      String replyTo = ((InternetAddress) m.getReplyTo()[0]).getAddress();
      assertThat(desk.tokens.verify(replyTo)).isEqualTo(new ReplyTokens.Verdict.Valid(ticket));
      assertThat(desk.store.ticketsOfSent(List.of(MessageKeys.of(m.getMessageID()))))
          .containsEntry(MessageKeys.of(m.getMessageID()), ticket);
      String to = ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
      if (!to.endsWith("@support.com")) {
        assertThat(text(m)).as("a customer's mail").doesNotContain("SECRET-NOTE");
      }
    }
  }

  private static String text(MimeMessage m) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    m.writeTo(out);
    return MimeReader.decode(out.toByteArray(), "UTF-8") + m.getContent();
  }

  private static String subjectTicket(String subject) {
    java.util.regex.Matcher m = Threading.SUBJECT_REFERENCE.matcher(subject);
    assertThat(m.find()).as(subject).isTrue();
    return m.group(1);
  }

  private static Received received(MimeMessage m) throws Exception {
    return new Received(
        subjectTicket(m.getSubject()),
        ((InternetAddress) m.getReplyTo()[0]).getAddress(),
        m.getMessageID(),
        m.getHeader("References", " "),
        m.getSubject());
  }

  private static String header(byte[] raw, String name) throws Exception {
    return MimeReader.parse(raw).getHeader(name, " ");
  }

  /** Polls with every inbound instance at once until the box has no unread message. */
  private void pollUntilEmpty(List<InboundMail> instances) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(instances.size());
    try {
      Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
      while (desk.unread() > 0) {
        assertThat(Instant.now()).as("box emptied in time").isBefore(deadline);
        List<Future<Integer>> rounds = new ArrayList<>();
        for (InboundMail inbound : instances) {
          ImapPoller poller = desk.poller(inbound);
          rounds.add(pool.submit(poller::pollOnce));
        }
        for (Future<Integer> round : rounds) {
          round.get();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
