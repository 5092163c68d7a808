package dev.ticketing.spring.jpa;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code ticketing.store.replica.*} configuration properties: a read replica of the JPA store's
 * database. With a URL, the store reads an actor's listings, searches, page totals and statistics
 * from the replica, and the actor's reads after its own write from the primary for the
 * read-your-writes window; when the replica fails or lags, reads fall back to the primary.
 *
 * @param url the replica's JDBC URL; none (the default) reads everything from the primary
 * @param username the user to connect as; default: spring.datasource.username
 * @param password the user's password; default: spring.datasource.password
 * @param readYourWritesWindow how long after an actor's write that actor's reads go to the primary
 * @param maxLag how far the replica may lag behind the primary (measured on PostgreSQL at most once
 *     a second) before reads go to the primary until it catches up
 * @since 0.2.0
 */
@ConfigurationProperties("ticketing.store.replica")
public record TicketingReplicaProperties(
    @Nullable String url,
    @Nullable String username,
    @Nullable String password,
    @DefaultValue("5s") Duration readYourWritesWindow,
    @DefaultValue("10s") Duration maxLag) {}
