package dev.ticketing.email;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Raw RFC 5322 messages, written byte for byte as mail clients write them. */
final class Eml {

  private final List<String> headers = new ArrayList<>();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  static Eml message() {
    return new Eml();
  }

  Eml header(String name, String value) {
    headers.add(name + ": " + value);
    return this;
  }

  /** The body as the given bytes (already encoded as the headers say). */
  Eml body(byte[] bytes) {
    body.writeBytes(bytes);
    return this;
  }

  Eml body(String ascii) {
    return body(crlf(ascii).getBytes(StandardCharsets.ISO_8859_1));
  }

  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String h : headers) {
      out.writeBytes(h.getBytes(StandardCharsets.UTF_8));
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  static String crlf(String s) {
    return s.replace("\r\n", "\n").replace("\n", "\r\n");
  }

  /** Text in a character set and a transfer encoding, as one part's encoded body. */
  static String encode(String text, Charset charset, String encoding) {
    byte[] raw = crlf(text).getBytes(charset);
    if (encoding.equals("8bit") || encoding.equals("7bit")) {
      return new String(raw, StandardCharsets.ISO_8859_1);
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (OutputStream enc = MimeUtility.encode(out, encoding)) {
        enc.write(raw);
      }
      return out.toString(StandardCharsets.ISO_8859_1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String base64(byte[] bytes) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (OutputStream enc = MimeUtility.encode(out, "base64")) {
        enc.write(bytes);
      }
      return out.toString(StandardCharsets.ISO_8859_1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An RFC 2047 encoded word. */
  static String word(String text, String charset) {
    try {
      return MimeUtility.encodeText(text, charset, "B");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A text part: headers and encoded body. */
  static String part(String type, Charset charset, String encoding, String text, String extra) {
    return "Content-Type: "
        + type
        + "; charset=\""
        + charset.name()
        + "\""
        + extra
        + "\r\nContent-Transfer-Encoding: "
        + encoding
        + "\r\n\r\n"
        + encode(text, charset, encoding)
        + "\r\n";
  }

  /** A multipart body of the given parts (each with its own headers). */
  static String multipart(String boundary, String... parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      sb.append("--").append(boundary).append("\r\n").append(p);
      if (!p.endsWith("\r\n")) {
        sb.append("\r\n");
      }
    }
    sb.append("--").append(boundary).append("--\r\n");
    return sb.toString();
  }

  /** A file part, base64. */
  static String file(String type, String name, byte[] bytes, String disposition, String cid) {
    return "Content-Type: "
        + type
        + "; name=\""
        + name
        + "\"\r\nContent-Disposition: "
        + disposition
        + "; filename=\""
        + name
        + "\"\r\n"
        + (cid.isEmpty() ? "" : "Content-ID: <" + cid + ">\r\nX-Attachment-Id: " + cid + "\r\n")
        + "Content-Transfer-Encoding: base64\r\n\r\n"
        + base64(bytes)
        + "\r\n";
  }
}
