package io.imstarter.server.netty;

import io.imstarter.protocol.ImPipeline;
import io.imstarter.protocol.Transport;
import io.netty.channel.ChannelPipeline;

/**
 * Adjusts a gateway's Netty pipeline after the server assembled it, e.g. to add logging or traffic shaping in
 * front of the codec. Handler names are in {@link ImPipeline}. Called on the event loop for every new TCP or
 * WebSocket connection, and once for the UDP channel; it must not block.
 */
@FunctionalInterface
public interface GatewayPipelineCustomizer {

    void customize(Transport transport, ChannelPipeline pipeline);
}
