/**
 * The e-mail channel: inbound messages (posted by a provider or polled from an IMAP box) become
 * tickets and replies, threaded to the right ticket and never processed twice; outbound
 * notifications carry the headers and the signed reply address that bring the answers back.
 *
 * @since 0.2.0
 */
@NullMarked
package dev.ticketing.email;

import org.jspecify.annotations.NullMarked;
