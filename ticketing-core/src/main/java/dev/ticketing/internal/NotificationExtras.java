package dev.ticketing.internal;

import dev.ticketing.NotificationTemplate;
import dev.ticketing.spi.TicketRecord;
import java.time.Instant;
import java.util.Map;

/**
 * Variables a capability beside the tickets adds to the notifications the engine routes (a rating
 * link on the resolution notice), computed when the notification is written.
 */
@FunctionalInterface
interface NotificationExtras {

  /** Adds nothing. */
  NotificationExtras NONE = (template, ticket, at) -> Map.of();

  /** The variables to add to a notification of {@code template} about {@code ticket}. */
  Map<String, String> variables(NotificationTemplate template, TicketRecord ticket, Instant at);
}
