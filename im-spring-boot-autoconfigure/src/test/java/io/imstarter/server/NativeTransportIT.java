package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.UserPair;
import io.imstarter.testsupport.Wire;
import io.netty.channel.epoll.Epoll;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server on either IO: Java NIO when {@code native-transport} is off, epoll (the default where it loads, as on
 * the build machine), whose UDP gateway reads the port with several sockets.
 */
class NativeTransportIT {

    @RegisterExtension
    static final ImServerExtension nioServer = new ImServerExtension()
            .configure(config -> config.setNativeTransport(false));

    @RegisterExtension
    static final ImServerExtension defaultServer = new ImServerExtension();

    @ParameterizedTest(name = "a C2C message and a keep-alive go through on {0} with native-transport off")
    @EnumSource(Transport.class)
    void everyTransportWorksOnJavaNio(Transport transport) {
        exchangeOn(nioServer, transport);
    }

    @ParameterizedTest(name = "a C2C message and a keep-alive go through on {0} with the native transport")
    @EnumSource(Transport.class)
    void everyTransportWorksOnTheNativeTransport(Transport transport) {
        exchangeOn(defaultServer, transport);
    }

    @Test
    void manyUdpPeersAreAnsweredWhenSeveralSocketsReadThePort() {
        assumeTrue(Epoll.isAvailable(), "epoll is not available here");
        List<RawClient> clients = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String user = defaultServer.newUserId("udp-reader");
            RawClient client = defaultServer.loggedIn(Transport.UDP, user);
            clients.add(client);
            client.send(Wire.keepAlive(user));
        }

        for (RawClient client : clients) {
            assertThat(client.inbox().await(Expect.type(PacketType.KEEP_ALIVE_RESPONSE), RawClient.TIMEOUT))
                    .isNotNull();
            client.close();
        }
    }

    private static void exchangeOn(ImServerExtension server, Transport transport) {
        UserPair pair = server.loggedInPair(transport);
        pair.senderClient().send(Wire.data(pair.sender(), pair.receiver(), "over " + transport, false));

        assertThat(pair.receiverClient().inbox().await(Expect.dataWithContent("over " + transport),
                RawClient.TIMEOUT).text()).contains(pair.sender());
        pair.senderClient().send(Wire.keepAlive(pair.sender()));
        assertThat(pair.senderClient().inbox().await(Expect.type(PacketType.KEEP_ALIVE_RESPONSE), RawClient.TIMEOUT)
                .text()).isEqualTo(Wire.keepAliveReplyText(pair.sender()));
        pair.senderClient().close();
        pair.receiverClient().close();
    }
}
