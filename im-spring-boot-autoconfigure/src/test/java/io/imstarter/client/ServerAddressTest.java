package io.imstarter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerAddressTest {

    @ParameterizedTest
    @ValueSource(strings = { "im.example.com:8901", "10.0.0.7:1", "[::1]:65535", "[fe80::1]:3000" })
    void writesWhatItReads(String text) {
        assertThat(ServerAddress.parse(text)).hasToString(text);
    }

    @Test
    void readsAnIpv6HostWithoutItsBracketsAndIgnoresSurroundingBlanks() {
        assertThat(ServerAddress.parse(" [::1]:8901 ")).isEqualTo(new ServerAddress("::1", 8901));
    }

    @Test
    void refusesAPortOutOfRangeWhenBuilt() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ServerAddress("a", 65536))
                .withMessageContaining("between 1 and 65535");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerAddress.parse("a:123456"))
                .withMessageContaining("'a:123456'");
    }
}
