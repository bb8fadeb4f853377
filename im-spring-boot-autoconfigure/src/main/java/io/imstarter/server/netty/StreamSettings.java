package io.imstarter.server.netty;

import io.imstarter.protocol.Transport;
import io.imstarter.server.ConnectionHub;

/**
 * What every {@link ChannelConnection} of one gateway shares, held once for all of them.
 *
 * @param transport TCP or WebSocket
 * @param hub the server core the connections report to
 * @param limits the gateway's connection caps
 * @param backpressure the gateway's backpressure handler, which the connections hand their writability to
 * @param refuseAfterHandshake true for WebSocket, where the 52/305 of a refusal can only go out as a text message,
 *        once the upgrade is done
 * @param openChannels the gateway's open channels, which a connection leaves when its channel closes
 */
record StreamSettings(Transport transport, ConnectionHub hub, ConnectionLimits limits,
        OutboundBackpressureHandler backpressure, boolean refuseAfterHandshake, OpenChannels openChannels) {
}
