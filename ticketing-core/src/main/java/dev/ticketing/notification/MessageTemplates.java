package dev.ticketing.notification;

import dev.ticketing.NotificationTemplate;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.UserInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The texts of notifications: subject, plain-text body, HTML body, push title and push text per
 * template, loaded from the class path, localised, with {@code {{variable}}} placeholders.
 *
 * <p><b>Files.</b> For a template {@code note-added} the files are {@code note-added.subject.txt}
 * (email subject), {@code note-added.txt} (plain-text body), {@code note-added.html} (HTML body,
 * optional), {@code note-added.push-title.txt} (push title, optional; the subject otherwise) and
 * {@code note-added.push.txt} (push text, optional; the plain-text body otherwise). The library ships English ones for every one of {@link
 * NotificationTemplate#builtIns()} under {@value #BUILT_IN_PREFIX}. A host overrides any of them by putting a file of
 * the same name under its own prefix (default {@value #DEFAULT_HOST_PREFIX}) on its class path.
 *
 * <p><b>Lookup.</b> Like {@link ResourceBundle}: for a locale {@code de_CH} the names tried are
 * {@code note-added_de_CH.txt}, {@code note-added_de.txt}, then the same for the default locale,
 * then {@code note-added.txt}. For each name the host's file wins over the built-in one, so a
 * host's German text is used for German readers even when only the English one is built in. The
 * HTML body is taken from the same place (host or built-in) as the plain-text body, so a host
 * that overrides only {@code .txt} does not get a mismatched built-in HTML body: its mails are then
 * plain text until it adds an {@code .html} too.
 *
 * <p><b>Variables.</b> {@code {{name}}} (spaces inside the braces allowed) is replaced by the
 * variable's value. In the HTML body every value is HTML-escaped; in the plain-text bodies values
 * are left as they are; in the subject and the push title every control character, CR and LF
 * included, becomes a space, so that no value can add a mail header. A placeholder without a value renders empty and
 * is logged once, at debug level. There are no conditionals or loops: templates stay data.
 *
 * <p>Thread-safe; files are read once and cached.
 *
 * @since 0.1.0
 */
public final class MessageTemplates {

  /** Where the built-in templates live on the class path. */
  public static final String BUILT_IN_PREFIX = "dev/ticketing/templates/";

  /** Where a host's templates are looked for on its class path by default. */
  public static final String DEFAULT_HOST_PREFIX = "ticketing/templates/";

  private static final Logger log = LoggerFactory.getLogger(MessageTemplates.class);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");
  private static final ResourceBundle.Control LOCALES =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT);

  private final String hostPrefix;
  private final ClassLoader classLoader;
  private final Locale defaultLocale;
  private final Map<String, Optional<String>> files = new ConcurrentHashMap<>();
  private final Set<String> reportedMissing = ConcurrentHashMap.newKeySet();

  private MessageTemplates(String hostPrefix, ClassLoader classLoader, Locale defaultLocale) {
    this.hostPrefix = hostPrefix;
    this.classLoader = classLoader;
    this.defaultLocale = defaultLocale;
  }

  /** Host prefix {@value #DEFAULT_HOST_PREFIX}, default locale English, this library's class loader. */
  public static MessageTemplates defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A rendered message.
   *
   * @param subject one line, no control characters: an email subject, a push title
   * @param text the plain-text body
   * @param html the HTML body with every variable escaped, or null when the template has none
   * @param pushTitle one line, no control characters: the title of a push or in-app notification
   * @param push a short plain text for push and in-app notifications
   */
  public record Message(
      String subject, String text, @Nullable String html, String pushTitle, String push) {}

  /**
   * Renders a template.
   *
   * @param notificationTemplate which template; its name is the base name of the message files
   * @param locale the reader's locale; the default locale and then the unsuffixed files are the
   *     fall-backs
   * @param variables placeholder values, plain text
   * @throws IllegalArgumentException when neither the host nor the library has the template's
   *     subject and plain-text body
   */
  public Message render(
      NotificationTemplate notificationTemplate, Locale locale, Map<String, String> variables) {
    Objects.requireNonNull(notificationTemplate, "template");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(variables, "variables");
    // Well-formed by its type: no path separators or dots reach the resource look-up.
    String template = notificationTemplate.name();
    List<String> names = candidateNames(template, locale);
    List<Source> everywhere =
        List.of(new Source(hostPrefix, false), new Source(BUILT_IN_PREFIX, true));
    Found text =
        find(names, ".txt", everywhere)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no template "
                            + template
                            + ".txt under "
                            + hostPrefix
                            + " or "
                            + BUILT_IN_PREFIX));
    String subject =
        find(names, ".subject.txt", everywhere)
            .map(Found::content)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no template "
                            + template
                            + ".subject.txt under "
                            + hostPrefix
                            + " or "
                            + BUILT_IN_PREFIX));
    String html = find(names, ".html", List.of(text.source())).map(Found::content).orElse(null);
    String pushTitle = find(names, ".push-title.txt", everywhere).map(Found::content).orElse(null);
    String push = find(names, ".push.txt", everywhere).map(Found::content).orElse(null);

    String renderedSubject = substitute(template, subject, variables, Escape.HEADER);
    String renderedText = substitute(template, text.content(), variables, Escape.NONE);
    return new Message(
        renderedSubject,
        renderedText,
        html == null ? null : substitute(template, html, variables, Escape.HTML),
        pushTitle == null
            ? renderedSubject
            : substitute(template, pushTitle, variables, Escape.HEADER),
        push == null ? renderedText : substitute(template, push, variables, Escape.NONE).strip());
  }

  /**
   * Renders a notification: its {@link Notification#data()} plus {@code recipientName} and {@code
   * actorName} taken from {@code users} (typically one {@code Directory.users(...)} call for the
   * recipient and the actor), {@code template} and {@code notificationId}.
   */
  public Message render(Notification notification, Locale locale, Map<String, UserInfo> users) {
    return render(notification.template(), locale, variables(notification, users));
  }

  /**
   * The variables of a notification: its data, plus {@code recipientName} and {@code actorName}
   * ("first last" from the directory, empty for a user it does not know), {@code template} and
   * {@code notificationId}.
   */
  public static Map<String, String> variables(
      Notification notification, Map<String, UserInfo> users) {
    Map<String, String> vars = new HashMap<>(notification.data());
    vars.put("recipientName", displayName(users.get(notification.recipientId())));
    vars.put("actorName", displayName(users.get(notification.actorId())));
    vars.put("template", notification.template().name());
    vars.put("notificationId", notification.id());
    vars.putIfAbsent("ticketId", notification.ticketId());
    return vars;
  }

  private static String displayName(@Nullable UserInfo user) {
    if (user == null) {
      return "";
    }
    String first = user.firstName() == null ? "" : user.firstName();
    String last = user.lastName() == null ? "" : user.lastName();
    return (first + " " + last).strip();
  }

  // ---- lookup

  /** A place templates are looked for; the built-in one is read with this library's class loader. */
  private record Source(String prefix, boolean builtIn) {}

  private record Found(Source source, String content) {}

  /** The base names to try, most specific first: requested locale, default locale, none. */
  private List<String> candidateNames(String template, Locale locale) {
    Set<String> names = new LinkedHashSet<>();
    for (Locale l : List.of(locale, defaultLocale)) {
      for (Locale candidate : LOCALES.getCandidateLocales(template, l)) {
        if (!candidate.equals(Locale.ROOT)) {
          names.add(LOCALES.toBundleName(template, candidate));
        }
      }
    }
    names.add(template);
    return new ArrayList<>(names);
  }

  private Optional<Found> find(List<String> names, String extension, List<Source> sources) {
    for (String name : names) {
      for (Source source : sources) {
        Optional<String> content = file(source.builtIn(), source.prefix() + name + extension);
        if (content.isPresent()) {
          return Optional.of(new Found(source, content.get()));
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> file(boolean builtIn, String path) {
    return files.computeIfAbsent(
        (builtIn ? "library:" : "host:") + path,
        key -> {
          // The built-in files sit beside this class, whatever loader the host's files come from.
          URL url =
              (builtIn ? MessageTemplates.class.getClassLoader() : classLoader).getResource(path);
          if (url == null) {
            return Optional.empty();
          }
          try (InputStream in = url.openStream()) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + path, e);
          }
        });
  }

  // ---- substitution

  private enum Escape {
    NONE,
    HTML,
    HEADER
  }

  private String substitute(
      String template, String source, Map<String, String> variables, Escape escape) {
    Matcher m = PLACEHOLDER.matcher(source);
    StringBuilder out = new StringBuilder(source.length() + 64);
    int last = 0;
    while (m.find()) {
      out.append(source, last, m.start());
      String name = m.group(1);
      String value = variables.get(name);
      if (value == null) {
        if (reportedMissing.add(template + "/" + name)) {
          log.debug(
              "Template {} uses {{{}}}, which has no value here; it renders empty", template, name);
        }
      } else {
        out.append(escape == Escape.HTML ? escapeHtml(value) : value);
      }
      last = m.end();
    }
    out.append(source, last, source.length());
    return escape == Escape.HEADER ? oneLine(out) : out.toString();
  }

  /** Escapes the five characters that matter in HTML text and attribute values. */
  public static String escapeHtml(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * One line: every control character (CR, LF and tab included) and the Unicode line and paragraph
   * separators become a space, runs of spaces one space, no space at either end.
   */
  static String oneLine(CharSequence s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean blank =
          Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || Character.isWhitespace(c);
      if (blank) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Builder of {@link MessageTemplates}. */
  public static final class Builder {
    private String hostPrefix = DEFAULT_HOST_PREFIX;
    private @Nullable ClassLoader classLoader;
    private Locale defaultLocale = Locale.ENGLISH;

    private Builder() {}

    /**
     * Where the host's templates are on the class path (default {@value #DEFAULT_HOST_PREFIX}); a
     * leading slash is ignored and a trailing one added.
     */
    public Builder hostPrefix(String v) {
      String p = v.strip();
      while (p.startsWith("/")) {
        p = p.substring(1);
      }
      if (p.contains("..")) {
        throw new IllegalArgumentException("hostPrefix must not contain '..'");
      }
      hostPrefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
      return this;
    }

    /** The class loader to read templates with (default: the thread context class loader at build time, else this library's). */
    public Builder classLoader(ClassLoader v) {
      classLoader = Objects.requireNonNull(v);
      return this;
    }

    /** The locale tried after the reader's and before the unsuffixed files (default English). */
    public Builder defaultLocale(Locale v) {
      defaultLocale = Objects.requireNonNull(v);
      return this;
    }

    public MessageTemplates build() {
      ClassLoader cl = classLoader;
      if (cl == null) {
        cl = Thread.currentThread().getContextClassLoader();
      }
      if (cl == null) {
        cl = MessageTemplates.class.getClassLoader();
      }
      return new MessageTemplates(hostPrefix, cl, defaultLocale);
    }
  }
}
