package io.imstarter.benchapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.autoconfigure.auth.ImTokenIssuer;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.store.MessageStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The deployed target really is the documented deployment: logins need a token for their user, an ACK for an
 * offline receiver comes after the store committed the message, and the application's listener sees every message.
 * Run on each of the target's databases by the subclasses.
 */
@SpringBootTest(properties = {"im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0"})
abstract class DeployedTarget {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("bench.data-dir", () -> dataDir.toString());
    }

    @Value("${local.im.server.tcp.port}")
    private int port;

    @Autowired
    private ImTokenIssuer tokens;

    @Autowired
    private MessageCounter counter;

    @Autowired
    private MessageStore store;

    @Autowired
    private DataSource dataSource;

    /** The product name the store's database reports. */
    abstract String expectedDatabase();

    @Test
    void theStoreIsInTheProfilesDatabase() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo(expectedDatabase());
        }
    }

    @Test
    void loginsNeedATokenForTheirOwnUser() throws Exception {
        try (TcpWireClient client = new TcpWireClient(port, "dt-carol")) {
            assertThat(client.login("bench")).isEqualTo(1026);
        }
        try (TcpWireClient client = new TcpWireClient(port, "dt-carol")) {
            assertThat(client.login(tokens.issue("dt-dave").getTokenValue())).isNotZero();
        }
        try (TcpWireClient client = new TcpWireClient(port, "dt-carol")) {
            assertThat(client.login(tokens.issue("dt-carol").getTokenValue())).isZero();
        }
    }

    @Test
    void aMessageToAnOfflineUserIsAckedOnceStoredAndAnOnlineOneOnceTheReceiverAcked() throws Exception {
        long storedBefore = counter.storedOffline();
        long deliveredBefore = counter.delivered();
        try (TcpWireClient alice = new TcpWireClient(port, "dt-alice")) {
            assertThat(alice.login(tokens.issue("dt-alice").getTokenValue())).isZero();

            String offlineFp = alice.sendQos("dt-bob", "while you were away");
            Packet storedAck = alice.read();
            assertThat(storedAck.type()).isEqualTo(PacketType.ACK);
            assertThat(storedAck.dataContent()).isEqualTo(offlineFp);
            assertThat(store.countUndelivered("dt-bob")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> counter.storedOffline() == storedBefore + 1);

            try (TcpWireClient bob = new TcpWireClient(port, "dt-bob")) {
                assertThat(bob.login(tokens.issue("dt-bob").getTokenValue())).isZero();
                Packet replayed = bob.read();
                assertThat(replayed.fp()).isEqualTo(offlineFp);
                bob.ack(replayed);

                String onlineFp = alice.sendQos("dt-bob", "now you are here");
                Packet relayed = bob.read();
                assertThat(relayed.fp()).isEqualTo(onlineFp);
                bob.ack(relayed);
                Packet endToEndAck = alice.read();
                assertThat(endToEndAck.dataContent()).isEqualTo(onlineFp);
                await().atMost(Duration.ofSeconds(5)).until(() -> counter.delivered() == deliveredBefore + 1);
            }
        }
    }
}
