package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.imstarter.protocol.SenseMode;
import io.imstarter.protocol.Transport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImClientConfigTest {

    @Test
    void defaultsToMode5sOnStreamsAndMode3sOnUdp() {
        assertThat(new ImClientConfig().linkTimeout()).isEqualTo(Duration.ofSeconds(8));
        ImClientConfig udp = new ImClientConfig().transport(Transport.UDP);
        assertThat(udp.senseMode()).isEqualTo(SenseMode.MODE_3S);
        assertThat(udp.linkTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(udp.reloginInitialDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThatNoException().isThrownBy(new ImClientConfig()::validate);
        assertThat(new ImClientConfig().maxUnhandledMessages()).isEqualTo(ImClientConfig.DEFAULT_MAX_UNHANDLED_MESSAGES);
        assertThat(new ImClientConfig().maxUnhandledMessages(7).copy().maxUnhandledMessages()).isEqualTo(7);
    }

    @Test
    void namesTheImpossibleSettingInItsOwnWords() {
        assertThatIllegalArgumentException().isThrownBy(new ImClientConfig().host(" ")::validate)
                .withMessageContaining("205");
        assertThatIllegalArgumentException().isThrownBy(new ImClientConfig().port(0)::validate)
                .withMessageContaining("port");
        assertThatIllegalArgumentException()
                .isThrownBy(new ImClientConfig().transport(Transport.UDP).senseMode(SenseMode.MODE_5S)::validate)
                .withMessageContaining("senseMode");
        assertThatIllegalArgumentException()
                .isThrownBy(new ImClientConfig().transport(Transport.WEBSOCKET).websocketPath("ws")::validate)
                .withMessageContaining("websocketPath");
        assertThatIllegalArgumentException().isThrownBy(new ImClientConfig().maxFrameLength(10)::validate)
                .withMessageContaining("maxFrameLength");
        assertThatIllegalArgumentException().isThrownBy(new ImClientConfig().loginTimeout(Duration.ZERO)::validate)
                .withMessageContaining("loginTimeout");
        assertThatIllegalArgumentException().isThrownBy(new ImClientConfig().reloginJitter(2)::validate)
                .withMessageContaining("reloginJitter");
        assertThatIllegalArgumentException().isThrownBy(new ImClientConfig().maxUnhandledMessages(0)::validate)
                .withMessageContaining("maxUnhandledMessages");
        assertThatIllegalArgumentException().isThrownBy(new ImClientConfig().servers(List.of())::validate)
                .withMessageContaining("servers").withMessageContaining("at least one server");
    }

    @Test
    void aServerListWinsOverHostAndPortAndNullGoesBackToThem() {
        List<ServerAddress> cluster = List.of(new ServerAddress("a", 8901), new ServerAddress("b", 8901));
        ImClientConfig config = new ImClientConfig().host("single").port(0).servers(cluster);

        assertThatNoException().isThrownBy(config::validate);
        assertThat(config.copy().servers()).isEqualTo(cluster);
        assertThat(config.servers(null).host("single").port(7000).servers())
                .containsExactly(new ServerAddress("single", 7000));
    }
}
