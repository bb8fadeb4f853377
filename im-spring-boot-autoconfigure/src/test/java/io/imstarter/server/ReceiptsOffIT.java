package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.ReadReceipt;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.imstarter.store.ReadPointerBuffer;
import io.imstarter.store.jdbc.JdbcReadStateStore;
import io.imstarter.store.jdbc.TestDatabases;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With read receipts off (the default), a stock client's type 2 to "0" with the receipts typeu is an ordinary C2S
 * message: handed to the application as sent, and ACKed, as before receipts existed.
 */
class ReceiptsOffIT {

    private final JdbcReadStateStore store = new JdbcReadStateStore(TestDatabases.h2Memory(), Clock.systemUTC());

    private final ReadPointerBuffer pointers = new ReadPointerBuffer(store, Duration.ofMillis(500), 100);

    private final ReceiptSettings off = new ReceiptSettings();

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension().builder(builder -> builder.readReceipts(store, pointers, off));

    ReceiptsOffIT() {
        TestDatabases.createTables(TestDatabases.h2Memory(), "h2");
    }

    @AfterEach
    void closePointers() {
        pointers.close();
    }

    @Test
    void aTypeTwoWithTheReceiptsTypeuIsAnOrdinaryC2sMessage() {
        assertThat(off.isEnabled()).isFalse();
        String user = im.newUserId("stock");
        RawClient client = im.loggedIn(Transport.TCP, user);
        String body = new ReadReceipt("alice", "some-fp", 0, false).toJson();
        Packet message = Packet.of(PacketType.DATA, body, user, UserIds.SERVER, null, true, off.getTypeu());

        client.send(message);

        client.awaitPacket(Expect.ackOf(message.fp()));
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().c2sReceived(user).size() == 1);
        Packet received = im.listener().c2sReceived(user).get(0);
        assertThat(received.dataContent()).isEqualTo(body);
        assertThat(received.typeu()).isEqualTo(off.getTypeu());
        assertThat(received.fp()).isEqualTo(message.fp());
        client.assertNothingMore(Expect.type(PacketType.ERROR), Duration.ofMillis(300));
        assertThat(store.pointerWriteCount()).isZero();
    }
}
