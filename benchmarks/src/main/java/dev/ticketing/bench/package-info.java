/** JMH benchmarks of the engine's hot paths; run from {@code benchmarks/target/benchmarks.jar}. */
@NullMarked
package dev.ticketing.bench;

import org.jspecify.annotations.NullMarked;
