/**
 * Fixtures for testing code that embeds the ticketing library: {@link
 * dev.ticketing.testsupport.MutableClock} (time moved by hand), {@link
 * dev.ticketing.testsupport.RecordingNotifier} (the host's side of the outbox, failing on demand) and
 * {@link dev.ticketing.testsupport.FaultyDataSource} (a connection lost in the middle of a unit of
 * work), {@link dev.ticketing.testsupport.Race} (tasks released together), {@link
 * dev.ticketing.testsupport.ForwardingOutboxStore} (an outbox to override one call of) and {@link
 * dev.ticketing.testsupport.S3ProxyServer} (an S3-compatible server in the test's JVM), among
 * others. They depend on the JDK and {@code ticketing-core} only (S3ProxyServer also on S3Proxy, an
 * optional dependency the host adds), so they work under any test framework. See
 * docs/testing.md.
 */
@NullMarked
package dev.ticketing.testsupport;

import org.jspecify.annotations.NullMarked;
