package dev.ticketing.email;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Replies and new messages in the shapes real clients send: Gmail, Outlook (desktop, web and
 * mobile), Apple Mail on the iPhone and the Mac, Thunderbird, Android clients, Yahoo, and old
 * Japanese and German clients with their own character sets. Each carries a marker the test looks
 * for in the ticket, and quoted history with a marker that must not reach it.
 */
final class ClientStyles {

  /** What the customer received from the library and answers. */
  record Received(
      String ticketId, String replyTo, String messageId, String references, String subject) {}

  /** Who writes. */
  record Sender(String name, String address) {
    String header() {
      return "\"" + name + "\" <" + address + ">";
    }
  }

  @FunctionalInterface
  interface Reply {
    byte[] write(Received r, Sender s, String marker, String quoted);
  }

  @FunctionalInterface
  interface Fresh {
    byte[] write(Sender s, String to, String subject, String marker);
  }

  static final String DATE = "Mon, 4 May 2026 10:15:00 +0200";
  static final Charset CP1252 = Charset.forName("windows-1252");
  static final Charset SJIS = Charset.forName("Shift_JIS");

  private ClientStyles() {}

  static String id(String domain) {
    return "<" + UUID.randomUUID().toString().replace("-", "") + "@" + domain + ">";
  }

  private static Eml threaded(Eml e, Received r, boolean inReplyTo, boolean references) {
    if (inReplyTo) {
      e.header("In-Reply-To", r.messageId());
    }
    if (references) {
      e.header("References", (r.references() + " " + r.messageId()).strip());
    }
    return e;
  }

  private static Eml base(Sender s, String to, String subject, String messageId) {
    return Eml.message()
        .header("Return-Path", "<" + s.address() + ">")
        .header("Received", "from mx.example (mx.example [192.0.2.1]) by desk.example; " + DATE)
        .header("MIME-Version", "1.0")
        .header("Date", DATE)
        .header("Message-ID", messageId)
        .header("Subject", subject)
        .header("From", s.header())
        .header("To", to);
  }

  /** Every reply style, by name. */
  static Map<String, Reply> replies() {
    Map<String, Reply> all = new LinkedHashMap<>();
    all.put("gmail", ClientStyles::gmail);
    all.put("gmail-wrapped-attribution", ClientStyles::gmailWrapped);
    all.put("outlook-desktop", ClientStyles::outlook);
    all.put("outlook-web-html-only", ClientStyles::outlookWebHtmlOnly);
    all.put("outlook-mobile", ClientStyles::outlookMobile);
    all.put("apple-mail-iphone", ClientStyles::appleIphone);
    all.put("apple-mail-mac-html", ClientStyles::appleMac);
    all.put("thunderbird", ClientStyles::thunderbird);
    all.put("android-gmail-base64", ClientStyles::androidBase64);
    all.put("samsung-email", ClientStyles::samsung);
    all.put("yahoo", ClientStyles::yahoo);
    all.put("german-latin1", ClientStyles::germanLatin1);
    all.put("japanese-shift-jis", ClientStyles::japanese);
    all.put("windows-1252-8bit", ClientStyles::windows1252);
    all.put("gmail-inline-image-and-pdf", ClientStyles::gmailWithFiles);
    all.put("token-lost-headers-kept", ClientStyles::headersOnly);
    all.put("references-only", ClientStyles::referencesOnly);
    all.put("subject-reference-only", ClientStyles::subjectOnly);
    return all;
  }

  static byte[] gmail(Received r, Sender s, String marker, String quoted) {
    String b = "000000000000" + UUID.randomUUID().toString().substring(0, 12).replace("-", "a");
    String text =
        "Hi,\n\nThanks. "
            + marker
            + " It still happens after the update.\n\nAlice\n\nOn Mon, May 4, 2026 at 10:00 AM Support Desk <"
            + r.replyTo()
            + "> wrote:\n\n> "
            + quoted
            + "\n> Please send us the logs.\n>\n";
    String html =
        "<div dir=\"ltr\">Hi,<div><br></div><div>Thanks. "
            + marker
            + " It still happens after the update.</div><div><br></div><div>Alice</div></div><br>"
            + "<div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">On Mon, May 4, 2026 at"
            + " 10:00 AM Support Desk &lt;<a href=\"mailto:"
            + r.replyTo()
            + "\">"
            + r.replyTo()
            + "</a>&gt; wrote:<br></div><blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px"
            + " 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex\">"
            + quoted
            + "<br>Please send us the logs.</blockquote></div>";
    Eml e = base(s, r.replyTo(), "Re: " + r.subject(), id("mail.gmail.com"));
    threaded(e, r, true, true)
        .header("Content-Type", "multipart/alternative; boundary=\"" + b + "\"");
    return e.body(
            Eml.multipart(
                b,
                Eml.part("text/plain", StandardCharsets.UTF_8, "quoted-printable", text, ""),
                Eml.part("text/html", StandardCharsets.UTF_8, "quoted-printable", html, "")))
        .bytes();
  }

  static byte[] gmailWrapped(Received r, Sender s, String marker, String quoted) {
    String text =
        marker
            + " -- sorry, one more detail: the export button is greyed out.\n\nOn Mon, 4 May 2026 at 10:00, Support Desk <\n"
            + r.replyTo()
            + "> wrote:\n\n> "
            + quoted
            + "\n";
    Eml e =
        base(s, "Support Desk <" + r.replyTo() + ">", "Re: " + r.subject(), id("mail.gmail.com"));
    threaded(e, r, true, true).header("Content-Type", "text/plain; charset=\"UTF-8\"");
    e.header("Content-Transfer-Encoding", "quoted-printable");
    return e.body(Eml.encode(text, StandardCharsets.UTF_8, "quoted-printable")).bytes();
  }

  static byte[] outlook(Received r, Sender s, String marker, String quoted) {
    String b = "_000_DB9PR10MB" + UUID.randomUUID().toString().substring(0, 8) + "_";
    String text =
        "Hello,\n\n“"
            + marker
            + "” – the invoice shows €120 instead of €100.\n\nKind regards\nAlice Able\n\n"
            + "________________________________\nFrom: Support Desk <"
            + r.replyTo()
            + ">\nSent: Monday, May 4, 2026 10:00 AM\nTo: Alice Able <"
            + s.address()
            + ">\nSubject: "
            + r.subject()
            + "\n\n"
            + quoted
            + "\n";
    String html =
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Windows-1252\">"
            + "<style type=\"text/css\" style=\"display:none;\"> P {margin-top:0;margin-bottom:0;} </style>"
            + "</head><body dir=\"ltr\"><div style=\"font-family: Calibri\">Hello,</div><div>“"
            + marker
            + "” – the invoice shows €120 instead of €100.</div><div>Kind regards<br>Alice Able</div>"
            + "<div id=\"appendonsend\"></div><hr style=\"display:inline-block;width:98%\" tabindex=\"-1\">"
            + "<div id=\"divRplyFwdMsg\" dir=\"ltr\"><font face=\"Calibri, sans-serif\"><b>From:</b>"
            + " Support Desk<br><b>Sent:</b> Monday, May 4, 2026 10:00 AM<br><b>To:</b> Alice Able<br>"
            + "<b>Subject:</b> "
            + r.subject()
            + "</font><div>&nbsp;</div></div><div>"
            + quoted
            + "</div></body></html>";
    Eml e =
        base(
            s,
            "Support Desk <" + r.replyTo() + ">",
            "RE: " + r.subject(),
            id("DB9PR10MB5674.EURPRD10.PROD.OUTLOOK.COM"));
    e.header("Thread-Topic", r.subject())
        .header("Thread-Index", "AQHaB3Vx8mKQ1vV2Rk2hQ0yT4b5N6A==")
        .header("Accept-Language", "en-US")
        .header("Content-Language", "en-US")
        .header("X-MS-Has-Attach", "")
        .header("X-MS-TNEF-Correlator", "");
    threaded(e, r, true, true)
        .header("Content-Type", "multipart/alternative; boundary=\"" + b + "\"");
    return e.body(
            Eml.multipart(
                b,
                Eml.part("text/plain", CP1252, "quoted-printable", text, ""),
                Eml.part("text/html", CP1252, "quoted-printable", html, "")))
        .bytes();
  }

  static byte[] outlookWebHtmlOnly(Received r, Sender s, String marker, String quoted) {
    String html =
        "<html><body><div>"
            + marker
            + " &amp; we tried it on two laptops &lt;both Windows&gt;.</div><br>"
            + "<script>alert('x')</script><img src=\"https://tracker.example/p.gif\" onerror=\"x()\">"
            + "<div id=\"divRplyFwdMsg\"><hr><b>From:</b> Support Desk &lt;"
            + r.replyTo()
            + "&gt;<br><b>Sent:</b> Monday, May 4, 2026 10:00<br><b>To:</b> "
            + s.address()
            + "<br><b>Subject:</b> "
            + r.subject()
            + "</div><div>"
            + quoted
            + "</div></body></html>";
    Eml e = base(s, r.replyTo(), "RE: " + r.subject(), id("AM0PR01MB.eurprd01.prod.outlook.com"));
    threaded(e, r, true, true)
        .header("Content-Type", "text/html; charset=\"utf-8\"")
        .header("Content-Transfer-Encoding", "base64");
    return e.body(Eml.encode(html, StandardCharsets.UTF_8, "base64")).bytes();
  }

  static byte[] outlookMobile(Received r, Sender s, String marker, String quoted) {
    String text =
        marker
            + " Sent the screenshot from my phone.\n\nGet Outlook for iOS<https://aka.ms/o0ukef>\n"
            + "________________________________\nFrom: Support Desk <"
            + r.replyTo()
            + ">\nSent: Monday, May 4, 2026 10:00:00 AM\nTo: "
            + s.address()
            + "\nSubject: "
            + r.subject()
            + "\n\n"
            + quoted
            + "\n";
    Eml e = base(s, r.replyTo(), "Re: " + r.subject(), id("PH0PR11MB.namprd11.prod.outlook.com"));
    threaded(e, r, true, true)
        .header("Content-Type", "text/plain; charset=\"us-ascii\"")
        .header("Content-Transfer-Encoding", "quoted-printable");
    return e.body(Eml.encode(text, StandardCharsets.US_ASCII, "quoted-printable")).bytes();
  }

  static byte[] appleIphone(Received r, Sender s, String marker, String quoted) {
    String text =
        marker
            + " Yes, that fixed it for me, thank you!\n\nSent from my iPhone\n\n> On 4 May 2026, at 10:00, Support Desk <"
            + r.replyTo()
            + "> wrote:\n> \n> "
            + quoted
            + "\n";
    Eml e = base(s, r.replyTo(), "Re: " + r.subject(), id("icloud.com"));
    e.header("X-Mailer", "iPhone Mail (21E236)");
    threaded(e, r, true, true)
        .header("Content-Type", "text/plain; charset=utf-8; format=flowed")
        .header("Content-Transfer-Encoding", "quoted-printable");
    return e.body(Eml.encode(text, StandardCharsets.UTF_8, "quoted-printable")).bytes();
  }

  static byte[] appleMac(Received r, Sender s, String marker, String quoted) {
    String b = "Apple-Mail=_" + UUID.randomUUID().toString().toUpperCase();
    String text =
        "Hi there,\n\n"
            + marker
            + " the sync now works on macOS too.\n\nBest,\nJohn\n\n> On 4. May 2026, at 10:00, Support Desk <"
            + r.replyTo()
            + "> wrote:\n> \n> "
            + quoted
            + "\n";
    String html =
        "<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\"></head>"
            + "<body style=\"overflow-wrap: break-word;\">Hi there,<div><br></div><div>"
            + marker
            + " the sync now works on macOS too.</div><div><br></div><div>Best,</div><div>John</div>"
            + "<div><br><blockquote type=\"cite\"><div>On 4. May 2026, at 10:00, Support Desk wrote:</div>"
            + "<div>"
            + quoted
            + "</div></blockquote></div></body></html>";
    Eml e = base(s, r.replyTo(), "Re: " + r.subject(), id("me.com"));
    e.header("X-Mailer", "Apple Mail (2.3774.500.171.1.1)");
    threaded(e, r, true, true)
        .header("Content-Type", "multipart/alternative; boundary=\"" + b + "\"");
    return e.body(
            Eml.multipart(
                b,
                Eml.part("text/plain", StandardCharsets.US_ASCII, "quoted-printable", text, ""),
                Eml.part("text/html", StandardCharsets.UTF_8, "quoted-printable", html, "")))
        .bytes();
  }

  static byte[] thunderbird(Received r, Sender s, String marker, String quoted) {
    String text =
        marker
            + " I attached nothing, but here are the steps:\n1. open settings\n2. click save\n\n-- \nJohn Doe\nAcme Corp, +1 555 0100\n\nOn 5/4/26 10:00, Support Desk wrote:\n> "
            + quoted
            + "\n";
    Eml e = base(s, "Support Desk <" + r.replyTo() + ">", "Re: " + r.subject(), id("acme.com"));
    e.header("User-Agent", "Mozilla Thunderbird");
    e.header("Content-Language", "en-US");
    threaded(e, r, true, true)
        .header("Content-Type", "text/plain; charset=UTF-8; format=flowed")
        .header("Content-Transfer-Encoding", "8bit");
    return e.body(Eml.encode(text, StandardCharsets.UTF_8, "8bit")).bytes();
  }

  static byte[] androidBase64(Received r, Sender s, String marker, String quoted) {
    String text =
        marker
            + " Das Problem besteht weiterhin – ich habe es neu installiert.\n\n-------- Original message --------\nFrom: Support Desk <"
            + r.replyTo()
            + ">\nDate: 04/05/2026 10:00 (GMT+01:00)\nTo: "
            + s.address()
            + "\nSubject: "
            + r.subject()
            + "\n\n"
            + quoted
            + "\n";
    Eml e = base(s, r.replyTo(), "Re: " + r.subject(), id("mail.gmail.com"));
    threaded(e, r, true, true)
        .header("Content-Type", "text/plain; charset=\"UTF-8\"")
        .header("Content-Transfer-Encoding", "base64");
    return e.body(Eml.encode(text, StandardCharsets.UTF_8, "base64")).bytes();
  }

  static byte[] samsung(Received r, Sender s, String marker, String quoted) {
    String b = "--_com.samsung.android.email_" + UUID.randomUUID().toString().substring(0, 8);
    String text =
        marker
            + " still broken\n\n\n\nSent from my Galaxy\n\n\n-------- Original message --------\nFrom: Support Desk <"
            + r.replyTo()
            + "> \nDate: 5/4/26 10:00 (GMT+02:00) \nTo: "
            + s.address()
            + " \nSubject: "
            + r.subject()
            + " \n\n"
            + quoted
            + "\n";
    String html =
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\"></head><body><div dir=\"auto\">"
            + marker
            + " still broken</div><div dir=\"auto\"><br></div><div id=\"composer_signature\" dir=\"auto\">"
            + "<div style=\"font-size:85%;color:#575757\" dir=\"auto\">Sent from my Galaxy</div></div>"
            + "<div dir=\"auto\"><br></div><div><br></div><div align=\"left\" dir=\"auto\" style=\"font-size:100%;color:#000000\">"
            + "<div>-------- Original message --------</div><div>From: Support Desk </div><div>"
            + quoted
            + "</div></div></body></html>";
    Eml e = base(s, r.replyTo(), "Re: " + r.subject(), id("email.android.com"));
    threaded(e, r, true, true)
        .header("Content-Type", "multipart/alternative; boundary=\"" + b + "\"");
    return e.body(
            Eml.multipart(
                b,
                Eml.part("text/plain", StandardCharsets.UTF_8, "base64", text, ""),
                Eml.part("text/html", StandardCharsets.UTF_8, "base64", html, "")))
        .bytes();
  }

  static byte[] yahoo(Received r, Sender s, String marker, String quoted) {
    String b = "----=_Part_" + Math.abs(marker.hashCode()) + "_1.1714810000000";
    String text =
        marker
            + " Thank you, resolved.\n\nSent from Yahoo Mail for iPhone\n\nOn Monday, May 4, 2026, 10:00 AM, Support Desk <"
            + r.replyTo()
            + "> wrote:\n\n"
            + quoted
            + "\n";
    String html =
        "<html><body><div>"
            + marker
            + " Thank you, resolved.</div><br><br><a href=\"https://mail.onelink.me/107872968?\">Sent from Yahoo Mail for iPhone</a><br><br>"
            + "<blockquote style=\"margin: 0 0 20px 0;\"><div>On Monday, May 4, 2026, 10:00 AM, Support Desk wrote:</div><div>"
            + quoted
            + "</div></blockquote></body></html>";
    Eml e = base(s, r.replyTo(), "Re: " + r.subject(), id("mail.yahoo.com"));
    threaded(e, r, true, true)
        .header("Content-Type", "multipart/alternative; boundary=\"" + b + "\"");
    return e.body(
            Eml.multipart(
                b,
                Eml.part("text/plain", StandardCharsets.UTF_8, "7bit", text, ""),
                Eml.part("text/html", StandardCharsets.UTF_8, "quoted-printable", html, "")))
        .bytes();
  }

  static byte[] germanLatin1(Received r, Sender s, String marker, String quoted) {
    String text =
        "Hallo,\n\n"
            + marker
            + " die Größe der Datei ist über 5 MB, daher schlägt der Upload fehl.\n\nMit freundlichen Grüßen\nJürgen\n\nAm 04.05.2026 um 10:00 schrieb Support Desk:\n> "
            + quoted
            + "\n";
    Eml e =
        base(
            s,
            r.replyTo(),
            "AW: " + Eml.word(r.subject() + " – Größe", "ISO-8859-1"),
            id("web.de"));
    e.header(
        "User-Agent", "Mozilla/5.0 (Windows NT 10.0; rv:102.0) Gecko/20100101 Thunderbird/102.0");
    threaded(e, r, true, true)
        .header("Content-Type", "text/plain; charset=ISO-8859-1")
        .header("Content-Transfer-Encoding", "quoted-printable");
    return e.body(Eml.encode(text, StandardCharsets.ISO_8859_1, "quoted-printable")).bytes();
  }

  static byte[] japanese(Received r, Sender s, String marker, String quoted) {
    String text =
        "サポートご担当者様\n\n"
            + marker
            + " ご返信ありがとうございます。まだエラーが出ます。\n\n山田\n\n2026年5月4日(月) 10:00 Support Desk <"
            + r.replyTo()
            + ">:\n> "
            + quoted
            + "\n";
    Eml e =
        base(
            s,
            r.replyTo(),
            "Re: " + Eml.word(r.subject() + " エラー", "Shift_JIS"),
            id("docomo.ne.jp"));
    threaded(e, r, true, true)
        .header("Content-Type", "text/plain; charset=Shift_JIS")
        .header("Content-Transfer-Encoding", "base64");
    return e.body(Eml.encode(text, SJIS, "base64")).bytes();
  }

  static byte[] windows1252(Received r, Sender s, String marker, String quoted) {
    String text =
        marker
            + " We’re seeing “Error 500” – it costs us €€ every hour.\n\n-----Original Message-----\nFrom: Support Desk [mailto:"
            + r.replyTo()
            + "]\nSent: Monday, May 4, 2026 10:00 AM\n\n"
            + quoted
            + "\n";
    Eml e = base(s, r.replyTo(), "RE: " + r.subject(), id("CORP-EXCH01.corp.local"));
    e.header("X-Mailer", "Microsoft Outlook 16.0");
    threaded(e, r, true, true)
        .header("Content-Type", "text/plain; charset=\"windows-1252\"")
        .header("Content-Transfer-Encoding", "8bit");
    return e.body(Eml.encode(text, CP1252, "8bit")).bytes();
  }

  static final byte[] PNG = {
    (byte) 0x89,
    'P',
    'N',
    'G',
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    0,
    0,
    0,
    0x0d,
    'I',
    'H',
    'D',
    'R',
    0,
    0,
    0,
    1,
    0,
    0,
    0,
    1,
    8,
    6,
    0,
    0,
    0,
    0x1f,
    0x15,
    (byte) 0xc4,
    (byte) 0x89
  };
  static final byte[] PDF =
      "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

  static byte[] gmailWithFiles(Received r, Sender s, String marker, String quoted) {
    String mixed = "000000000000mixed" + UUID.randomUUID().toString().substring(0, 8);
    String related = "000000000000rel" + UUID.randomUUID().toString().substring(0, 8);
    String alt = "000000000000alt" + UUID.randomUUID().toString().substring(0, 8);
    String text =
        marker
            + " Screenshot below and the invoice attached.\n[image: screenshot.png]\n\nOn Mon, May 4, 2026 at 10:00 AM Support Desk <"
            + r.replyTo()
            + "> wrote:\n> "
            + quoted
            + "\n";
    String html =
        "<div dir=\"ltr\">"
            + marker
            + " Screenshot below and the invoice attached.<div><img src=\"cid:ii_lx1\" alt=\"screenshot.png\" width=\"1\"></div></div>"
            + "<div class=\"gmail_quote\"><blockquote class=\"gmail_quote\">"
            + quoted
            + "</blockquote></div>";
    String alternative =
        "Content-Type: multipart/alternative; boundary=\""
            + alt
            + "\"\r\n\r\n"
            + Eml.multipart(
                alt,
                Eml.part("text/plain", StandardCharsets.UTF_8, "quoted-printable", text, ""),
                Eml.part("text/html", StandardCharsets.UTF_8, "quoted-printable", html, ""));
    String relatedPart =
        "Content-Type: multipart/related; boundary=\""
            + related
            + "\"\r\n\r\n"
            + Eml.multipart(
                related,
                alternative,
                Eml.file("image/png", "screenshot.png", PNG, "inline", "ii_lx1"));
    Eml e = base(s, r.replyTo(), "Re: " + r.subject(), id("mail.gmail.com"));
    threaded(e, r, true, true)
        .header("Content-Type", "multipart/mixed; boundary=\"" + mixed + "\"");
    return e.body(
            Eml.multipart(
                mixed,
                relatedPart,
                Eml.file("application/pdf", "invoice 2026-05.pdf", PDF, "attachment", "f_lx2")))
        .bytes();
  }

  /** The reply address was replaced by the plain support address, the headers kept. */
  static byte[] headersOnly(Received r, Sender s, String marker, String quoted) {
    String text = marker + " (written to the plain address)\n\n> " + quoted + "\n";
    Eml e =
        base(
            s,
            "support@desk.example",
            "Re: " + r.subject().replaceAll("\\s*\\[#[^]]+]", ""),
            id("fastmail.com"));
    threaded(e, r, true, true).header("Content-Type", "text/plain; charset=utf-8");
    return e.body(Eml.encode(text, StandardCharsets.UTF_8, "8bit")).bytes();
  }

  /** Only References, as some mobile clients and list managers leave it. */
  static byte[] referencesOnly(Received r, Sender s, String marker, String quoted) {
    String text = marker + " following up\n\nOn Monday Support Desk wrote:\n> " + quoted + "\n";
    Eml e = base(s, "support@desk.example", "Re: follow up", id("proton.me"));
    threaded(e, r, false, true).header("Content-Type", "text/plain; charset=utf-8");
    return e.body(Eml.encode(text, StandardCharsets.UTF_8, "8bit")).bytes();
  }

  /** A new message with the ticket reference typed into the subject: no token, no headers. */
  static byte[] subjectOnly(Received r, Sender s, String marker, String quoted) {
    String text = marker + " writing from a new message about this ticket.\n";
    Eml e = base(s, "support@desk.example", "About [#" + r.ticketId() + "] again", id("gmx.net"));
    e.header("Content-Type", "text/plain; charset=utf-8");
    return e.body(Eml.encode(text, StandardCharsets.UTF_8, "8bit")).bytes();
  }

  /** Every style of new message, by name. */
  static Map<String, Fresh> fresh() {
    Map<String, Fresh> all = new LinkedHashMap<>();
    all.put("gmail-new", ClientStyles::freshGmail);
    all.put("outlook-new-html", ClientStyles::freshOutlook);
    all.put("forwarded-inline", ClientStyles::forwarded);
    all.put("forwarded-as-attachment", ClientStyles::forwardedAttachment);
    all.put("plain-7bit-no-charset", ClientStyles::freshPlain);
    all.put("latin1-subject-encoded", ClientStyles::freshLatin1);
    return all;
  }

  static byte[] freshGmail(Sender s, String to, String subject, String marker) {
    String b = "000000000000fresh" + UUID.randomUUID().toString().substring(0, 8);
    String text =
        "Hello support,\n\n"
            + marker
            + " the dashboard will not load since this morning.\n\n--\nJohn Doe\n";
    String html =
        "<div dir=\"ltr\">Hello support,<div><br></div><div>"
            + marker
            + " the dashboard will not load since this morning.</div></div>";
    Eml e = base(s, to, subject, id("mail.gmail.com"));
    e.header("Content-Type", "multipart/alternative; boundary=\"" + b + "\"");
    return e.body(
            Eml.multipart(
                b,
                Eml.part("text/plain", StandardCharsets.UTF_8, "quoted-printable", text, ""),
                Eml.part("text/html", StandardCharsets.UTF_8, "quoted-printable", html, "")))
        .bytes();
  }

  static byte[] freshOutlook(Sender s, String to, String subject, String marker) {
    String html =
        "<html><body><p>Dear team,</p><p>"
            + marker
            + " our export fails with <b>timeout</b>.</p><p>Regards</p></body></html>";
    Eml e = base(s, to, subject, id("outlook.com"));
    e.header("Content-Type", "text/html; charset=\"Windows-1252\"")
        .header("Content-Transfer-Encoding", "quoted-printable");
    return e.body(Eml.encode(html, CP1252, "quoted-printable")).bytes();
  }

  static byte[] forwarded(Sender s, String to, String subject, String marker) {
    String text =
        marker
            + " see the customer's mail below.\n\n---------- Forwarded message ---------\nFrom: Carl Client <carl@client.example>\nDate: Mon, May 4, 2026 at 9:00 AM\nSubject: Broken link\nTo: <"
            + s.address()
            + ">\n\nThe download link in your newsletter is broken.\n";
    Eml e = base(s, to, "Fwd: " + subject, id("mail.gmail.com"));
    e.header("Content-Type", "text/plain; charset=\"UTF-8\"");
    return e.body(Eml.encode(text, StandardCharsets.UTF_8, "8bit")).bytes();
  }

  static byte[] forwardedAttachment(Sender s, String to, String subject, String marker) {
    String b = "fwd" + UUID.randomUUID().toString().substring(0, 8);
    String inner =
        "From: carl@client.example\r\nSubject: Broken link\r\nMessage-ID: <inner-"
            + UUID.randomUUID()
            + "@client.example>\r\n\r\nThe link is broken.\r\n";
    Eml e = base(s, to, "Fw: " + subject, id("outlook.com"));
    e.header("Content-Type", "multipart/mixed; boundary=\"" + b + "\"");
    return e.body(
            Eml.multipart(
                b,
                Eml.part(
                    "text/plain",
                    StandardCharsets.UTF_8,
                    "7bit",
                    marker + " forwarding the original as an attachment.",
                    ""),
                "Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"Broken link.eml\"\r\n\r\n"
                    + inner))
        .bytes();
  }

  static byte[] freshPlain(Sender s, String to, String subject, String marker) {
    Eml e = base(s, to, subject, id("mutt.example"));
    return e.body(marker + " plain old mail, no MIME type at all.\n").bytes();
  }

  static byte[] freshLatin1(Sender s, String to, String subject, String marker) {
    Eml e = base(s, to, Eml.word(subject + " – Überweisung", "ISO-8859-1"), id("t-online.de"));
    e.header("Content-Type", "text/plain; charset=iso-8859-1")
        .header("Content-Transfer-Encoding", "quoted-printable");
    return e.body(
            Eml.encode(
                marker + " Die Überweisung über 50 € ist nicht angekommen.\n",
                StandardCharsets.ISO_8859_1,
                "quoted-printable"))
        .bytes();
  }
}
