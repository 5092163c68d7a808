/**
 * E-mail notifications through the host's {@code JavaMailSender} ({@code ticketing.mail.*}).
 */
@NullMarked
package dev.ticketing.spring.mail;

import org.jspecify.annotations.NullMarked;
