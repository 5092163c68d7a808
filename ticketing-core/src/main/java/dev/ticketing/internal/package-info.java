/** Implementation details of the engine. Not API: nothing outside ticketing-core may import this package. */
@NullMarked
package dev.ticketing.internal;

import org.jspecify.annotations.NullMarked;
