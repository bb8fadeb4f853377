package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.imstarter.testsupport.RecordingClientListener;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A WebSocket server that splits every packet into fragments: the client must reassemble each message. */
class ImClientWebSocketFragmentsTest {

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    private Channel acceptor;

    @BeforeEach
    void start() throws InterruptedException {
        acceptor = new ServerBootstrap().group(shared.group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                new WebSocketServerProtocolHandler("/websocket"), new FragmentingServer());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    @AfterEach
    void stop() {
        acceptor.close().syncUninterruptibly();
    }

    @Test
    void reassemblesFragmentedMessages() throws Exception {
        int port = ((InetSocketAddress) acceptor.localAddress()).getPort();
        RecordingClientListener events = new RecordingClientListener();
        try (ImClient client = shared.client(new ImClientConfig().setTransport(Transport.WEBSOCKET).setPort(port))) {
            client.addListener(events);

            LoginResponse response = client.login("u1", "tk", null).get(5, TimeUnit.SECONDS);

            assertThat(response).isEqualTo(new LoginResponse(0, 77));
            await().atMost(Duration.ofSeconds(5)).until(() -> events.messages.size() == 1);
            assertThat(events.messages.peek().dataContent()).isEqualTo("fragmented ".repeat(500));
        }
    }

    /** Answers a login with a fragmented 50, then sends a fragmented message. */
    private static final class FragmentingServer extends SimpleChannelInboundHandler<TextWebSocketFrame> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame)
                throws MalformedPacketException {
            Packet packet = PacketCodec.decode(frame.text());
            if (packet.type() != PacketType.LOGIN) {
                return;
            }
            String accepted = PacketCodec.encodePayload(new LoginResponse(0, 77));
            writeInFragments(ctx, Packet.control(PacketType.LOGIN_RESPONSE, accepted, UserIds.SERVER, "u1"), 2);
            writeInFragments(ctx, Packet.of(PacketType.DATA, "fragmented ".repeat(500), "u2", "u1", null, false, 1),
                    5);
        }

        private static void writeInFragments(ChannelHandlerContext ctx, Packet packet, int parts) {
            String text = PacketCodec.encode(packet);
            int size = text.length() / parts + 1;
            for (int start = 0; start < text.length(); start += size) {
                String part = text.substring(start, Math.min(text.length(), start + size));
                boolean last = start + size >= text.length();
                ctx.write(start == 0 ? new TextWebSocketFrame(last, 0, part)
                        : new ContinuationWebSocketFrame(last, 0, part));
            }
            ctx.flush();
        }
    }
}
