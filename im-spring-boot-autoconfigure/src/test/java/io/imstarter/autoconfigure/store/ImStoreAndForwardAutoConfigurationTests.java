package io.imstarter.autoconfigure.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.autoconfigure.ImServerAutoConfiguration;
import io.imstarter.autoconfigure.ImServerLifecycle;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.server.OfflineHandler;
import io.imstarter.server.ReplaySettings;
import io.imstarter.store.MessageStore;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.TcpRawClient;
import io.imstarter.testsupport.Wire;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Store and forward through the auto-configuration: the server gets the store bean and replays it at login. */
class ImStoreAndForwardAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    ImStoreAutoConfiguration.class, ImServerAutoConfiguration.class))
            .withPropertyValues("im.server.address=127.0.0.1", "im.server.tcp.port=0", "im.server.udp.enabled=false",
                    "im.server.websocket.enabled=false", "im.server.shutdown-grace-period=0s");

    @Test
    void aMessageToAnOfflineUserIsAckedOnceStoredAndReplayedWhenItLogsIn() {
        runner.withPropertyValues("im.store.replay-batch-size=7", "im.store.replay-window=5",
                "im.store.replay-window-udp=3").run(context -> {
            context.getBean(ImServerLifecycle.class).run();
            assertThat(context.getBean(ReplaySettings.class)).isEqualTo(new ReplaySettings(7, 5, 3));
            try (RawClient alice = loggedIn(context, "alice")) {
                Packet message = Wire.data("alice", "bob", "while you were away", true);
                alice.send(message);
                alice.awaitPacket(Expect.ackOf(message.fp()));

                try (RawClient bob = loggedIn(context, "bob")) {
                    Packet replayed = bob.awaitPacket(Expect.dataWithFp(message.fp()));
                    assertThat(replayed.dataContent()).isEqualTo("while you were away");
                }
            }
        });
    }

    @Test
    void anApplicationOfflineHandlerDecidesWhatIsStoredAndTheServerStillReplaysTheStore() {
        runner.withUserConfiguration(RefusingOfflineHandler.class).run(context -> {
            context.getBean(ImServerLifecycle.class).run();
            context.getBean(MessageStore.class).append("bob", "carol", "fp-carol", "stored by the application", 0);
            try (RawClient alice = loggedIn(context, "alice")) {
                Packet refused = Wire.data("alice", "bob", "not stored", true);
                alice.send(refused);
                alice.assertNothingMore(Expect.ackOf(refused.fp()), Duration.ofMillis(500));

                try (RawClient bob = loggedIn(context, "bob")) {
                    assertThat(bob.awaitPacket(Expect.type(PacketType.DATA)).fp()).isEqualTo("fp-carol");
                    bob.assertNothingMore(Expect.dataWithFp(refused.fp()), Duration.ofMillis(500));
                }
            }
        });
    }

    private static RawClient loggedIn(ApplicationContext context, String userId) {
        RawClient client = new TcpRawClient(
                new InetSocketAddress("127.0.0.1", context.getBean(ImServer.class).port(Transport.TCP)));
        assertThat(client.login(userId, "tk", 0).code()).isZero();
        return client;
    }

    @Configuration(proxyBeanMethods = false)
    static class RefusingOfflineHandler {

        @Bean
        OfflineHandler userOfflineHandler() {
            return OfflineHandler.REFUSE_ALL;
        }
    }
}
