package dev.ticketing.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.CreateTicket;
import dev.ticketing.TicketFilter;
import dev.ticketing.Ticketing;
import dev.ticketing.email.InboundResult.Outcome;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemoryMailStore;
import dev.ticketing.testsupport.SamplePeople;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Messages over a limit, attachment bombs, deeply nested and malformed MIME: a logged refusal, and
 * nothing written, not even the files that came before the one over the limit.
 */
class InboundLimitsTest {

  private final InMemoryBlobStore blobs = new InMemoryBlobStore();
  private final Ticketing ticketing =
      Ticketing.builder()
          .directory(SamplePeople.directory())
          .blobStore(blobs)
          .backgroundDispatch(false)
          .backgroundSweep(false)
          .build();
  private final InMemoryMailStore store = new InMemoryMailStore();
  private final ReplyTokens tokens = new ReplyTokens(MailDesk.KEY, MailDesk.SUPPORT);
  private final List<byte[]> uploads = new ArrayList<>();

  @AfterEach
  void close() {
    ticketing.close();
  }

  private InboundMail inbound(MailLimits limits) {
    return InboundMail.builder()
        .service(ticketing.service())
        .directory(SamplePeople.directory())
        .tokens(tokens)
        .store(store)
        .limits(limits)
        .uploader(
            (upload, type, bytes) -> {
              uploads.add(bytes);
              blobs.upload(upload.uploadUrl(), type, bytes);
            })
        .build();
  }

  private int tickets() {
    return ticketing.service().tickets(SamplePeople.ROOT, TicketFilter.none()).size();
  }

  private static Eml john(String subject) {
    return Eml.message()
        .header("From", "John Doe <john@acme.com>")
        .header("To", MailDesk.SUPPORT)
        .header("Subject", subject)
        .header("Message-ID", ClientStyles.id("acme.com"))
        .header("MIME-Version", "1.0");
  }

  private static byte[] withFiles(int count, int bytesEach) {
    String[] parts = new String[count + 1];
    parts[0] = Eml.part("text/plain", StandardCharsets.UTF_8, "7bit", "see the files", "");
    for (int i = 1; i <= count; i++) {
      parts[i] = Eml.file("image/png", "shot" + i + ".png", new byte[bytesEach], "attachment", "");
    }
    return john("files")
        .header("Content-Type", "multipart/mixed; boundary=\"b\"")
        .body(Eml.multipart("b", parts))
        .bytes();
  }

  private static byte[] nested(int depth) {
    String body = Eml.part("text/plain", StandardCharsets.UTF_8, "7bit", "deep inside", "");
    for (int d = depth; d >= 1; d--) {
      body =
          "Content-Type: multipart/mixed; boundary=\"b"
              + d
              + "\"\r\n\r\n"
              + Eml.multipart("b" + d, body);
    }
    int split = body.indexOf("\r\n\r\n");
    return john("nested")
        .header("Content-Type", body.substring("Content-Type: ".length(), split))
        .body(body.substring(split + 4))
        .bytes();
  }

  @Test
  void anAttachmentBombIsRefusedWholeWithNothingWritten() {
    InboundResult result = inbound(MailLimits.defaults()).receive(withFiles(21, 64));
    assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(result.detail()).startsWith("too_many_attachments");
    assertThat(tickets()).isZero();
    assertThat(uploads).isEmpty();
  }

  @Test
  void anAttachmentOverTheSizeLimitRefusesTheMessageBeforeAnyFileIsStored() {
    MailLimits limits = MailLimits.defaults().withAttachments(20, 1_000);
    InboundResult result = inbound(limits).receive(withFiles(3, 2_000));
    assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(result.detail()).startsWith("attachment_too_large");
    assertThat(tickets()).isZero();
    assertThat(uploads).isEmpty();
  }

  @Test
  void withinTheLimitsEveryFileIsStored() {
    InboundResult result = inbound(MailLimits.defaults()).receive(withFiles(3, 100));
    assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(ticketing.service().ticket(SamplePeople.ROOT, result.ticketId()).attachments())
        .hasSize(3);
  }

  @Test
  void deeplyNestedMimeIsRefused() {
    InboundResult ok = inbound(MailLimits.defaults()).receive(nested(MailLimits.DEFAULT_MAX_DEPTH));
    assertThat(ok.outcome()).isEqualTo(Outcome.CREATED);
    InboundResult deep =
        inbound(MailLimits.defaults()).receive(nested(MailLimits.DEFAULT_MAX_DEPTH + 1));
    assertThat(deep.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(deep.detail()).startsWith("too_deep");
    assertThat(tickets()).isEqualTo(1);
  }

  @Test
  void tooManyPartsAreRefused() {
    MailLimits limits = MailLimits.defaults().withStructure(8, 10).withAttachments(50, 1_000);
    InboundResult result = inbound(limits).receive(withFiles(12, 10));
    assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(result.detail()).startsWith("too_many_parts");
    assertThat(tickets()).isZero();
  }

  @Test
  void aHugeMessageIsRefusedBeforeItIsRead() {
    MailLimits limits = MailLimits.defaults().withMaxMessageBytes(10_000);
    InboundResult result = inbound(limits).receive(withFiles(1, 20_000));
    assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(result.detail()).isEqualTo("message too large");
    assertThat(tickets()).isZero();
  }

  @Test
  void malformedMimeIsRefusedOrReadWithoutHalfWrites() {
    byte[] noSender =
        Eml.message()
            .header("Subject", "who?")
            .header("Message-ID", "<x1@y>")
            .body("text\n")
            .bytes();
    assertThat(inbound(MailLimits.defaults()).receive(noSender).outcome())
        .isEqualTo(Outcome.REFUSED);
    byte[] brokenBase64 =
        john("broken")
            .header("Content-Type", "multipart/mixed; boundary=\"b\"")
            .body(
                "--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b\r\nContent-Type: image/png\r\n"
                    + "Content-Disposition: attachment; filename=a.png\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + "!!!not base64 at all###\r\n--b--\r\n")
            .bytes();
    InboundResult broken = inbound(MailLimits.defaults()).receive(brokenBase64);
    assertThat(broken.outcome()).isIn(Outcome.REFUSED, Outcome.CREATED);
    byte[] garbage = new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe, '\r', '\n', '\r', '\n'};
    assertThat(inbound(MailLimits.defaults()).receive(garbage).outcome())
        .isEqualTo(Outcome.REFUSED);
    assertThat(tickets()).isLessThanOrEqualTo(1);
  }

  @Test
  void aFileOfATypeTheEngineDoesNotTakeIsLeftOutAndNamed() {
    byte[] raw =
        john("exe")
            .header("Content-Type", "multipart/mixed; boundary=\"b\"")
            .body(
                Eml.multipart(
                    "b",
                    Eml.part("text/plain", StandardCharsets.UTF_8, "7bit", "please run this", ""),
                    Eml.file(
                        "application/x-msdownload",
                        "setup.exe",
                        new byte[] {'M', 'Z'},
                        "attachment",
                        "")))
            .bytes();
    InboundResult result = inbound(MailLimits.defaults()).receive(raw);
    assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
    var details = ticketing.service().ticket(SamplePeople.ROOT, result.ticketId());
    assertThat(details.attachments()).isEmpty();
    assertThat(details.ticket().description())
        .contains("please run this")
        .contains("[Attachment not kept: setup.exe (application/x-msdownload)]");
  }

  @Test
  void aLongMessageIsCutToWhatTheEngineTakes() {
    byte[] raw = john("long").body("x".repeat(30_000) + "\n").bytes();
    InboundResult result = inbound(MailLimits.defaults()).receive(raw);
    assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
    String description =
        ticketing.service().ticket(SamplePeople.ROOT, result.ticketId()).ticket().description();
    assertThat(description).hasSize(MailLimits.DEFAULT_MAX_TEXT_CHARS).endsWith("was cut]");
  }

  @Test
  void theSameMessageTwiceIsProcessedOnce() {
    byte[] raw = john("twice").body("once only\n").bytes();
    InboundMail a = inbound(MailLimits.defaults());
    InboundMail b = inbound(MailLimits.defaults());
    InboundResult first = a.receive(raw);
    InboundResult second = b.receive(raw);
    assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(second.ticketId()).isEqualTo(first.ticketId());
    assertThat(tickets()).isEqualTo(1);
  }

  @Test
  void staffMailMatchingNoTicketIsRefusedAndAReplyFromStaffIsPublic() {
    var ticket =
        ticketing
            .service()
            .createTicket(SamplePeople.JOHN, CreateTicket.of("Printer", "jammed", "acme"));
    byte[] stray =
        Eml.message()
            .header("From", "Rob Root <root@support.com>")
            .header("To", MailDesk.SUPPORT)
            .header("Subject", "hello")
            .header("Message-ID", ClientStyles.id("support.com"))
            .body("no ticket here\n")
            .bytes();
    assertThat(inbound(MailLimits.defaults()).receive(stray).outcome()).isEqualTo(Outcome.REFUSED);
    byte[] reply =
        Eml.message()
            .header("From", "Rob Root <root@support.com>")
            .header("To", tokens.replyAddress(ticket.id()))
            .header("Subject", "Re: Printer")
            .header("Message-ID", ClientStyles.id("support.com"))
            .body("Try turning it off and on.\n\nOn Monday John wrote:\n> jammed\n")
            .bytes();
    InboundResult result = inbound(MailLimits.defaults()).receive(reply);
    assertThat(result.outcome()).isEqualTo(Outcome.REPLIED);
    var comments = ticketing.service().ticket(SamplePeople.JOHN, ticket.id()).comments();
    assertThat(comments)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.content()).isEqualTo("Try turning it off and on.");
              assertThat(c.internal()).isFalse();
            });
  }
}
