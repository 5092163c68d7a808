package dev.ticketing.spi;

import java.time.Instant;

/**
 * An object to delete from blob storage once {@code notBefore} has passed. Deletions are written in
 * the unit of work that gives an object up (a purge, a confirmation, a sweep of expired grants), so
 * that no object is forgotten when the process stops before deleting it; the attachment sweeper
 * deletes the due ones and then removes them.
 *
 * @param notBefore not deleted earlier: a staged upload is scheduled for when its upload URL can no
 *     longer write it again
 * @since 0.1.0
 */
public record ObjectDeletion(String objectKey, Instant notBefore) {}
