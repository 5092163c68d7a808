package dev.ticketing.spring.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.TicketService;
import dev.ticketing.email.InboundMail;
import dev.ticketing.email.InboundResult;
import dev.ticketing.email.ReplyTokens;
import dev.ticketing.email.ThreadedEmailNotifier;
import dev.ticketing.memory.InMemoryMailStore;
import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.MailStore;
import dev.ticketing.spring.SpringFixtures;
import dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration;
import dev.ticketing.spring.mail.EmailNotifier;
import dev.ticketing.spring.mail.TicketingMailAutoConfiguration;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The e-mail channel's auto-configuration: with {@code ticketing.email.address} set, the threaded
 * notifier takes the e-mail channel's place, an inbound entry point exists, and a mail the customer
 * answers comes back to its ticket; without it, nothing of the channel; without a token key, start-up
 * fails with the reason.
 */
class TicketingEmailAutoConfigurationIT {

  @RegisterExtension
  final GreenMailExtension greenMail =
      new GreenMailExtension(
          new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                MailSenderAutoConfiguration.class,
                TicketingAutoConfiguration.class,
                TicketingEmailAutoConfiguration.class,
                TicketingMailAutoConfiguration.class))
        .withBean(Directory.class, () -> SpringFixtures.MODULE_PEOPLE)
        .withPropertyValues(
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=" + greenMail.getSmtp().getPort(),
            "ticketing.mail.from=Support Desk <support@desk.example>",
            "ticketing.outbox.enabled=false");
  }

  @Test
  void withoutAnAddressTheChannelIsOffAndThePlainNotifierStays() {
    runner()
        .run(
            context -> {
              assertThat(context).hasSingleBean(EmailNotifier.class);
              assertThat(context).doesNotHaveBean(InboundMail.class);
              assertThat(context).doesNotHaveBean(ThreadedEmailNotifier.class);
            });
  }

  @Test
  void withoutATokenKeyStartUpFailsWithTheReason() {
    runner()
        .withPropertyValues("ticketing.email.address=support@desk.example")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("ticketing.email.token-key"));
  }

  @Test
  void aMailedAnswerComesBackToItsTicket() {
    runner()
        .withPropertyValues(
            "ticketing.email.address=support@desk.example",
            "ticketing.email.from=Support Desk <support@desk.example>",
            "ticketing.email.token-key=0123456789abcdef0123456789abcdef",
            "ticketing.email.max-attachments=5")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(ThreadedEmailNotifier.class);
              assertThat(context).doesNotHaveBean(EmailNotifier.class);
              assertThat(context.getBean(MailStore.class)).isInstanceOf(InMemoryMailStore.class);
              InboundMail inbound = context.getBean(InboundMail.class);
              assertThat(inbound.limits().maxAttachments()).isEqualTo(5);

              TicketService service = context.getBean(TicketService.class);
              Actor john = Actor.customer("john", "acme");
              byte[] first =
                  ("From: John Doe <john@acme.com>\r\nTo: support@desk.example\r\nSubject: Printer"
                          + " on fire\r\nMessage-ID: <first@acme.com>\r\n\r\nIt smokes.\r\n")
                      .getBytes(StandardCharsets.UTF_8);
              InboundResult created = inbound.receive(first);
              assertThat(created.outcome()).isEqualTo(InboundResult.Outcome.CREATED);
              String ticket = created.ticketId();
              assertThat(service.ticket(john, ticket).ticket().title())
                  .isEqualTo("Printer on fire");

              service.assignTicket(Actor.admin("admin"), new AssignTicket(ticket, "sarah"));
              service.addComment(Actor.agent("sarah"), new AddComment(ticket, "Unplug it.", false));
              context.getBean(OutboxDispatcher.class).drain();
              MimeMessage answer =
                  java.util.Arrays.stream(greenMail.getReceivedMessages())
                      .filter(m -> hasRecipient(m, "john@acme.com"))
                      .findFirst()
                      .orElseThrow();
              String replyTo = ((InternetAddress) answer.getReplyTo()[0]).getAddress();
              assertThat(context.getBean(ReplyTokens.class).verify(replyTo))
                  .isEqualTo(new ReplyTokens.Verdict.Valid(ticket));
              assertThat(answer.getHeader("In-Reply-To", null)).contains(ticket);

              byte[] reply =
                  ("From: John Doe <john@acme.com>\r\nTo: "
                          + replyTo
                          + "\r\nSubject: Re: "
                          + answer.getSubject()
                          + "\r\nIn-Reply-To: "
                          + answer.getMessageID()
                          + "\r\nMessage-ID: <second@acme.com>\r\n\r\nDone, thanks.\r\n\r\n"
                          + "On Monday Support Desk wrote:\r\n> Unplug it.\r\n")
                      .getBytes(StandardCharsets.UTF_8);
              InboundResult replied = inbound.receive(reply);
              assertThat(replied.outcome()).isEqualTo(InboundResult.Outcome.REPLIED);
              assertThat(replied.ticketId()).isEqualTo(ticket);
              assertThat(service.ticket(john, ticket).comments())
                  .extracting(c -> c.content())
                  .containsExactly("Unplug it.", "Done, thanks.");
            });
  }

  private static boolean hasRecipient(MimeMessage m, String address) {
    try {
      return java.util.Arrays.stream(m.getAllRecipients())
          .anyMatch(a -> ((InternetAddress) a).getAddress().equals(address));
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
