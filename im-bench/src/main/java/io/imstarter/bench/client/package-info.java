/** Lean wire-protocol load clients over TCP, WebSocket and UDP on one shared event loop group. */
package io.imstarter.bench.client;
