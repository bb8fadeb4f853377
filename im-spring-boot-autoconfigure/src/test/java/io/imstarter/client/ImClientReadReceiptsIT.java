package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.ReadNotice;
import io.imstarter.protocol.ReadReceipt;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ReceiptSettings;
import io.imstarter.server.ReplaySettings;
import io.imstarter.store.ReadPointerBuffer;
import io.imstarter.store.jdbc.JdbcMessageStore;
import io.imstarter.store.jdbc.JdbcReadStateStore;
import io.imstarter.store.jdbc.TestDatabases;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RecordingClientListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The embedded client sends read receipts and gets read notices through its API (wire protocol section 14). */
class ImClientReadReceiptsIT {

    private static final ReceiptSettings RECEIPTS = new ReceiptSettings();

    static {
        RECEIPTS.setEnabled(true);
        TestDatabases.createTables(TestDatabases.h2Memory(), "h2");
    }

    @RegisterExtension
    static final SharedResources shared = new SharedResources();

    private final JdbcReadStateStore store = new JdbcReadStateStore(TestDatabases.h2Memory(), Clock.systemUTC());

    private final ReadPointerBuffer pointers = new ReadPointerBuffer(store, Duration.ofMillis(500), 100);

    @RegisterExtension
    final ImServerExtension im = new ImServerExtension()
            .messageStore(new JdbcMessageStore(TestDatabases.h2Memory(), 1000, Clock.systemUTC()),
                    ReplaySettings.DEFAULTS)
            .builder(builder -> builder.readReceipts(store, pointers, RECEIPTS));

    private final List<ImClient> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(ImClient::close);
        pointers.close();
    }

    private ImClient loggedIn(String userId, ImClientListener listener) throws Exception {
        ImClient client = shared.client(im.clientConfig(Transport.TCP));
        clients.add(client);
        client.addListener(listener);
        client.login(userId, "token-" + userId, null).get(10, TimeUnit.SECONDS);
        return client;
    }

    @Test
    void aReceiptSentThroughTheClientReachesTheSendersNoticeListenerAndARefusedOneFails() throws Exception {
        String alice = im.newUserId("alice");
        String bob = im.newUserId("bob");
        Queue<ReadNotice> aliceNotices = new ConcurrentLinkedQueue<>();
        ImClient a = loggedIn(alice, new ReadNoticeListener(RECEIPTS.getTypeu(), (user, notice) -> {
            assertThat(user).isEqualTo(alice);
            aliceNotices.add(notice);
        }));
        RecordingClientListener bobListener = new RecordingClientListener();
        ImClient b = loggedIn(bob, bobListener);
        String first = a.send(bob, "one", 0).get(10, TimeUnit.SECONDS);
        String second = a.send(bob, "two", 0).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> bobListener.messages.size() == 2);
        assertThat(bobListener.messages).extracting(Packet::fp).containsExactly(first, second);

        String receipt = b.sendReadReceipt(new ReadReceipt(alice, second, 0, false), RECEIPTS.getTypeu())
                .get(10, TimeUnit.SECONDS);

        assertThat(receipt).isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> aliceNotices.size() == 1);
        assertThat(aliceNotices.peek().reader()).isEqualTo(bob);
        assertThat(aliceNotices.peek().conversation()).isEqualTo(bob);
        assertThat(aliceNotices.peek().fp()).isEqualTo(second);

        b.sendReadReceipt(new ReadReceipt(alice, "not-a-message", 0, false), RECEIPTS.getTypeu());
        await().atMost(Duration.ofSeconds(10)).until(() -> !bobListener.errors.isEmpty());
        assertThat(bobListener.errors.peek().errorCode()).isEqualTo(ErrorCode.REFUSED);
        assertThat(bobListener.errors.peek().errorMsg()).contains("no message fp=not-a-message");
        assertThat(aliceNotices).hasSize(1);
    }
}
