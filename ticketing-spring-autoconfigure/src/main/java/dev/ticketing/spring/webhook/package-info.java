/**
 * Signed webhook notifications ({@code ticketing.webhooks.*}).
 */
@NullMarked
package dev.ticketing.spring.webhook;

import org.jspecify.annotations.NullMarked;
