package dev.ticketing.examples.desk;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code desk.web.*} properties: what the pages of the web components may reach besides the
 * desk itself.
 *
 * @param attachmentOrigins the origins of the object store that holds attachments (for example
 *     {@code https://my-bucket.s3.eu-central-1.amazonaws.com}): the pages' Content-Security-Policy
 *     lets browsers connect there ({@code connect-src}: the pre-signed upload) and show images from
 *     there ({@code img-src}). Default none: with the embedded object store its own origin is added
 *     by itself. Each is a scheme ({@code https} or {@code http}), a host (a leading {@code *.}
 *     allows its subdomains) and an optional port, nothing else
 */
@ConfigurationProperties("desk.web")
record DeskWebProperties(@DefaultValue List<String> attachmentOrigins) {

  private static final Pattern ORIGIN =
      Pattern.compile(
          "https?://(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(:[0-9]{1,5})?");

  DeskWebProperties {
    attachmentOrigins = List.copyOf(attachmentOrigins);
    for (String origin : attachmentOrigins) {
      if (!ORIGIN.matcher(origin).matches()) {
        throw new IllegalArgumentException(
            "desk.web.attachment-origins: '"
                + origin
                + "' is not an origin (scheme://host[:port], no path), for example"
                + " https://my-bucket.s3.eu-central-1.amazonaws.com");
      }
    }
  }
}
