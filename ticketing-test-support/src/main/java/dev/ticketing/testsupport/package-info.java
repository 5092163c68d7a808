/**
 * Fixtures for testing code that embeds the ticketing library: {@link
 * dev.ticketing.testsupport.MutableClock} (time moved by hand), {@link
 * dev.ticketing.testsupport.RecordingNotifier} (the host's side of the outbox, failing on demand) and
 * {@link dev.ticketing.testsupport.FaultyDataSource} (a connection lost in the middle of a unit of
 * work). They depend on the JDK and {@code ticketing-core} only, so they work under any test
 * framework. See docs/testing.md.
 */
@NullMarked
package dev.ticketing.testsupport;

import org.jspecify.annotations.NullMarked;
