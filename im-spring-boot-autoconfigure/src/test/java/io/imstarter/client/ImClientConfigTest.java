package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.imstarter.protocol.DataSize;
import io.imstarter.protocol.SenseMode;
import io.imstarter.protocol.Transport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImClientConfigTest {

    @Test
    void defaultsToMode5sOnStreamsAndMode3sOnUdp() {
        assertThat(new ImClientConfig().effectiveLinkTimeout()).isEqualTo(Duration.ofSeconds(8));
        ImClientConfig udp = new ImClientConfig().setTransport(Transport.UDP);
        assertThat(udp.effectiveSenseMode()).isEqualTo(SenseMode.MODE_3S);
        assertThat(udp.effectiveLinkTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(udp.getRelogin().effectiveInitialDelay(Transport.UDP)).isEqualTo(Duration.ofSeconds(2));
        assertThatNoException().isThrownBy(new ImClientConfig()::validate);
    }

    @Test
    void connectsToTheTransportsStockPortWhenNoneIsSet() {
        assertThat(new ImClientConfig().effectivePort()).isEqualTo(8901);
        assertThat(new ImClientConfig().setTransport(Transport.UDP).effectivePort()).isEqualTo(7901);
        assertThat(new ImClientConfig().setTransport(Transport.WEBSOCKET).effectivePort()).isEqualTo(3000);
        assertThat(new ImClientConfig().setPort(9000).portResolver(() -> 9100).effectivePort()).isEqualTo(9100);
    }

    @Test
    void namesTheImpossibleSettingByItsPropertyPath() {
        assertThatIllegalArgumentException().isThrownBy(new ImClientConfig().setHost(" ")::validate)
                .withMessageContaining("205");
        assertThatIllegalArgumentException().isThrownBy(new ImClientConfig().setPort(0)::validate)
                .withMessageContaining("port");
        assertThatIllegalArgumentException()
                .isThrownBy(new ImClientConfig().setTransport(Transport.UDP).setSenseMode(SenseMode.MODE_5S)::validate)
                .withMessageContaining("sense-mode");
        assertThatIllegalArgumentException()
                .isThrownBy(new ImClientConfig().setTransport(Transport.WEBSOCKET).setWebsocketPath("ws")::validate)
                .withMessageContaining("websocket-path");
        assertThatIllegalArgumentException()
                .isThrownBy(new ImClientConfig().setMaxFrameLength(DataSize.ofBytes(10))::validate)
                .withMessageContaining("max-frame-length");
        assertThatIllegalArgumentException().isThrownBy(new ImClientConfig().setLoginTimeout(Duration.ZERO)::validate)
                .withMessageContaining("login-timeout");
        ImClientConfig jittery = new ImClientConfig();
        jittery.getRelogin().setJitter(2);
        assertThatIllegalArgumentException().isThrownBy(jittery::validate).withMessageContaining("relogin.jitter");
        assertThatIllegalArgumentException().isThrownBy(new ImClientConfig().setMaxUnhandledMessages(0)::validate)
                .withMessageContaining("max-unhandled-messages");
        assertThatIllegalArgumentException().isThrownBy(new ImClientConfig().setServers(List.of())::validate)
                .withMessageContaining("servers").withMessageContaining("at least one server");
        assertThatIllegalArgumentException()
                .isThrownBy(new ImClientConfig().setServers(List.of("a:8901", "b"))::validate)
                .withMessageContaining("servers[1]");
    }

    @Test
    void aServerListWinsOverHostAndPortAndNullGoesBackToThem() {
        ImClientConfig config = new ImClientConfig().setHost("single").setPort(1).setServers(List.of("a:8901",
                "[::1]:8902"));

        assertThatNoException().isThrownBy(config::validate);
        assertThat(config.serverAddresses()).containsExactly(new ServerAddress("a", 8901),
                new ServerAddress("::1", 8902));
        assertThat(config.setServers(null).setPort(7000).serverAddresses())
                .containsExactly(new ServerAddress("single", 7000));
    }
}
