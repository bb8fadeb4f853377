/** The IM server: its API, its core (sessions, dispatch, routing, QoS) and the transport SPI its gateways implement. */
package io.imstarter.server;
