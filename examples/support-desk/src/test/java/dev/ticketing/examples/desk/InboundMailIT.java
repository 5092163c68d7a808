package dev.ticketing.examples.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.policy.Actor;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The desk's e-mail channel (an extension): a provider posts raw mail to {@code /mail/inbound} as an
 * admin, and in the {@code imap} profile the desk polls a GreenMail box; a customer's mail opens a
 * ticket in their company, the agent's answer goes out threaded, and the customer's reply to it
 * comes back to the same ticket.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:desk-inbound-mail;DB_CLOSE_DELAY=-1",
      // Small enough to pass in a test, far above the desk's general 256 KB request limit.
      "ticketing.email.max-message-size=2MB"
    })
@ActiveProfiles("imap")
class InboundMailIT {
  static final GreenMail MAIL = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

  @LocalServerPort int port;
  @Autowired TicketService tickets;

  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    MAIL.start();
    MAIL.setUser("support@desk.example", "support", "secret");
    registry.add("ticketing.email.imap.port", () -> MAIL.getImap().getPort());
    registry.add("ticketing.email.imap.interval", () -> "200ms");
    registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
  }

  @AfterAll
  static void stop() {
    MAIL.stop();
  }

  private static byte[] mail(String from, String to, String subject, String extra, String body) {
    return ("From: "
            + from
            + "\r\nTo: "
            + to
            + "\r\nSubject: "
            + subject
            + "\r\nMessage-ID: <"
            + UUID.randomUUID()
            + "@mail.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + extra
            + "\r\n"
            + body)
        .getBytes(StandardCharsets.UTF_8);
  }

  private HttpResponse<String> post(String login, byte[] raw) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mail/inbound"))
            .header("Authorization", DeskClient.basic(login))
            .header("Content-Type", "message/rfc822")
            .POST(HttpRequest.BodyPublishers.ofByteArray(raw))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aProviderPostOpensATicketOnceAndOnlyAnAdminMayPost() throws Exception {
    byte[] raw =
        mail(
            "John Doe <john@acme.com>",
            "support@desk.example",
            "Export broken",
            "",
            "It fails.\r\n");
    assertThat(post(SupportDeskSuite.JOHN, raw).statusCode()).isEqualTo(403);
    HttpResponse<String> created = post(SupportDeskSuite.ADMIN, raw);
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.body()).contains("\"outcome\":\"CREATED\"");
    HttpResponse<String> again = post(SupportDeskSuite.ADMIN, raw);
    assertThat(again.body()).contains("\"outcome\":\"DUPLICATE\"");
    List<TicketView> johns = tickets.myTickets(Actor.customer("john", "acme"));
    assertThat(johns).extracting(TicketView::title).containsOnlyOnce("Export broken");

    byte[] outOfOffice =
        mail(
            "John Doe <john@acme.com>",
            "support@desk.example",
            "Out of office",
            "Auto-Submitted: auto-replied\r\n",
            "Back on Monday.\r\n");
    assertThat(post(SupportDeskSuite.ADMIN, outOfOffice).body())
        .contains("\"outcome\":\"AUTOMATIC\"");
  }

  /** A message of about {@code attachmentBytes * 4 / 3} bytes: a text part and a PDF attachment. */
  private static byte[] withAttachment(String subject, int attachmentBytes) {
    byte[] pdf = new byte[attachmentBytes];
    new java.util.Random(7).nextBytes(pdf);
    String boundary = "b-" + UUID.randomUUID();
    String multipart = "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n";
    String body =
        "--"
            + boundary
            + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe invoice is attached.\r\n--"
            + boundary
            + "\r\nContent-Type: application/pdf; name=\"invoice.pdf\"\r\n"
            + "Content-Disposition: attachment; filename=\"invoice.pdf\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + java.util.Base64.getMimeEncoder().encodeToString(pdf)
            + "\r\n--"
            + boundary
            + "--\r\n";
    String head =
        new String(
                mail("John Doe <john@acme.com>", "support@desk.example", subject, "", ""),
                StandardCharsets.UTF_8)
            .replace("Content-Type: text/plain; charset=utf-8\r\n", multipart);
    return (head + body).getBytes(StandardCharsets.UTF_8);
  }

  private List<String> johnsTitles() {
    return tickets.myTickets(Actor.customer("john", "acme")).stream()
        .map(TicketView::title)
        .toList();
  }

  @Test
  void aMessageAboveTheGeneralRequestLimitIsTakenUpToTheMailLimit() throws Exception {
    byte[] megabyte = withAttachment("Invoice attached", 768 * 1024);
    assertThat(megabyte.length).isGreaterThan(1024 * 1024).isLessThan(2 * 1024 * 1024);

    HttpResponse<String> taken = post(SupportDeskSuite.ADMIN, megabyte);

    assertThat(taken.statusCode()).isEqualTo(200);
    assertThat(taken.body()).contains("\"outcome\":\"CREATED\"");
    TicketView ticket =
        tickets.myTickets(Actor.customer("john", "acme")).stream()
            .filter(t -> t.title().equals("Invoice attached"))
            .findFirst()
            .orElseThrow();
    assertThat(tickets.ticket(Actor.customer("john", "acme"), ticket.id()).attachments())
        .extracting(a -> a.fileName())
        .containsExactly("invoice.pdf");
  }

  @Test
  void aMessageOverTheMailLimitIsRefusedWithACodeAndNothingWritten() throws Exception {
    // Announced by its length: refused before a byte of it is read.
    RawHttp.Answer announced =
        RawHttp.announceAndSendPart(
            port,
            "/mail/inbound",
            java.util.Map.of("Authorization", DeskClient.basic(SupportDeskSuite.ADMIN)),
            3L * 1024 * 1024,
            64 * 1024,
            10_000);
    assertThat(announced.status()).isEqualTo(413);
    assertThat(announced.body())
        .contains("\"code\":\"PAYLOAD_TOO_LARGE\"")
        .contains("\"maxBytes\":" + 2 * 1024 * 1024);

    // Sent chunked (no length): read up to the limit, then refused.
    byte[] tooLarge = withAttachment("Too large", 1_600 * 1024);
    assertThat(tooLarge.length).isGreaterThan(2 * 1024 * 1024);
    HttpResponse<String> chunked =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mail/inbound"))
                .header("Authorization", DeskClient.basic(SupportDeskSuite.ADMIN))
                .header("Content-Type", "message/rfc822")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(tooLarge)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(chunked.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");

    assertThat(johnsTitles()).doesNotContain("Too large");
  }

  @Test
  void thePolledBoxThreadsTheCustomersReplyToTheAgentsAnswer() throws Exception {
    deliver(
        mail(
            "Jane Smith <jane@globex.com>",
            "support@desk.example",
            "Invoice missing",
            "",
            "Where is it?\r\n"));
    Actor jane = Actor.customer("jane", "globex");
    TicketView ticket =
        await(
            () ->
                tickets.myTickets(jane).stream()
                    .filter(t -> t.title().equals("Invoice missing"))
                    .findFirst()
                    .orElse(null));
    assertThat(ticket.company().id()).isEqualTo("globex");

    tickets.assignTicket(
        Actor.admin("admin"), new dev.ticketing.AssignTicket(ticket.id(), "sarah"));
    tickets.addComment(
        Actor.agent("sarah"), new dev.ticketing.AddComment(ticket.id(), "Sent it again.", false));
    MimeMessage answer =
        await(
            () ->
                java.util.Arrays.stream(MAIL.getReceivedMessages())
                    .filter(
                        m -> to(m).equals("jane@globex.com") && subject(m).contains(ticket.id()))
                    .findFirst()
                    .orElse(null));
    String replyTo = ((InternetAddress) answer.getReplyTo()[0]).getAddress();
    assertThat(replyTo).startsWith("support+" + ticket.id() + ".");
    assertThat(answer.getHeader("References", null)).contains(ticket.id());

    deliver(
        mail(
            "Jane Smith <jane@globex.com>",
            replyTo,
            "Re: " + answer.getSubject(),
            "In-Reply-To: " + answer.getMessageID() + "\r\n",
            "Got it, thanks!\r\n\r\nOn Monday Support Desk wrote:\r\n> Sent it again.\r\n"));
    await(
        () ->
            tickets.ticket(jane, ticket.id()).comments().stream()
                .filter(c -> c.content().equals("Got it, thanks!"))
                .findFirst()
                .orElse(null));
  }

  private static void deliver(byte[] raw) throws Exception {
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", "127.0.0.1");
    p.setProperty("mail.smtp.port", String.valueOf(MAIL.getSmtp().getPort()));
    Session session = Session.getInstance(p);
    MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(raw));
    try (Transport t = session.getTransport("smtp")) {
      t.connect();
      t.sendMessage(m, new Address[] {new InternetAddress("support@desk.example")});
    }
  }

  private static String to(MimeMessage m) {
    try {
      return ((InternetAddress) m.getAllRecipients()[0]).getAddress();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T await(java.util.concurrent.Callable<T> probe) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      T value = probe.call();
      if (value != null) {
        return value;
      }
      assertThat(Instant.now()).as("in time").isBefore(deadline);
      Thread.sleep(200);
    }
  }
}
