/** The Netty transport of the IM server: TCP, UDP and WebSocket gateways, their pipelines and framing (internal). */
package io.imstarter.server.netty;
