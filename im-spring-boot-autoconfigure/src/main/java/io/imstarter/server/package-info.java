/** The IM server: gateways, session registry, dispatch, routing and server-side QoS (plain Java on Netty). */
package io.imstarter.server;
