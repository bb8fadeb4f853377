package io.imstarter.client;

import io.imstarter.protocol.ImPipeline;
import io.imstarter.protocol.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslHandler;
import java.net.URI;
import javax.net.ssl.SSLException;

/**
 * Opens {@link Link}s to a configured server over TCP, UDP or WebSocket on the owner's event loop group (NIO).
 *
 * <pre>
 * TCP        [ssl] - frameDecoder - frameEncoder - packetDecoder - packetHandler
 * UDP                datagramDecoder             - packetDecoder - packetHandler
 * WebSocket  [ssl] - httpCodec - httpAggregator - wsProtocol - wsFrameAggregator - wsFrameCodec - packetDecoder
 *            - packetHandler
 * </pre>
 *
 * <p>The names are the {@link ImPipeline} constants that the server uses for the same jobs.
 *
 * <p>{@link Link#write} encodes packets itself, so that it knows and bounds the bytes waiting to be sent; the
 * pipeline only frames the bodies (length header, datagram, or text message).
 */
final class LinkConnector {

    /** UDP datagrams and WebSocket messages can be up to 64 KiB; we read them whole (section 5). */
    static final int MAX_INBOUND_MESSAGE = 64 * 1024;

    /** A stock server logs out a UDP client whose datagram exceeds 2048 bytes (section 5). */
    static final int MAX_UDP_DATAGRAM = 2048;

    private static final int HTTP_RESPONSE_LIMIT = 8192;

    private final ImClientConfig config;
    private final EventLoopGroup group;

    LinkConnector(ImClientConfig config, EventLoopGroup group) {
        this.config = config;
        this.group = group;
    }

    /** The largest packet body this client may write on its transport. */
    static int maxOutboundBytes(ImClientConfig config) {
        return switch (config.getTransport()) {
            case TCP -> config.maxFrameBytes();
            case UDP -> MAX_UDP_DATAGRAM;
            case WEBSOCKET -> MAX_INBOUND_MESSAGE;
        };
    }

    /** Starts connecting; the link's {@link Link#ready()} tells when it can carry packets or why it cannot. */
    Link connect(ServerAddress server, LinkListener listener) {
        Link link = new Link(listener);
        Bootstrap bootstrap = new Bootstrap().group(group)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.getConnectTimeout().toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        link.attach(channel);
                        initPipeline(channel, link, server);
                    }
                });
        if (config.getTransport() == Transport.UDP) {
            bootstrap.channel(NioDatagramChannel.class)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_INBOUND_MESSAGE));
        }
        else {
            bootstrap.channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.SO_KEEPALIVE, true);
        }
        ChannelFuture connected = bootstrap.connect(server.host(), server.port());
        connected.addListener(done -> {
            if (!done.isSuccess()) {
                link.fail(done.cause());
            }
            else if (config.getTransport() != Transport.WEBSOCKET) {
                // WebSocket is ready after its upgrade, which LinkHandler reports.
                readyAfterTls(connected.channel(), link);
            }
        });
        return link;
    }

    /** Marks the link ready once TLS, if any, is established, so that a refused certificate fails the connect. */
    private static void readyAfterTls(Channel channel, Link link) {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            link.markReady();
            return;
        }
        tls.handshakeFuture().addListener(handshake -> {
            if (handshake.isSuccess()) {
                link.markReady();
            }
            else {
                link.fail(new SSLException("the TLS handshake failed: " + handshake.cause().getMessage(),
                        handshake.cause()));
            }
        });
    }

    private void initPipeline(Channel channel, Link link, ServerAddress server) {
        ChannelPipeline pipeline = channel.pipeline();
        if (config.sslContext() != null) {
            pipeline.addLast(ImPipeline.SSL,
                    config.sslContext().newHandler(channel.alloc(), server.host(), server.port()));
        }
        switch (config.getTransport()) {
            case TCP -> {
                int headerBytes = 4;
                pipeline.addLast(ImPipeline.FRAME_DECODER, new LengthFieldBasedFrameDecoder(
                        config.maxFrameBytes() + headerBytes, 0, headerBytes, 0, headerBytes));
                pipeline.addLast(ImPipeline.FRAME_ENCODER, new LengthFieldPrepender(headerBytes));
            }
            case UDP -> pipeline.addLast(ImPipeline.DATAGRAM_DECODER, DatagramBodyDecoder.INSTANCE);
            case WEBSOCKET -> {
                pipeline.addLast(ImPipeline.HTTP_CODEC, new HttpClientCodec());
                pipeline.addLast(ImPipeline.HTTP_AGGREGATOR, new HttpObjectAggregator(HTTP_RESPONSE_LIMIT));
                pipeline.addLast(ImPipeline.WS_PROTOCOL, new WebSocketClientProtocolHandler(webSocketConfig(server)));
                pipeline.addLast(ImPipeline.WS_FRAME_AGGREGATOR, new WebSocketFrameAggregator(MAX_INBOUND_MESSAGE));
                pipeline.addLast(ImPipeline.WS_FRAME_CODEC, WebSocketTextCodec.INSTANCE);
            }
        }
        pipeline.addLast(ImPipeline.PACKET_DECODER, PacketDecoder.INSTANCE);
        pipeline.addLast(ImPipeline.PACKET_HANDLER, new LinkHandler(link));
    }

    private WebSocketClientProtocolConfig webSocketConfig(ServerAddress server) {
        String scheme = config.sslContext() != null ? "wss" : "ws";
        URI uri = URI.create(scheme + "://" + server + config.getWebsocketPath());
        return WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .allowExtensions(false)
                .maxFramePayloadLength(MAX_INBOUND_MESSAGE)
                .handshakeTimeoutMillis(config.getConnectTimeout().toMillis())
                .build();
    }
}
