package dev.ticketing.examples.desk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A client that speaks HTTP/1.1 over a socket by hand, for what an ordinary client does not let a
 * test do: announce a huge body, send only its first bytes, and see whether the server answers
 * anyway. A server that buffered the body before deciding would wait for the rest, and the answer
 * would not come.
 */
final class RawHttp {
  private RawHttp() {}

  /** The server's answer: its status line's code, its headers (lower-case names) and body. */
  record Answer(int status, Map<String, String> headers, String body) {}

  /**
   * Sends the request line and headers announcing {@code declaredLength} body bytes, then only
   * {@code sentBytes} of them, and reads the answer within {@code waitMillis}.
   *
   * @throws SocketTimeoutException when no answer came in time (the server waits for the rest)
   */
  static Answer announceAndSendPart(
      int port,
      String path,
      Map<String, String> headers,
      long declaredLength,
      int sentBytes,
      int waitMillis)
      throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(waitMillis);
      OutputStream out = socket.getOutputStream();
      StringBuilder head =
          new StringBuilder(
              "POST "
                  + path
                  + " HTTP/1.1\r\nHost: localhost:"
                  + port
                  + "\r\n"
                  + "Content-Type: application/json\r\nContent-Length: "
                  + declaredLength
                  + "\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      head.append("\r\n");
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      byte[] part = new byte[sentBytes];
      part[0] = '{';
      for (int i = 1; i < part.length; i++) {
        part[i] = ' ';
      }
      try {
        out.write(part);
        out.flush();
      } catch (SocketException closedEarly) {
        // The server may close the connection while the part is still on its way: read what it
        // answered.
      }
      return read(socket.getInputStream());
    }
  }

  /** Reads one answer: status line, headers, and a body of Content-Length bytes (or up to the end). */
  private static Answer read(InputStream in) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    String length = headers.get("content-length");
    byte[] body = length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the connection closed before a full answer");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
