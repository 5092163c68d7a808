/**
 * Housekeeping of attachment storage: the sweeper that removes expired upload grants and deletes
 * the objects nothing refers to any more (unconfirmed uploads, staged copies of confirmed ones,
 * files of purged tickets).
 */
@NullMarked
package dev.ticketing.attachment;

import org.jspecify.annotations.NullMarked;
