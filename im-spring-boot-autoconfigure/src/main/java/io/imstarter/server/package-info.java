/** The IM server: its API (ImServer, config, strategies, listener, exceptions), core (sessions, dispatch, routing, QoS) and transport SPI. */
package io.imstarter.server;
