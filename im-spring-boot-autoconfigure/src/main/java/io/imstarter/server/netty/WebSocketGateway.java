package io.imstarter.server.netty;

import io.imstarter.protocol.ImPipeline;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServerConfig;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * WebSocket (section 5): the upgrade on exactly the configured path, no subprotocol, no extensions; one text
 * message per packet. Single frames beyond a hard ceiling of 4 × the message limit close the connection (1009).
 */
final class WebSocketGateway extends StreamGateway {

    private static final int MAX_HANDSHAKE_REQUEST = 8192;

    private final WebSocketServerProtocolConfig protocol;
    private final WebSocketPathGuard pathGuard;

    WebSocketGateway(GatewayContext context) {
        super(Transport.WEBSOCKET, context);
        ImServerConfig.WebSocket config = context.hub().config().getWebsocket();
        // Built once for the gateway: every channel's protocol handler reads the same settings.
        this.protocol = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(config.getPath())
                .checkStartsWith(false)
                .handleCloseFrames(true)
                .handshakeTimeoutMillis(frameTimeoutMillis())
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(config.maxInboundBytes() * 4)
                        .allowExtensions(false)
                        // Netty's own close on a violation goes around wsProtocol, which then adds a second close
                        // frame (1000); the assembler sends the one close frame instead.
                        .closeOnProtocolViolation(false)
                        .build())
                .build();
        this.pathGuard = new WebSocketPathGuard(config.getPath());
    }

    /** The deadlines see the handshake request and every frame, control frames too, before wsProtocol takes them. */
    @Override
    boolean addFraming(ChannelPipeline pipeline, ImServerConfig.Gateway config, ReadDeadlineHandler readDeadline) {
        pipeline.addLast(ImPipeline.HTTP_CODEC, new HttpServerCodec());
        pipeline.addLast(ImPipeline.HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_HANDSHAKE_REQUEST));
        pipeline.addLast(ImPipeline.WS_PATH_GUARD, pathGuard);
        pipeline.addLast(ImPipeline.READ_DEADLINE, readDeadline);
        pipeline.addLast(ImPipeline.WS_PROTOCOL, new WebSocketServerProtocolHandler(protocol));
        pipeline.addLast(ImPipeline.WS_FRAME_AGGREGATOR, new WebSocketMessageAssembler(config.maxInboundBytes()));
        pipeline.addLast(ImPipeline.WS_FRAME_ENCODER, WebSocketFrameEncoder.INSTANCE);
        return true;
    }
}
