package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ImPipeline;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The handlers a gateway installs are exactly those drawn in {@link ImPipeline}, in that order. */
class PipelineIT {

    private static final Map<Transport, List<String>> ASSEMBLED = new ConcurrentHashMap<>();
    private static final Map<Transport, ChannelPipeline> PIPELINES = new ConcurrentHashMap<>();

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension()
            .pipelineCustomizer((transport, pipeline) -> {
                ASSEMBLED.put(transport, handlerNames(pipeline));
                PIPELINES.put(transport, pipeline);
            });

    @Test
    void tcpFramesLengthPrefixedBodiesAndEncodesPacketsInNamedHandlers() {
        im.loggedIn(Transport.TCP, im.newUserId("tcp"));

        assertThat(ASSEMBLED.get(Transport.TCP)).containsExactly(ImPipeline.FRAME_DECODER,
                ImPipeline.FRAME_ENCODER, ImPipeline.PACKET_ENCODER, ImPipeline.PACKET_HANDLER);
    }

    @Test
    void webSocketUpgradesOnItsPathThenCarriesTextFrames() {
        im.loggedIn(Transport.WEBSOCKET, im.newUserId("ws"));

        assertThat(ASSEMBLED.get(Transport.WEBSOCKET)).containsExactly(ImPipeline.HTTP_CODEC,
                ImPipeline.HTTP_AGGREGATOR, ImPipeline.WS_PATH_GUARD, ImPipeline.READ_DEADLINE, ImPipeline.WS_PROTOCOL,
                ImPipeline.WS_FRAME_AGGREGATOR, ImPipeline.WS_FRAME_ENCODER, ImPipeline.PACKET_ENCODER,
                ImPipeline.PACKET_HANDLER);
    }

    @Test
    void webSocketPathGuardLeavesThePipelineOnceUpgraded() {
        im.loggedIn(Transport.WEBSOCKET, im.newUserId("ws"));

        ChannelPipeline upgraded = PIPELINES.get(Transport.WEBSOCKET);
        await().atMost(RawClient.TIMEOUT).until(() -> upgraded.get(ImPipeline.WS_PATH_GUARD) == null);
        assertThat(upgraded.get(ImPipeline.READ_DEADLINE)).isNotNull();
        assertThat(upgraded.get(ImPipeline.PACKET_HANDLER)).isNotNull();
    }

    @Test
    void udpSharesOneChannelWithAPacketEncoderAndHandler() {
        im.loggedIn(Transport.UDP, im.newUserId("udp"));

        assertThat(ASSEMBLED.get(Transport.UDP)).containsExactly(ImPipeline.PACKET_ENCODER,
                ImPipeline.PACKET_HANDLER);
    }

    /**
     * The names a customizer sees, without the initializer that is assembling the pipeline, Netty's tail, and the
     * handshake handler and UTF-8 validator that Netty's {@code wsProtocol} inserts in front of itself.
     */
    private static List<String> handlerNames(ChannelPipeline pipeline) {
        return pipeline.names().stream()
                .filter(name -> pipeline.get(name) != null && !(pipeline.get(name) instanceof ChannelInitializer))
                .filter(name -> !name.startsWith(WebSocketServerProtocolHandler.class.getPackageName() + "."))
                .toList();
    }
}
