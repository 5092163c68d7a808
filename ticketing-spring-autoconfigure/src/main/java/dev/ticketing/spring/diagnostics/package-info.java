/**
 * Start-up mistakes a host can make with ticketing, each failing start-up with a report that says
 * what is wrong and the one line to change: a missing Flyway database module, {@code pg_trgm}
 * installed off the search path, a schema generation that would drop the ticketing tables,
 * attachments kept in memory beside a database.
 */
@NullMarked
package dev.ticketing.spring.diagnostics;

import org.jspecify.annotations.NullMarked;
