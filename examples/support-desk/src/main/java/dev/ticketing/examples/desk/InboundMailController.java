package dev.ticketing.examples.desk;

import dev.ticketing.email.InboundMail;
import dev.ticketing.email.InboundResult;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import dev.ticketing.spring.security.ActorResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The e-mail channel's inbound endpoint (an extension of the desk, not part of either module's
 * API): a mail provider (SES through a small relay, Mailgun, SendGrid, Postmark) posts one raw RFC
 * 5322 message as the request body, {@code Content-Type: message/rfc822}, with the credentials of an
 * admin (HTTP Basic, which every provider can put in the webhook URL). The answer says what became
 * of the message: {@code 200} for every settled outcome (a refused message is not retried), {@code
 * 503} with {@code Retry-After} while another instance is processing the same message or the store
 * is away, so the provider delivers it again. The desk's general request size limit ({@code
 * desk.limits.http.max-request-size}) does not apply here: a message may be as large as the e-mail
 * channel takes ({@code ticketing.email.max-message-size}, 25 MiB by default, attachments
 * included). A larger one is answered 413 {@code PAYLOAD_TOO_LARGE} with nothing written: by its
 * {@code Content-Length} before anything is read, or, sent chunked, as soon as it passes the limit.
 */
@RestController
class InboundMailController {

  static final String PATH = "/mail/inbound";

  private final ObjectProvider<InboundMail> inbound;
  private final ActorResolver actors;
  private final DeskLimits limits;

  InboundMailController(
      ObjectProvider<InboundMail> inbound, ActorResolver actors, DeskLimits limits) {
    this.inbound = inbound;
    this.actors = actors;
    this.limits = limits;
  }

  /**
   * The largest body this endpoint takes: the e-mail channel's message limit, or the desk's general
   * request limit while the channel is not configured (every call is then refused anyway).
   */
  static long maxBytes(ObjectProvider<InboundMail> inbound, DeskLimits limits) {
    InboundMail mail = inbound.getIfAvailable();
    return mail != null
        ? mail.limits().maxMessageBytes()
        : limits.http().maxRequestSize().toBytes();
  }

  @PostMapping(PATH)
  ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
    InboundMail mail = inbound.getIfAvailable();
    if (mail == null) {
      return answer(
          HttpStatus.SERVICE_UNAVAILABLE, "NOT_CONFIGURED", null, "set ticketing.email.address");
    }
    Actor caller = actors.currentActor();
    if (caller.role() != Role.ADMIN && caller.role() != Role.SUPER_ADMIN) {
      return answer(HttpStatus.FORBIDDEN, "FORBIDDEN", null, "only an admin posts inbound mail");
    }
    long max = maxBytes(inbound, limits);
    byte[] raw =
        request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    if (raw.length > max) { // sent chunked: the filter left it to be read here, after sign-in
      Map<String, Object> body =
          ErrorResponses.body(
              PATH,
              DeskError.PAYLOAD_TOO_LARGE.name(),
              DeskError.PAYLOAD_TOO_LARGE.message(
                  "the request body is larger than " + max + " bytes"),
              Map.of("maxBytes", max));
      return ResponseEntity.status(DeskError.PAYLOAD_TOO_LARGE.status())
          .header(HttpHeaders.CONNECTION, "close")
          .body(body);
    }
    InboundResult result;
    try {
      result = mail.receive(raw);
    } catch (dev.ticketing.TicketingException retry) {
      return answer(HttpStatus.SERVICE_UNAVAILABLE, "RETRY", null, retry.getMessage());
    }
    HttpStatus status = result.settled() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
    return answer(status, result.outcome().name(), result.ticketId(), result.detail());
  }

  private static ResponseEntity<Map<String, Object>> answer(
      HttpStatus status, String outcome, @Nullable String ticketId, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("outcome", outcome);
    body.put("ticketId", ticketId);
    body.put("detail", detail);
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(status);
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      builder.header("Retry-After", "60");
    }
    return builder.body(body);
  }
}
