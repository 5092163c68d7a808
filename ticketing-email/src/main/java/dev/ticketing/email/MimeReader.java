package dev.ticketing.email;

import dev.ticketing.email.MailRefusedException.Reason;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Reads a raw message within the {@link MailLimits}: headers, the text and HTML bodies in their
 * declared character sets (with a fall-back for unknown or missing ones), and the files, each read
 * no further than its limit. Refuses what breaks a limit before anything is written.
 */
final class MimeReader {

  /** Lenient where real clients are sloppy: addresses, encoded words, parameters. */
  static final Session SESSION = session();

  private final MailLimits limits;

  MimeReader(MailLimits limits) {
    this.limits = limits;
  }

  private static Session session() {
    Properties p = new Properties();
    p.setProperty("mail.mime.address.strict", "false");
    p.setProperty("mail.mime.decodetext.strict", "false");
    p.setProperty("mail.mime.parameters.strict", "false");
    p.setProperty("mail.mime.decodefilename", "true");
    p.setProperty("mail.mime.decodeparameters", "true");
    p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
    return Session.getInstance(p);
  }

  /** The message's headers and structure, not yet its parts' content. */
  static MimeMessage parse(byte[] raw) throws MailRefusedException {
    try {
      return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    } catch (MessagingException e) {
      throw new MailRefusedException(Reason.MALFORMED, "not a readable message", e);
    }
  }

  ParsedMail read(MimeMessage message) throws MailRefusedException {
    try {
      InternetAddress from = sender(message);
      Body body = new Body();
      walk(message, 0, body);
      String text = body.text.toString();
      String html = body.html.length() == 0 ? null : HtmlText.sanitise(body.html.toString());
      if (text.isBlank() && html != null) {
        text = HtmlText.toText(html);
      }
      text = plain(text);
      return new ParsedMail(
          header(message, "Message-ID"),
          from.getAddress().strip(),
          from.getPersonal(),
          recipients(message),
          decoded(message.getSubject()),
          MessageKeys.ids(header(message, "In-Reply-To")),
          MessageKeys.ids(header(message, "References")),
          text,
          html,
          body.files);
    } catch (MessagingException | IOException | RuntimeException e) {
      throw new MailRefusedException(Reason.MALFORMED, "unreadable MIME: " + e.getMessage(), e);
    }
  }

  private static final class Body {
    final StringBuilder text = new StringBuilder();
    final StringBuilder html = new StringBuilder();
    final List<ParsedMail.Attachment> files = new ArrayList<>();
    int parts;
  }

  private void walk(Part part, int depth, Body body)
      throws MessagingException, IOException, MailRefusedException {
    if (++body.parts > limits.maxParts()) {
      throw new MailRefusedException(
          Reason.TOO_MANY_PARTS, "more than " + limits.maxParts() + " MIME parts");
    }
    String type = baseType(part);
    String disposition = part.getDisposition();
    boolean attached = Part.ATTACHMENT.equalsIgnoreCase(disposition);
    if (type.startsWith("multipart/")) {
      if (depth + 1 > limits.maxDepth()) {
        throw new MailRefusedException(
            Reason.TOO_DEEP, "multipart nesting deeper than " + limits.maxDepth());
      }
      Object content = part.getContent();
      if (!(content instanceof Multipart multipart)) {
        throw new MailRefusedException(Reason.MALFORMED, "a multipart without parts");
      }
      if (type.equals("multipart/alternative")) {
        alternative(multipart, depth + 1, body);
        return;
      }
      for (int i = 0; i < multipart.getCount(); i++) {
        walk(multipart.getBodyPart(i), depth + 1, body);
      }
      return;
    }
    if (!attached && type.equals("text/plain")) {
      appendText(body.text, text(part));
      return;
    }
    if (!attached && type.equals("text/html")) {
      body.html.append(text(part));
      return;
    }
    if (type.equals("multipart/report") || type.startsWith("message/delivery-status")) {
      return;
    }
    file(part, type, attached, body);
  }

  /** Of alternatives, the plain text and the HTML; anything else in them is walked as usual. */
  private void alternative(Multipart multipart, int depth, Body body)
      throws MessagingException, IOException, MailRefusedException {
    boolean hasPlain = false;
    for (int i = 0; i < multipart.getCount(); i++) {
      if (baseType(multipart.getBodyPart(i)).equals("text/plain")) {
        hasPlain = true;
      }
    }
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart p = multipart.getBodyPart(i);
      String type = baseType(p);
      if (type.equals("text/html") && hasPlain) {
        // The HTML twin of the plain text: kept sanitised, its text not added twice.
        if (++body.parts > limits.maxParts()) {
          throw new MailRefusedException(
              Reason.TOO_MANY_PARTS, "more than " + limits.maxParts() + " MIME parts");
        }
        body.html.append(text(p));
      } else {
        walk(p, depth, body);
      }
    }
  }

  private static void appendText(StringBuilder to, String text) {
    if (to.length() > 0 && !text.isBlank()) {
      to.append("\n\n");
    }
    to.append(text);
  }

  private void file(Part part, String type, boolean attached, Body body)
      throws MessagingException, IOException, MailRefusedException {
    if (body.files.size() + 1 > limits.maxAttachments()) {
      throw new MailRefusedException(
          Reason.TOO_MANY_ATTACHMENTS, "more than " + limits.maxAttachments() + " attachments");
    }
    byte[] bytes = bounded(part);
    String name = part.getFileName();
    if (name != null) {
      name = decoded(name);
    }
    if (name == null || name.isBlank()) {
      name = "attachment-" + (body.files.size() + 1) + extension(type);
    }
    body.files.add(new ParsedMail.Attachment(name.strip(), type, bytes, !attached));
  }

  private byte[] bounded(Part part) throws MessagingException, IOException, MailRefusedException {
    long max = limits.maxAttachmentBytes();
    try (InputStream in = part.getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      long total = 0;
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > max) {
          throw new MailRefusedException(
              Reason.ATTACHMENT_TOO_LARGE, "an attachment is over " + max + " bytes");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }

  /** A text part in its declared character set; unknown or missing ones are guessed. */
  private String text(Part part) throws MessagingException, IOException, MailRefusedException {
    byte[] bytes;
    try (InputStream in = part.getInputStream()) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxMessageBytes()));
    }
    String declared = null;
    try {
      declared = new ContentType(part.getContentType()).getParameter("charset");
    } catch (MessagingException | RuntimeException e) {
      // a broken Content-Type: guess below
    }
    return decode(bytes, declared);
  }

  /** Bytes in {@code declared}, or UTF-8 when they are valid UTF-8, or else Windows-1252. */
  static String decode(byte[] bytes, @Nullable String declared) {
    if (declared != null && !declared.isBlank()) {
      String name = MimeUtility.javaCharset(declared.strip().replace("\"", ""));
      try {
        Charset charset = Charset.forName(name);
        if (charset.equals(StandardCharsets.ISO_8859_1) || charset.name().equals("US-ASCII")) {
          // Clients label Windows-1252 as Latin-1 or ASCII: 1252 is a superset that shows their
          // curly quotes and euro signs instead of control characters.
          charset = Charset.forName("windows-1252");
        }
        return new String(bytes, charset);
      } catch (IllegalArgumentException unknown) {
        // fall through to the guess
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return new String(bytes, Charset.forName("windows-1252"));
    }
  }

  /** Line breaks as {@code \n}; other control characters (the engine refuses them) as spaces. */
  static String plain(String text) {
    String t = text.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      out.append(c == '\n' || c == '\t' || !Character.isISOControl(c) ? c : ' ');
    }
    return out.toString();
  }

  private static String baseType(Part part) throws MessagingException {
    String raw = part.getContentType();
    if (raw == null) {
      return "text/plain";
    }
    try {
      return new ContentType(raw).getBaseType().toLowerCase(Locale.ROOT);
    } catch (MessagingException | RuntimeException e) {
      int semi = raw.indexOf(';');
      return (semi < 0 ? raw : raw.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }
  }

  private static String extension(String type) {
    int slash = type.indexOf('/');
    String sub = slash < 0 ? "bin" : type.substring(slash + 1);
    return "." + (sub.equals("jpeg") ? "jpg" : sub.replaceAll("[^a-z0-9]", ""));
  }

  private static InternetAddress sender(MimeMessage message)
      throws MessagingException, MailRefusedException {
    Address[] from = message.getFrom();
    if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress a)) {
      throw new MailRefusedException(Reason.MALFORMED, "no sender");
    }
    if (a.getAddress() == null || a.getAddress().indexOf('@') < 1) {
      throw new MailRefusedException(Reason.MALFORMED, "no sender address");
    }
    return a;
  }

  /** Every address the message was delivered to: To, Cc and the delivery headers providers add. */
  private static List<String> recipients(MimeMessage message) throws MessagingException {
    List<String> out = new ArrayList<>();
    for (String name :
        new String[] {
          "To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To", "X-Forwarded-To"
        }) {
      String[] values = message.getHeader(name);
      if (values == null) {
        continue;
      }
      for (String value : values) {
        try {
          for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
            if (a.getAddress() != null) {
              out.add(a.getAddress());
            }
          }
        } catch (AddressException e) {
          // an unreadable recipient list: its tokens cannot be trusted anyway
        }
      }
    }
    return out;
  }

  static @Nullable String header(MimeMessage message, String name) throws MessagingException {
    String value = message.getHeader(name, " ");
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String decoded(@Nullable String value) {
    if (value == null) {
      return "";
    }
    try {
      return MimeUtility.decodeText(value);
    } catch (IOException | RuntimeException e) {
      return value;
    }
  }
}
