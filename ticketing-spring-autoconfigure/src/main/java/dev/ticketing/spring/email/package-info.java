/**
 * The e-mail channel ({@code ticketing.email.*}): threaded outbound mail, inbound mail posted by a
 * provider or polled from an IMAP box.
 */
@NullMarked
package dev.ticketing.spring.email;

import org.jspecify.annotations.NullMarked;
