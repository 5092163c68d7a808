/**
 * The permission matrix from {@code ticketing.policy.*}: grant expressions, their parsing and the
 * start-up failure report for a malformed one.
 */
@NullMarked
package dev.ticketing.spring.policy;

import org.jspecify.annotations.NullMarked;
