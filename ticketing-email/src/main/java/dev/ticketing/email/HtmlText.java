package dev.ticketing.email;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Inbound HTML: sanitised with the OWASP Java HTML Sanitizer (formatting, blocks, lists, tables and
 * links survive; scripts, styles, forms, images, event handlers and unknown elements do not), and
 * made plain text when a message has no plain part, with quoted blocks written as {@code >} lines
 * so that {@link ReplyText} strips them like quoted plain text.
 */
final class HtmlText {

  static final PolicyFactory POLICY =
      Sanitizers.FORMATTING
          .and(Sanitizers.BLOCKS)
          .and(Sanitizers.LINKS)
          .and(Sanitizers.TABLES)
          .and(new HtmlPolicyBuilder().allowElements("hr", "pre").toFactory());

  private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|[a-zA-Z]+);");

  private HtmlText() {}

  static String sanitise(String html) {
    return POLICY.sanitize(html);
  }

  /** The text of (sanitised) HTML: block ends become line breaks, blockquotes {@code >} lines. */
  static String toText(String html) {
    Out out = new Out();
    Matcher m = TAG.matcher(html);
    int last = 0;
    while (m.find()) {
      out.text(unescape(html.substring(last, m.start())));
      last = m.end();
      boolean closing = !m.group(1).isEmpty();
      String tag = m.group(2).toLowerCase(Locale.ROOT);
      switch (tag) {
        case "br" -> out.newline();
        case "p",
            "div",
            "tr",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "table",
            "ul",
            "ol",
            "pre" ->
            out.newline();
        case "hr" -> {
          out.newline();
          out.text("________________________________");
          out.newline();
        }
        case "blockquote" -> {
          out.newline();
          out.depth += closing ? -1 : 1;
          out.depth = Math.max(0, out.depth);
        }
        case "td", "th" -> out.text(" ");
        default -> {}
      }
    }
    out.text(unescape(html.substring(last)));
    return out.result();
  }

  private static final class Out {
    final StringBuilder sb = new StringBuilder();
    int depth;
    boolean lineStart = true;

    void text(String s) {
      String flat = s.replaceAll("[\\r\\n\\t ]+", " ");
      if (flat.isEmpty() || (lineStart && flat.isBlank())) {
        return;
      }
      if (lineStart) {
        sb.append("> ".repeat(depth));
        flat = flat.stripLeading();
        lineStart = false;
      }
      sb.append(flat);
    }

    void newline() {
      sb.append('\n');
      lineStart = true;
    }

    String result() {
      return sb.toString().replaceAll("[ \\u00a0]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }
  }

  static String unescape(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = ENTITY.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String r;
      if (e.startsWith("#x") || e.startsWith("#X")) {
        r = codePoint(e.substring(2), 16, m.group());
      } else if (e.startsWith("#")) {
        r = codePoint(e.substring(1), 10, m.group());
      } else {
        r =
            switch (e) {
              case "amp" -> "&";
              case "lt" -> "<";
              case "gt" -> ">";
              case "quot" -> "\"";
              case "apos" -> "'";
              case "nbsp" -> " ";
              default -> m.group();
            };
      }
      m.appendReplacement(out, Matcher.quoteReplacement(r));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String codePoint(String digits, int radix, String fallback) {
    try {
      int cp = Integer.parseInt(digits, radix);
      return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
