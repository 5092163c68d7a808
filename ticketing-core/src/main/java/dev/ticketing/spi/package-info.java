/** Service provider interfaces: what hosts and modules plug into the engine (store, blobs, directory, notifier, ids). */
@NullMarked
package dev.ticketing.spi;

import org.jspecify.annotations.NullMarked;
