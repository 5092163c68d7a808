package dev.ticketing.email;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Mail no person wrote: out-of-office replies, bounces, list mail and loops, as servers send them. */
final class Automatics {

  @FunctionalInterface
  interface Auto {
    byte[] write(ClientStyles.Received r, ClientStyles.Sender customer, String marker);
  }

  private Automatics() {}

  static Map<String, Auto> all() {
    Map<String, Auto> all = new LinkedHashMap<>();
    all.put("exchange-out-of-office", Automatics::exchangeOof);
    all.put("gmail-vacation", Automatics::gmailVacation);
    all.put("x-autoreply", (r, c, m) -> simple(r, c, m, "X-Autoreply", "yes"));
    all.put("x-autorespond", (r, c, m) -> simple(r, c, m, "X-Autorespond", "Out of office"));
    all.put("precedence-bulk", (r, c, m) -> simple(r, c, m, "Precedence", "bulk"));
    all.put("precedence-junk", (r, c, m) -> simple(r, c, m, "Precedence", "junk"));
    all.put("precedence-list", (r, c, m) -> simple(r, c, m, "Precedence", "list"));
    all.put("return-path-null", Automatics::nullReturnPath);
    all.put("mailer-daemon-dsn", Automatics::bounce);
    all.put("postmaster-bounce", Automatics::postmaster);
    all.put("own-mail-looped", Automatics::loop);
    return all;
  }

  private static Eml base(ClientStyles.Received r, String from, String subject, String returnPath) {
    return Eml.message()
        .header("Return-Path", returnPath)
        .header("MIME-Version", "1.0")
        .header("Date", ClientStyles.DATE)
        .header("Message-ID", ClientStyles.id("auto.example"))
        .header("Subject", subject)
        .header("From", from)
        .header("To", r.replyTo())
        .header("In-Reply-To", r.messageId())
        .header("References", r.messageId());
  }

  static byte[] exchangeOof(ClientStyles.Received r, ClientStyles.Sender c, String marker) {
    return base(r, c.header(), "Automatic reply: " + r.subject(), "<" + c.address() + ">")
        .header("Auto-Submitted", "auto-replied")
        .header("X-Auto-Response-Suppress", "All")
        .header("X-MS-Exchange-Inbox-Rules-Loop", c.address())
        .header("Content-Type", "text/plain; charset=\"us-ascii\"")
        .body(marker + " I am out of the office until Monday.\n")
        .bytes();
  }

  static byte[] gmailVacation(ClientStyles.Received r, ClientStyles.Sender c, String marker) {
    return base(r, c.header(), "Re: " + r.subject(), "<" + c.address() + ">")
        .header("Auto-Submitted", "auto-replied")
        .header("Precedence", "bulk")
        .header("X-Autoreply", "yes")
        .header("Content-Type", "text/plain; charset=\"UTF-8\"")
        .body(marker + " Thanks for your mail, I'm on vacation.\n")
        .bytes();
  }

  static byte[] simple(
      ClientStyles.Received r, ClientStyles.Sender c, String marker, String h, String v) {
    return base(r, c.header(), "Re: " + r.subject(), "<" + c.address() + ">")
        .header(h, v)
        .header("Content-Type", "text/plain; charset=\"UTF-8\"")
        .body(marker + " automatic text\n")
        .bytes();
  }

  static byte[] nullReturnPath(ClientStyles.Received r, ClientStyles.Sender c, String marker) {
    return base(r, c.header(), "Undeliverable: " + r.subject(), "<>")
        .header("Content-Type", "text/plain; charset=\"UTF-8\"")
        .body(marker + " delivery failed\n")
        .bytes();
  }

  static byte[] bounce(ClientStyles.Received r, ClientStyles.Sender c, String marker) {
    String b = "dsn" + Math.abs(marker.hashCode());
    String body =
        Eml.multipart(
            b,
            Eml.part(
                "text/plain",
                StandardCharsets.US_ASCII,
                "7bit",
                marker
                    + " This is the mail system at host mx.acme.com. I'm sorry to have to inform you that your message could not be delivered.",
                ""),
            "Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.acme.com\r\n\r\nFinal-Recipient: rfc822; "
                + c.address()
                + "\r\nAction: failed\r\nStatus: 5.1.1\r\n",
            "Content-Type: text/rfc822-headers\r\n\r\nMessage-ID: "
                + r.messageId()
                + "\r\nTo: "
                + c.address()
                + "\r\n");
    return base(
            r,
            "MAILER-DAEMON@mx.acme.com (Mail Delivery System)",
            "Undelivered Mail Returned to Sender",
            "<>")
        .header(
            "Content-Type", "multipart/report; report-type=delivery-status; boundary=\"" + b + "\"")
        .body(body)
        .bytes();
  }

  static byte[] postmaster(ClientStyles.Received r, ClientStyles.Sender c, String marker) {
    return base(
            r,
            "Postmaster <postmaster@acme.com>",
            "Delivery Status Notification (Failure)",
            "<postmaster@acme.com>")
        .header("Content-Type", "text/plain; charset=\"UTF-8\"")
        .body(marker + " Delivery to the following recipient failed permanently.\n")
        .bytes();
  }

  static byte[] loop(ClientStyles.Received r, ClientStyles.Sender c, String marker) {
    return base(r, "Support Desk <support@desk.example>", r.subject(), "<support@desk.example>")
        .header("X-Ticketing-Delivery", "abc-email")
        .header("Content-Type", "text/plain; charset=\"UTF-8\"")
        .body(marker + " the library's own mail, forwarded back by a rule\n")
        .bytes();
  }
}
