package dev.ticketing.spi;

/**
 * A channel that receives every recorded change of every ticket, as events, instead of people's
 * notifications: a stream to other systems (a message broker, a search index). Registered like any
 * channel; the engine then writes one outbox request per change, in the change's unit of work, of
 * template {@link dev.ticketing.notification.TicketEvent#TEMPLATE}, and the dispatcher hands it to
 * each event channel once ({@link Delivery#notification()} read with {@link
 * dev.ticketing.notification.TicketEvent#of}). People's notifications never reach an event channel,
 * and events never reach the other channels.
 *
 * <p>Delivery is at least once: a failed attempt is retried with the channel's retry policy, and a
 * receiver drops repeats by the event's id. One dispatcher hands a ticket's events over in the
 * order of the changes: the outbox orders rows by when they are due, then by id, and an event is
 * due when its change happened.
 *
 * @since 0.2.0
 */
public interface TicketEventNotifier extends Notifier {

  /** Delivers one event, or throws to have it retried. */
  @Override
  void deliver(Delivery delivery) throws Exception;

  /** Not used: an event channel receives deliveries. */
  @Override
  default void deliver(Notification notification) throws Exception {
    throw new UnsupportedOperationException("an event channel receives deliveries");
  }
}
