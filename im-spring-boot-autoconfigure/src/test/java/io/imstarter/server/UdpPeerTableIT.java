package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10, caps: the UDP peer table holds at most {@code max-peers} (4 here). Newcomers from many source ports of
 * 127.0.0.1 push out the oldest peers that have not logged in; logged-in peers are never pushed out, and when all
 * are logged in the newcomer gets 52/305 instead. One server per test.
 */
class UdpPeerTableIT {

    private static final int MAX_PEERS = 4;

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension().configure(config -> config.getUdp().setMaxPeers(MAX_PEERS));

    @Test
    @DisplayName("many newcomers evict the oldest peers that have not logged in; the logged-in peer survives")
    void newcomersEvictPeersThatHaveNotLoggedIn() {
        String user = im.newUserId("udp-stays");
        RawClient loggedIn = im.loggedIn(Transport.UDP, user);
        List<RawClient> newcomers = new ArrayList<>();

        for (int i = 0; i < MAX_PEERS * 5; i++) {
            RawClient newcomer = im.connect(Transport.UDP);
            newcomers.add(newcomer);
            newcomer.send(Wire.echo(UserIds.UNKNOWN, "newcomer " + i));
            assertThat(newcomer.awaitPacket(Expect.type(PacketType.ECHO_RESPONSE)).dataContent())
                    .isEqualTo("newcomer " + i);
        }

        assertThat(im.server().session(user)).isPresent();
        assertThat(loggedIn.keepAlive(user).to()).isEqualTo(user);
        assertThat(im.server().stats().refusedConnections()).isZero();
        assertThat(newcomers).allMatch(client -> client.received().stream().noneMatch(Expect.type(PacketType.ERROR)));
    }

    @Test
    @DisplayName("when every peer is logged in, a newcomer gets 52/305 naming the limit and the peers stay")
    void fullTableOfLoggedInPeersRefusesTheNewcomer() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < MAX_PEERS; i++) {
            String user = im.newUserId("udp-full");
            users.add(user);
            im.loggedIn(Transport.UDP, user);
        }
        RawClient newcomer = im.connect(Transport.UDP);

        newcomer.send(Wire.echo(UserIds.UNKNOWN, "let me in"));

        Packet refusal = newcomer.awaitPacket(Expect.error(ErrorCode.RATE_LIMITED));
        assertThat(Expect.errorOf(refusal).errorMsg()).contains("limit of " + MAX_PEERS + " UDP peers");
        assertThat(newcomer.received()).noneMatch(Expect.type(PacketType.ECHO_RESPONSE));
        assertThat(users).allMatch(user -> im.server().session(user).isPresent());
        assertThat(im.server().stats().refusedConnections()).isEqualTo(1);
    }
}
