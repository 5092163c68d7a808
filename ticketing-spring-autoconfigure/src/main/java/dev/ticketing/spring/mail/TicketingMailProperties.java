package dev.ticketing.spring.mail;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code ticketing.mail.*} properties: email notifications through Spring's {@code
 * JavaMailSender} ({@code spring.mail.*} configures the server).
 *
 * @param from the sender address, for example support@example.com, with a display name if
 *     wanted; email notifications are on when this is set and a JavaMailSender exists
 * @param locale the language mails are written in: templates such as "name_de.txt" are
 *     preferred for "de", the unsuffixed ones are the fall-back
 * @param templatePrefix where the host's templates are on its class path; a file there wins over
 *     the built-in one of the same name
 * @since 0.1.0
 */
@ConfigurationProperties("ticketing.mail")
public record TicketingMailProperties(
    @Nullable String from,
    @DefaultValue("en") Locale locale,
    @DefaultValue("ticketing/templates/") String templatePrefix) {}
