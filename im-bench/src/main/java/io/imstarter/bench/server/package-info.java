/** An in-process {@code ImServer} with benchmark settings, run as its own process by the benchmark script. */
package io.imstarter.bench.server;
