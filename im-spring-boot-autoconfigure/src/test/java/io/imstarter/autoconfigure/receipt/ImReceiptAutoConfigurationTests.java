package io.imstarter.autoconfigure.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.autoconfigure.ImEventsAutoConfiguration;
import io.imstarter.autoconfigure.ImServerAutoConfiguration;
import io.imstarter.autoconfigure.ImServerLifecycle;
import io.imstarter.autoconfigure.group.ImGroupAutoConfiguration;
import io.imstarter.autoconfigure.store.ImStoreAutoConfiguration;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.ReadReceipt;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.imstarter.receipt.ImReadState;
import io.imstarter.server.ImServer;
import io.imstarter.server.ReceiptSettings;
import io.imstarter.store.ReadStateStore;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.TcpRawClient;
import io.imstarter.testsupport.Wire;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Read receipts through the auto-configuration: settings, the JDBC read state store, ImReadState, the server. */
class ImReceiptAutoConfigurationTests {

    private final String url = "jdbc:h2:mem:im-receipts-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    ImStoreAutoConfiguration.class, ImGroupAutoConfiguration.class, ImReceiptAutoConfiguration.class,
                    ImEventsAutoConfiguration.class, ImServerAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + url, "im.server.address=127.0.0.1", "im.server.tcp.port=0",
                    "im.server.udp.enabled=false", "im.server.websocket.enabled=false",
                    "im.server.shutdown-grace-period=0s");

    @Test
    void defaultsComeFromTheSettingsFieldsWithReceiptsOffAndTheReadStateThere() {
        runner.run(context -> {
            ReceiptSettings settings = context.getBean(ReceiptSettings.class);
            assertThat(settings.isEnabled()).isFalse();
            assertThat(settings.getTypeu()).isEqualTo(1000);
            assertThat(settings.getGroupPushMaxMembers()).isEqualTo(200);
            assertThat(settings.getCoalesceInterval()).isEqualTo(Duration.ofMillis(500));
            assertThat(settings.getMaxPendingPointers()).isEqualTo(10_000);
            assertThat(settings.getMaxUnreadCount()).isEqualTo(999);
            assertThat(context).hasSingleBean(ReadStateStore.class).hasSingleBean(ImReadState.class);
            assertThat(context.getBean(ImReadState.class).unread("nobody").total()).isZero();
        });
    }

    @Test
    void propertiesBindToTheOneSettingsClass() {
        runner.withPropertyValues("im.receipts.enabled=true", "im.receipts.typeu=2000",
                "im.receipts.group-push-max-members=5", "im.receipts.coalesce-interval=200ms",
                "im.receipts.max-pending-pointers=7", "im.receipts.max-unread-count=99").run(context -> {
                    ReceiptSettings settings = context.getBean(ReceiptSettings.class);
                    assertThat(settings.isEnabled()).isTrue();
                    assertThat(settings.getTypeu()).isEqualTo(2000);
                    assertThat(settings.getGroupPushMaxMembers()).isEqualTo(5);
                    assertThat(settings.getCoalesceInterval()).isEqualTo(Duration.ofMillis(200));
                    assertThat(settings.getMaxPendingPointers()).isEqualTo(7);
                    assertThat(settings.getMaxUnreadCount()).isEqualTo(99);
                });
    }

    @Test
    void aBadValueFailsTheStartupNamingTheSetting() {
        runner.withPropertyValues("im.receipts.coalesce-interval=0s").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("receipts.coalesceInterval must be positive"));
    }

    @Test
    void receiptsOnWithoutADatabaseFailTheStartupSayingWhy() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ImReceiptAutoConfiguration.class,
                        ImServerAutoConfiguration.class))
                .withPropertyValues("im.receipts.enabled=true", "im.server.address=127.0.0.1", "im.server.tcp.port=0",
                        "im.server.udp.enabled=false", "im.server.websocket.enabled=false")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("needs a read state store"));
    }

    @Test
    void aReceiptOverTheWireTellsTheSenderAndItsPointerIsWrittenWhenTheContextCloses() {
        runner.withPropertyValues("im.receipts.enabled=true", "im.receipts.coalesce-interval=1h").run(context -> {
            context.getBean(ImServerLifecycle.class).run();
            try (RawClient alice = loggedIn(context, "alice"); RawClient bob = loggedIn(context, "bob")) {
                Packet hello = Wire.data("alice", "bob", "hello", true);
                alice.send(hello);
                bob.awaitPacket(Expect.dataWithFp(hello.fp()));
                bob.send(Wire.ack("bob", "alice", hello.fp()));
                alice.awaitPacket(Expect.ackOf(hello.fp()));
                ImReadState readState = context.getBean(ImReadState.class);
                await().until(() -> readState.unread("bob", "alice") == 1);
                Packet receipt = Packet.of(PacketType.DATA, new ReadReceipt("alice", hello.fp(), 0, false).toJson(),
                        "bob", UserIds.SERVER, null, true, 1000);
                bob.send(receipt);
                bob.awaitPacket(Expect.ackOf(receipt.fp()));
                Packet notice = alice.awaitPacket(p -> p.type() == PacketType.DATA && UserIds.SERVER.equals(p.from()));
                assertThat(notice.typeu()).isEqualTo(1000);
                assertThat(notice.dataContent()).contains("\"reader\":\"bob\"").contains(hello.fp());
                assertThat(readState.unread("bob").total()).isZero();
                assertThat(storedPointer()).as("coalesced: not written yet").isZero();
            }
        });
        assertThat(storedPointer()).as("written when the context closed").isEqualTo(1);
    }

    private long storedPointer() {
        return JdbcClient.create(new DriverManagerDataSource(url, "sa", ""))
                .sql("SELECT COALESCE(MAX(read_seq), 0) FROM im_read_marker WHERE user_id = 'bob' AND peer = 'alice'")
                .query(Long.class)
                .single();
    }

    private static RawClient loggedIn(ApplicationContext context, String userId) {
        RawClient client = new TcpRawClient(
                new InetSocketAddress("127.0.0.1", context.getBean(ImServer.class).port(Transport.TCP)));
        assertThat(client.login(userId, "tk", 0).code()).isZero();
        return client;
    }
}
