/** Benchmark tooling for the IM server: the command-line entry point of the load generator, relay and server. */
package io.imstarter.bench;
