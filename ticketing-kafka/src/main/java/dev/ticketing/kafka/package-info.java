/**
 * Ticket events on Kafka: every recorded change of every ticket as a CloudEvents 1.0 record in
 * structured JSON, keyed by the ticket's id, published from the outbox at least once by {@link
 * dev.ticketing.kafka.KafkaEventChannel}; the text of internal notes only on the staff topic.
 *
 * @since 0.2.0
 */
@NullMarked
package dev.ticketing.kafka;

import org.jspecify.annotations.NullMarked;
