/** Latency histograms, counters, the once-a-second progress line and the server process probe. */
package io.imstarter.bench.metrics;
