/** The embedded IM client: transports, keep-alive, re-login with backoff, client QoS and the client manager. */
package io.imstarter.client;
