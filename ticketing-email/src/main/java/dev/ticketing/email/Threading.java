package dev.ticketing.email;

import dev.ticketing.TicketService;
import dev.ticketing.TicketingException;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.MailStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the ticket a mail answers, in this order: a signed token in a recipient address, then the
 * {@code In-Reply-To} and {@code References} ids against the mails the library sent (and the mails
 * that opened tickets), then a {@code [#ticket id]} reference in the subject. Every candidate must
 * be a ticket the sender may see: a forged token, or a ticket of another company, is logged and
 * passed over, and the search goes on (in the end, a new ticket for the sender's own company).
 */
final class Threading {

  private static final Logger log = LoggerFactory.getLogger(Threading.class);

  /** {@code [#id]} as the outbound subjects write it. */
  static final Pattern SUBJECT_REFERENCE = Pattern.compile("\\[#([A-Za-z0-9._:@-]{1,128})\\]");

  /** How a mail was matched. */
  enum Via {
    TOKEN,
    HEADERS,
    SUBJECT
  }

  record Match(String ticketId, Via via) {}

  private final TicketService service;
  private final ReplyTokens tokens;
  private final MailStore store;

  Threading(TicketService service, ReplyTokens tokens, MailStore store) {
    this.service = service;
    this.tokens = tokens;
    this.store = store;
  }

  @Nullable Match match(ParsedMail mail, Actor sender) {
    for (String address : mail.recipients()) {
      ReplyTokens.Verdict verdict = tokens.verify(address);
      if (verdict instanceof ReplyTokens.Verdict.Forged forged) {
        log.warn(
            "Inbound mail {} from {}: forged reply token for ticket {} ignored",
            mail.messageId(),
            mail.fromAddress(),
            forged.claimedTicketId());
      } else if (verdict instanceof ReplyTokens.Verdict.Valid valid) {
        if (visible(sender, valid.ticketId(), mail, "reply token")) {
          return new Match(valid.ticketId(), Via.TOKEN);
        }
      }
    }
    List<String> keys = new ArrayList<>();
    for (String id : mail.answered()) {
      keys.add(MessageKeys.of(id));
    }
    if (!keys.isEmpty()) {
      Map<String, String> sent = store.ticketsOfSent(keys);
      for (String key : keys) {
        String ticket = sent.get(key);
        if (ticket == null) {
          ticket = store.inbound(key).map(MailStore.Inbound::ticketId).orElse(null);
        }
        if (ticket != null && visible(sender, ticket, mail, "In-Reply-To/References")) {
          return new Match(ticket, Via.HEADERS);
        }
      }
    }
    Matcher m = SUBJECT_REFERENCE.matcher(mail.subject());
    while (m.find()) {
      if (visible(sender, m.group(1), mail, "subject reference")) {
        return new Match(m.group(1), Via.SUBJECT);
      }
    }
    return null;
  }

  private boolean visible(Actor sender, String ticketId, ParsedMail mail, String how) {
    try {
      service.ticket(sender, ticketId);
      return true;
    } catch (TicketingException refused) {
      log.warn(
          "Inbound mail {} from {}: {} names ticket {}, which the sender may not see ({});"
              + " not attached there",
          mail.messageId(),
          mail.fromAddress(),
          how,
          ticketId,
          refused.code());
      return false;
    }
  }
}
