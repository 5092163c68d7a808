package dev.ticketing.spring.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.ExternalNote;
import dev.ticketing.ResolveOutcome;
import dev.ticketing.Status;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.notification.MessageTemplates;
import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spring.SpringFixtures;
import dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration;
import dev.ticketing.spring.autoconfigure.TicketingClock;
import dev.ticketing.spring.autoconfigure.TicketingNotificationEvent;
import dev.ticketing.spring.webhook.TicketingWebhookAutoConfiguration;
import dev.ticketing.testsupport.MutableClock;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Email notifications end to end through a real SMTP server (GreenMail on a random loopback port):
 * Boot's mail auto-configuration makes the {@link JavaMailSender}, ours adds the {@link
 * EmailNotifier}, and the workflows of the GraphQL ticket module and the Comdeall support module
 * produce exactly the expected mails. The dispatcher runs on demand ({@code
 * ticketing.outbox.enabled=false} and {@code drain()}) for determinism.
 */
class TicketingMailIT {

  static final Actor JOHN = Actor.customer("john", "acme");
  static final Actor JANE = Actor.customer("jane", "globex");
  static final Actor SARAH = Actor.agent("sarah");
  static final Actor ADMIN = Actor.admin("admin");

  /** The people of the GraphQL ticket module's examples. */
  static final InMemoryDirectory DIRECTORY = SpringFixtures.MODULE_PEOPLE;

  @RegisterExtension
  final GreenMailExtension greenMail =
      new GreenMailExtension(
          new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  private final MutableClock clock = MutableClock.frozen(Instant.parse("2025-10-07T10:30:00Z"));

  private ApplicationContextRunner runner(int smtpPort) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                MailSenderAutoConfiguration.class,
                TicketingAutoConfiguration.class,
                TicketingMailAutoConfiguration.class,
                TicketingWebhookAutoConfiguration.class))
        .withBean(Directory.class, () -> DIRECTORY)
        .withBean(TicketingClock.class, () -> new TicketingClock(clock))
        .withPropertyValues(
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=" + smtpPort,
            "spring.mail.properties.mail.smtp.connectiontimeout=2000",
            "spring.mail.properties.mail.smtp.timeout=2000",
            "ticketing.mail.from=Support Desk <support@desk.example>",
            "ticketing.outbox.enabled=false");
  }

  private ApplicationContextRunner runner() {
    return runner(greenMail.getSmtp().getPort());
  }

  /** A received mail, decoded. */
  record Mail(
      String to,
      String subject,
      String text,
      String html,
      String deliveryId,
      String messageId,
      String template) {

    static Mail of(MimeMessage m) {
      try {
        Address[] to = m.getRecipients(Message.RecipientType.TO);
        assertThat(to).hasSize(1);
        Object content = m.getContent();
        assertThat(content).as("multipart/alternative mail").isInstanceOf(MimeMultipart.class);
        MimeMultipart alternative = (MimeMultipart) content;
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getCount()).isEqualTo(2);
        BodyPart text = alternative.getBodyPart(0);
        BodyPart html = alternative.getBodyPart(1);
        assertThat(text.getContentType())
            .startsWith("text/plain")
            .containsIgnoringCase("charset=UTF-8");
        assertThat(html.getContentType())
            .startsWith("text/html")
            .containsIgnoringCase("charset=UTF-8");
        // SMTP carries CRLF line ends; the templates are written with LF.
        return new Mail(
            ((InternetAddress) to[0]).getAddress(),
            m.getSubject(),
            lf((String) text.getContent()),
            lf((String) html.getContent()),
            m.getHeader(EmailNotifier.DELIVERY_HEADER, null),
            m.getMessageID(),
            m.getHeader(EmailNotifier.TEMPLATE_HEADER, null));
      } catch (MessagingException | IOException e) {
        throw new AssertionError(e);
      }
    }

    private static String lf(String s) {
      return s.replace("\r\n", "\n");
    }
  }

  /** Delivers what is due and returns the mails that arrived since the last call. */
  private final class Inbox {
    private final AssertableApplicationContext context;
    private final com.icegreen.greenmail.base.GreenMailOperations server;
    private final java.util.Set<String> seen = new java.util.HashSet<>();

    Inbox(
        AssertableApplicationContext context,
        com.icegreen.greenmail.base.GreenMailOperations server) {
      this.context = context;
      this.server = server;
    }

    /** GreenMail lists mails by mailbox, not by arrival: new ones are those with an unseen Message-ID. */
    List<Mail> deliver() {
      context.getBean(OutboxDispatcher.class).drain();
      return Arrays.stream(server.getReceivedMessages())
          .map(Mail::of)
          .filter(m -> seen.add(m.messageId()))
          .toList();
    }
  }

  private void run(ApplicationContextRunner runner, Consumer<Inbox> test) {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed().hasSingleBean(EmailNotifier.class);
          test.accept(new Inbox(context, greenMail));
        });
  }

  private static TicketService service(Inbox inbox) {
    return inbox.context.getBean(TicketService.class);
  }

  // ------------------------------------------------------------------ GraphQL ticket module

  @Test
  @DisplayName(
      "GraphQL ticket module workflows 1-3: exactly the expected mails, subjects and bodies; the internal note never to the customer")
  void graphQlModuleWorkflows() {
    run(
        runner(),
        inbox -> {
          TicketService tickets = service(inbox);

          // Workflow 1: the customer creates a ticket -> the admins.
          TicketView t =
              tickets.createTicket(
                  JOHN,
                  new CreateTicket(
                      "Unable to upload event images",
                      "Error code: S3_UPLOAD_FAILED",
                      dev.ticketing.Priority.HIGH,
                      dev.ticketing.Category.TECHNICAL,
                      "acme"));
          List<Mail> created = inbox.deliver();
          assertThat(created)
              .extracting(Mail::to)
              .containsExactlyInAnyOrder("admin@support.com", "root@support.com");
          assertThat(created)
              .allSatisfy(
                  m -> {
                    assertThat(m.subject())
                        .isEqualTo("New Support Ticket: Unable to upload event images");
                    assertThat(m.template()).isEqualTo("ticket-created");
                    assertThat(m.text())
                        .contains(
                            "John Doe opened a new support ticket.", "Priority:  HIGH", t.id());
                    assertThat(m.html())
                        .contains("<strong>John Doe</strong> opened a new support ticket.");
                  });
          assertThat(created.get(0).text())
              .startsWith(
                  created.get(0).to().startsWith("admin") ? "Hello Ada Admin," : "Hello Rob Root,");

          // Workflow 2: assign -> the agent; the agent's public reply -> the customer.
          tickets.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
          assertThat(inbox.deliver())
              .singleElement()
              .satisfies(
                  m -> {
                    assertThat(m.to()).isEqualTo("sarah@support.com");
                    assertThat(m.subject())
                        .isEqualTo("Support Ticket Assigned to You: Unable to upload event images");
                    assertThat(m.text())
                        .startsWith("Hello Sarah Support,")
                        .contains(
                            "Ada Admin assigned a support ticket to you.",
                            "Status:    IN_PROGRESS");
                  });
          tickets.addComment(
              SARAH,
              new AddComment(
                  t.id(),
                  "I've checked the S3 bucket permissions and they look correct. Can you try again?",
                  false));
          assertThat(inbox.deliver())
              .singleElement()
              .satisfies(
                  m -> {
                    assertThat(m.to()).isEqualTo("john@acme.com");
                    assertThat(m.subject())
                        .isEqualTo("New Reply on Support Ticket: Unable to upload event images");
                    assertThat(m.text())
                        .startsWith("Hello John Doe,")
                        .contains(
                            "Sarah Support replied on the support ticket.", "Can you try again?");
                    assertThat(m.html()).contains("I&#39;ve checked the S3 bucket permissions");
                  });

          // The internal note -> the assignee only.
          tickets.addComment(
              ADMIN,
              new AddComment(
                  t.id(), "Customer has exceeded storage quota. Need to upgrade plan.", true));
          assertThat(inbox.deliver())
              .singleElement()
              .satisfies(
                  m -> {
                    assertThat(m.to()).isEqualTo("sarah@support.com");
                    assertThat(m.subject())
                        .isEqualTo("Internal Note Added: Unable to upload event images");
                    assertThat(m.text()).contains("Customer has exceeded storage quota.");
                  });

          // Workflow 3: resolve -> the customer; the customer reopens -> the assignee; close -> the
          // customer.
          tickets.changeStatus(SARAH, new ChangeStatus(t.id(), Status.RESOLVED));
          assertThat(inbox.deliver())
              .singleElement()
              .satisfies(
                  m -> {
                    assertThat(m.to()).isEqualTo("john@acme.com");
                    assertThat(m.subject())
                        .isEqualTo("Support Ticket Resolved: Unable to upload event images");
                    assertThat(m.text())
                        .contains(
                            "Your support ticket has been resolved by Sarah Support.",
                            "Status:    RESOLVED");
                  });
          tickets.changeStatus(JOHN, new ChangeStatus(t.id(), Status.REOPENED));
          assertThat(inbox.deliver())
              .singleElement()
              .satisfies(
                  m -> {
                    assertThat(m.to()).isEqualTo("sarah@support.com");
                    assertThat(m.subject())
                        .isEqualTo("Support Ticket Reopened: Unable to upload event images");
                    assertThat(m.text()).contains("John Doe reopened a support ticket.");
                  });
          tickets.changeStatus(SARAH, new ChangeStatus(t.id(), Status.RESOLVED));
          tickets.changeStatus(ADMIN, new ChangeStatus(t.id(), Status.CLOSED));
          // Both due at once: the outbox promises no order between them.
          assertThat(inbox.deliver())
              .extracting(Mail::to, Mail::subject)
              .containsExactlyInAnyOrder(
                  org.assertj.core.groups.Tuple.tuple(
                      "john@acme.com", "Support Ticket Resolved: Unable to upload event images"),
                  org.assertj.core.groups.Tuple.tuple(
                      "john@acme.com", "Support Ticket Closed: Unable to upload event images"));

          // Nothing the customer received mentions the internal note.
          List<Mail> toJohn =
              Arrays.stream(greenMail.getReceivedMessages())
                  .map(Mail::of)
                  .filter(m -> m.to().equals("john@acme.com"))
                  .toList();
          assertThat(toJohn)
              .hasSize(4)
              .allSatisfy(
                  m -> {
                    assertThat(m.text() + m.html() + m.subject())
                        .doesNotContain("storage quota", "Internal Note");
                  });
          // Every mail carries its notification id as idempotency key, in its Message-ID too.
          assertThat(greenMail.getReceivedMessages()).hasSize(9);
          assertThat(Arrays.stream(greenMail.getReceivedMessages()).map(Mail::of))
              .allSatisfy(
                  m -> {
                    assertThat(m.deliveryId()).isNotBlank();
                    assertThat(m.messageId()).isEqualTo("<" + m.deliveryId() + "@desk.example>");
                  })
              .extracting(Mail::deliveryId)
              .doesNotHaveDuplicates();
        });
  }

  @Test
  @DisplayName(
      "a title with <script> arrives escaped in the HTML part and as written in the text part; the subject stays one line")
  void htmlEscaping() throws MessagingException {
    run(
        runner(),
        inbox -> {
          service(inbox)
              .createTicket(
                  JOHN, CreateTicket.of("<script>alert(\"x\")</script> & more", "Body", "acme"));
          assertThat(inbox.deliver())
              .hasSize(2)
              .allSatisfy(
                  m -> {
                    assertThat(m.html())
                        .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more")
                        .doesNotContain("<script>");
                    assertThat(m.text()).contains("<script>alert(\"x\")</script> & more");
                    assertThat(m.subject())
                        .isEqualTo("New Support Ticket: <script>alert(\"x\")</script> & more");
                  });
        });
    MimeMessage raw = greenMail.getReceivedMessages()[0];
    assertThat(raw.getFrom())
        .extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly("support@desk.example");
    assertThat(raw.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
  }

  // ------------------------------------------------------------------ Comdeall support module

  @Test
  @DisplayName(
      "Comdeall support module: a note from the host's system -> the owner with the note's content; admin bulk resolve -> each owner")
  void comdeallFlows() {
    run(
        runner()
            .withPropertyValues(
                "ticketing.notifications.resolution-notice-only-from-staff=true",
                "ticketing.notifications.disabled=ticket-created"),
        inbox -> {
          TicketService tickets = service(inbox);
          TicketView johns =
              tickets.createTicket(
                  JOHN, CreateTicket.of("Payment failed", "Card declined", "acme"));
          TicketView janes =
              tickets.createTicket(
                  JANE, CreateTicket.of("Session missing", "Where is it?", "globex"));
          assertThat(inbox.deliver()).as("ticket-created is switched off").isEmpty();

          tickets.recordExternalNote(
              ADMIN,
              new ExternalNote(
                  "note-uuid",
                  johns.id(),
                  "We refunded the payment.\nSee you.",
                  Instant.parse("2025-10-07T12:00:00Z"),
                  false));
          tickets.recordExternalNote(
              ADMIN,
              new ExternalNote(
                  "note-uuid",
                  johns.id(),
                  "We refunded the payment.\nSee you.",
                  Instant.parse("2025-10-07T12:00:00Z"),
                  false)); // Hasura delivers twice: recorded and mailed once
          assertThat(inbox.deliver())
              .singleElement()
              .satisfies(
                  m -> {
                    assertThat(m.to()).isEqualTo("john@acme.com");
                    assertThat(m.template()).isEqualTo("note-added");
                    assertThat(m.subject()).isEqualTo("New Note Added: Payment failed");
                    assertThat(m.text())
                        .contains(
                            "A new note has been added to your support ticket.",
                            "We refunded the payment.\nSee you.");
                    assertThat(m.html()).contains("We refunded the payment.\nSee you.");
                  });

          Map<String, ResolveOutcome> outcomes =
              tickets.resolveTickets(ADMIN, List.of(johns.id(), janes.id()));
          assertThat(outcomes).containsValues(ResolveOutcome.RESOLVED, ResolveOutcome.RESOLVED);
          assertThat(inbox.deliver())
              .extracting(Mail::to, Mail::subject)
              .containsExactlyInAnyOrder(
                  org.assertj.core.groups.Tuple.tuple(
                      "john@acme.com", "Support Ticket Resolved: Payment failed"),
                  org.assertj.core.groups.Tuple.tuple(
                      "jane@globex.com", "Support Ticket Resolved: Session missing"));
        });
  }

  // ------------------------------------------------------------------ outage

  @Test
  @DisplayName(
      "the mail server is down for a while: operations succeed, nothing is lost, each mail arrives once when it is back")
  void mailServerDownForAWhile() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port =
          probe.getLocalPort(); // free now, and nobody listens there until we start GreenMail on it
    }
    int smtpPort = port;
    runner(smtpPort)
        .withPropertyValues(
            "ticketing.outbox.max-retries=10",
            "ticketing.outbox.initial-delay=10s",
            "ticketing.outbox.multiplier=2")
        .withBean(EventCounter.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              TicketService tickets = context.getBean(TicketService.class);
              OutboxDispatcher dispatcher = context.getBean(OutboxDispatcher.class);
              TicketStore store = context.getBean(TicketStore.class);
              EventCounter events = context.getBean(EventCounter.class);
              String mail =
                  "ticketingEmailNotifier"; // the channel of the EmailNotifier bean, named by its
              // bean name
              assertThat(dispatcher.channels()).containsExactlyInAnyOrder(mail, "events");

              TicketView t =
                  tickets.createTicket(JOHN, CreateTicket.of("Printer on fire", "Smoke", "acme"));
              tickets.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
              tickets.addComment(SARAH, new AddComment(t.id(), "On my way", false));
              assertThat(tickets.ticket(JOHN, t.id()).ticket().status())
                  .isEqualTo(Status.IN_PROGRESS);

              // 3 requests resolved; admin, root, sarah, john: 4 mails refused, 4 events published.
              assertThat(dispatcher.drain()).isEqualTo(3 + 8);
              assertThat(events.deliveries).hasSize(4).doesNotHaveDuplicates();
              clock.advance(Duration.ofSeconds(10));
              assertThat(dispatcher.drain()).as("the mails only: events are done").isEqualTo(4);
              assertThat(dispatcher.drain()).as("nothing due before the back-off").isZero();
              assertThat(dispatcher.counts().get(mail))
                  .containsEntry(OutboxState.PENDING, 4L)
                  .containsEntry(OutboxState.DEAD, 0L);
              assertThat(dispatcher.counts().get("events")).containsEntry(OutboxState.PENDING, 0L);
              List<OutboxEntry> waiting = dispatcher.entries(OutboxState.PENDING, mail, 10);
              assertThat(waiting)
                  .hasSize(4)
                  .allSatisfy(
                      e -> {
                        assertThat(e.attempts()).isEqualTo(2);
                        assertThat(e.lastError()).contains("Mail");
                      });

              GreenMail back =
                  new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
              back.start();
              try {
                clock.advance(Duration.ofSeconds(21));
                assertThat(dispatcher.drain()).isEqualTo(4);
                clock.advance(Duration.ofMinutes(30));
                assertThat(dispatcher.drain()).as("delivered once, not again").isZero();

                List<Mail> mails = Arrays.stream(back.getReceivedMessages()).map(Mail::of).toList();
                assertThat(mails)
                    .extracting(Mail::to)
                    .containsExactlyInAnyOrder(
                        "admin@support.com",
                        "root@support.com",
                        "sarah@support.com",
                        "john@acme.com");
                assertThat(mails)
                    .extracting(Mail::deliveryId)
                    .doesNotContainNull()
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(
                        waiting.stream().map(OutboxEntry::id).toList());
                assertThat(events.deliveries)
                    .as("the mail outage never re-published an event")
                    .hasSize(4);
                assertThat(store.outbox().pendingCount()).isZero();
              } finally {
                back.stop();
              }
            });
  }

  /** Counts the events channel's deliveries. */
  static final class EventCounter {
    final List<String> deliveries = new java.util.concurrent.CopyOnWriteArrayList<>();

    @org.springframework.context.event.EventListener
    void on(TicketingNotificationEvent event) {
      deliveries.add(event.deliveryId());
    }
  }

  // ------------------------------------------------------------------ conditions

  @Test
  @DisplayName("no ticketing.mail.from, no JavaMailSender, or no mail classes: no EmailNotifier")
  void conditions() {
    int port = greenMail.getSmtp().getPort();
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                MailSenderAutoConfiguration.class,
                TicketingAutoConfiguration.class,
                TicketingMailAutoConfiguration.class))
        .withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=" + port)
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(EmailNotifier.class)
                    .doesNotHaveBean(MessageTemplates.class));
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                MailSenderAutoConfiguration.class,
                TicketingAutoConfiguration.class,
                TicketingMailAutoConfiguration.class))
        .withPropertyValues("ticketing.mail.from=support@desk.example")
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(JavaMailSender.class)
                    .doesNotHaveBean(EmailNotifier.class));
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                MailSenderAutoConfiguration.class,
                TicketingAutoConfiguration.class,
                TicketingMailAutoConfiguration.class))
        .withPropertyValues(
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=" + port,
            "ticketing.mail.from=support@desk.example")
        .run(
            context ->
                assertThat(context)
                    .as("with the default directory")
                    .hasNotFailed()
                    .hasSingleBean(EmailNotifier.class)
                    .hasSingleBean(MessageTemplates.class));
    runner()
        .withClassLoader(new FilteredClassLoader(JavaMailSender.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EmailNotifier.class));
    runner()
        .withPropertyValues("ticketing.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EmailNotifier.class));
    runner()
        .withPropertyValues("ticketing.mail.from=not an address")
        .run(context -> assertThat(context).hasFailed());
    runner()
        .withPropertyValues(
            "ticketing.mail.template-prefix=mail/custom", "ticketing.mail.locale=de_CH")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(TicketingMailProperties.class).locale())
                  .isEqualTo(java.util.Locale.forLanguageTag("de-CH"));
            });
  }
}
