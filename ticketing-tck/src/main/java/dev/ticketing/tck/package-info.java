/**
 * The store contract: {@link dev.ticketing.tck.TicketStoreContract}, the abstract JUnit Jupiter
 * suite every {@link dev.ticketing.spi.TicketStore} implementation runs. A store module extends it
 * in its own tests and supplies a fresh, empty store per test; the suite's nested groups (CRUD and
 * versioning, transactions, visibility scoping, filters, keyset pagination, search, activity,
 * statistics, audit, soft delete and purge, outbox, concurrency) then run against that store.
 */
@NullMarked
package dev.ticketing.tck;

import org.jspecify.annotations.NullMarked;
