/**
 * The store contracts: {@link dev.ticketing.tck.TicketStoreContract} and {@link
 * dev.ticketing.tck.OutboxStoreContract}, abstract JUnit Jupiter suites every {@link
 * dev.ticketing.spi.TicketStore} implementation runs. A store module extends each in its own tests
 * and supplies a fresh, empty store per test; the suites' nested groups (CRUD and versioning,
 * transactions, visibility scoping, filters, keyset pagination, search, activity, statistics,
 * audit, soft delete and purge, concurrency, idempotency keys; outbox requests, resolution,
 * deliveries per channel, operations) then run against that store.
 */
@NullMarked
package dev.ticketing.tck;

import org.jspecify.annotations.NullMarked;
