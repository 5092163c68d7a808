package dev.ticketing.examples.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With a local SMTP server configured ({@code spring.mail.host/port} and {@code
 * ticketing.mail.from}), the library mails each notification besides the log line: the GraphQL
 * ticket module's workflow 1 ends in an email to the admins. GreenMail stands in for the SMTP
 * server.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:desk-mail;DB_CLOSE_DELAY=-1",
      "ticketing.mail.from=Support Desk <support@desk.example>"
    })
@ExtendWith(OutputCaptureExtension.class)
class NotificationMailIT {
  static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

  @LocalServerPort int port;

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    SMTP.start();
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
  }

  @AfterAll
  static void stop() {
    SMTP.stop();
  }

  @Test
  void newTicketIsMailedToTheAdminsAndLogged(CapturedOutput output) throws Exception {
    DeskClient desk = new DeskClient(port);
    String id =
        desk.data(
                SupportDeskSuite.JOHN,
                """
        mutation { createTicket(createTicketInput: { title: "Unable to upload event images",
          description: "Error code: S3_UPLOAD_FAILED", priority: HIGH, category: TECHNICAL }) { id } }
        """)
            .path("createTicket")
            .path("id")
            .asString();

    assertThat(SMTP.waitForIncomingEmail(15_000, 2)).as("two mails (admin and root)").isTrue();
    MimeMessage[] mails = SMTP.getReceivedMessages();
    List<String> to =
        Arrays.stream(mails)
            .flatMap(
                m -> {
                  try {
                    return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .map(Object::toString);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .toList();
    assertThat(to)
        .containsExactlyInAnyOrder("Ada Admin <admin@support.com>", "Rita Root <root@support.com>");
    for (MimeMessage mail : mails) {
      assertThat(mail.getHeader("X-Ticketing-Template")).containsExactly("ticket-created");
      assertThat(mail.getFrom()[0].toString()).contains("support@desk.example");
      assertThat(mail.getSubject()).isNotBlank();
    }
    // The log is a channel of its own: it may deliver a moment after the mails.
    String logged = "notification ticket-created to admin about ticket " + id;
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!output.getOut().contains(logged) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(output.getOut()).contains(logged);
  }
}
