package io.imstarter.server.netty;

import io.imstarter.server.ImServerConfig;
import io.netty.channel.WriteBufferWaterMark;

/** The channels' write-buffer water marks, from {@code im.server.outbound.*}. */
final class OutboundLimits {

    private OutboundLimits() {
    }

    static WriteBufferWaterMark waterMark(GatewayContext context) {
        ImServerConfig config = context.hub().config();
        return new WriteBufferWaterMark((int) config.getOutbound().getLowWaterMark().toBytes(),
                (int) config.getOutbound().getHighWaterMark().toBytes());
    }
}
