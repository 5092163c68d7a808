/**
 * JMH benchmarks of the engine's hot paths, and the load harness ({@link dev.ticketing.bench.LoadData},
 * {@link dev.ticketing.bench.Suite}) that measures the JPA store at a million tickets against
 * hand-written SQL; run from {@code benchmarks/target/benchmarks.jar}.
 */
@NullMarked
package dev.ticketing.bench;

import org.jspecify.annotations.NullMarked;
