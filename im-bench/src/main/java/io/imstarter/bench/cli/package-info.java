/** Command-line option parsing with clear errors for the benchmark tools. */
package io.imstarter.bench.cli;
