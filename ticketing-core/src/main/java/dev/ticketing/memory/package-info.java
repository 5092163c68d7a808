/** In-memory implementations of the SPIs: the embedded default for tests, examples and prototypes. */
@NullMarked
package dev.ticketing.memory;

import org.jspecify.annotations.NullMarked;
