package io.imstarter.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.imstarter.protocol.Transport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void parsesNumbersDurationsAndTransports() {
        Options options = Options.parse(new String[] {"c2c", "--pairs=5_000", "--hold=1.5s", "--drain=500ms",
            "--transport=ws", "--in-process"}, 1);
        assertThat(options.integer("pairs", 1, 1, 10_000)).isEqualTo(5000);
        assertThat(options.duration("hold", Duration.ZERO, Duration.ofHours(1))).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.duration("drain", Duration.ZERO, Duration.ofHours(1))).isEqualTo(Duration.ofMillis(500));
        assertThat(options.enumValue("transport", Transport.TCP)).isEqualTo(Transport.WEBSOCKET);
        assertThat(options.has("in-process")).isTrue();
        options.requireAllUsed();
    }

    @Test
    void rejectsMisspeltOptionsAndOutOfRangeValues() {
        Options options = Options.parse(new String[] {"--clinets=5", "--clients=0"}, 0);
        assertThatIllegalArgumentException().isThrownBy(() -> options.integer("clients", 1, 1, 10))
                .withMessage("--clients must be between 1 and 10, got 0");
        assertThatIllegalArgumentException().isThrownBy(options::requireAllUsed)
                .withMessage("Unknown option(s): --clinets");
    }
}
