package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.imstarter.protocol.SenseMode;
import io.imstarter.protocol.Transport;
import java.time.Duration;
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
    }
}
