/** JMH micro-benchmarks of the wire codec: time and allocation per encode and decode of the common packets. */
package io.imstarter.bench.jmh;
