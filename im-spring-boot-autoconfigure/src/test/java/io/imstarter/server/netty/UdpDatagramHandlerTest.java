package io.imstarter.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.server.ImServerConfig;
import io.imstarter.server.InboundFrame;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Section 5 UDP datagrams and the bounded peer table on an {@link EmbeddedChannel}: a limit of 100 bytes, at most
 * 3 peers, at most 2 from one address. The recording hub logs nobody in, so every peer may be evicted.
 */
class UdpDatagramHandlerTest {

    private static final int MAX_DATAGRAM = 100;
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 7901);

    private final RecordingHub hub = new RecordingHub();
    private final UdpPeerTable peers = new UdpPeerTable(hub,
            new ImServerConfig().getUdp().setMaxPeers(3).setMaxConnectionsPerAddress(2));
    private final EmbeddedChannel channel = new EmbeddedChannel(new UdpDatagramHandler(peers, MAX_DATAGRAM));

    @Test
    void eachDatagramIsOnePacketOfItsSendersPeer() {
        send(peer("127.0.0.1", 1000), "{\"a\":1}");
        send(peer("127.0.0.1", 1000), "{\"a\":2}");

        assertThat(hub.frames).extracting(received -> received.frame().json()).containsExactly("{\"a\":1}",
                "{\"a\":2}");
        assertThat(hub.frames.get(0).connection()).isSameAs(hub.frames.get(1).connection());
        assertThat(hub.opened).hasSize(1);
    }

    @Test
    void datagramOverTheLimitIsRejectedWith303() {
        send(peer("127.0.0.1", 1000), "x".repeat(MAX_DATAGRAM + 1));

        InboundFrame rejection = hub.frames.get(0).frame();
        assertThat(rejection.errorCode()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(rejection.errorMessage()).contains("101").contains("100");
    }

    @Test
    void fullTableEvictsTheOldestPeerThatHasNotLoggedIn() {
        send(peer("127.0.0.1", 1), "{}");
        send(peer("127.0.0.2", 2), "{}");
        send(peer("127.0.0.3", 3), "{}");

        send(peer("127.0.0.4", 4), "{}");

        assertThat(peers.size()).isEqualTo(3);
        assertThat(hub.closed).containsExactly(hub.opened.get(0));
        assertThat(hub.refusals).isEmpty();
    }

    @Test
    void addressAtItsCapIsRefusedWithASentenceNamingTheLimit() {
        send(peer("127.0.0.1", 1), "{}");
        send(peer("127.0.0.1", 2), "{}");

        send(peer("127.0.0.1", 3), "{}");

        assertThat(hub.refusals).singleElement().asString().contains("the limit is 2");
        assertThat(peers.size()).isEqualTo(2);
        assertThat(hub.frames).hasSize(2);
    }

    private void send(InetSocketAddress sender, String text) {
        channel.writeInbound(new DatagramPacket(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), SERVER, sender));
    }

    private static InetSocketAddress peer(String address, int port) {
        return new InetSocketAddress(address, port);
    }
}
