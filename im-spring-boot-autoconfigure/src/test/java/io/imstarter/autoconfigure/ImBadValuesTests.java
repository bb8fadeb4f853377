package io.imstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A value the core rejects under its own setting name fails the context with the {@code im.*} key the user wrote,
 * which Boot's failure analyzer then reports.
 */
class ImBadValuesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ImEventsAutoConfiguration.class,
                    ImServerAutoConfiguration.class, ImClientAutoConfiguration.class))
            .withPropertyValues("im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0");

    @ParameterizedTest
    @CsvSource({ "im.server.tcp.idle-timeout=0s, im.server.tcp.idle-timeout",
            "im.server.tcp.port=70000, im.server.tcp.port",
            "im.server.udp.max-outbound-datagram-size=32B, im.server.udp.max-outbound-datagram-size",
            "im.server.websocket.max-frame-size=10B, im.server.websocket.max-frame-size",
            "im.server.websocket.path=im, im.server.websocket.path",
            "im.server.rate-limit.burst=0, im.server.rate-limit.burst",
            "im.server.max-error-rate=0, im.server.max-error-rate",
            "im.server.login-verify-timeout=-1s, im.server.login-verify-timeout",
            "im.server.io-threads=-1, im.server.io-threads",
            "im.server.qos.min-age=-1s, im.server.qos.min-age",
            "im.server.qos.max-pending=0, im.server.qos.max-pending",
            "im.server.qos.dedup-max-entries=0, im.server.qos.dedup-max-entries",
            "im.server.rate-limit.keep-alives-per-second=0, im.server.rate-limit.keep-alives-per-second",
            "im.server.rate-limit.refused-window=0s, im.server.rate-limit.refused-window",
            "im.server.outbound.high-water-mark=1KB, im.server.outbound.high-water-mark",
            "im.server.outbound.max-pending=16KB, im.server.outbound.max-pending",
            "im.server.outbound.slow-consumer-timeout=0s, im.server.outbound.slow-consumer-timeout" })
    void serverValueTheCoreRejectsNamesItsImKey(String property, String key) {
        assertFailureNames(property, key);
    }

    @ParameterizedTest
    @CsvSource({ "im.client.relogin.jitter=2, im.client.relogin.jitter",
            "im.client.relogin.initial-delay=1m, im.client.relogin.initial-delay",
            "im.client.connect-timeout=0s, im.client.connect-timeout",
            "im.client.max-queued-sends=-1, im.client.max-queued-sends",
            "im.client.dedup-window=0s, im.client.dedup-window",
            "im.client.qos.check-interval=0s, im.client.qos.check-interval",
            "im.client.qos.max-retries=-1, im.client.qos.max-retries" })
    void clientValueTheCoreRejectsNamesItsImKey(String property, String key) {
        assertFailureNames(property, key);
    }

    private void assertFailureNames(String property, String key) {
        runner.withPropertyValues(property).run(context -> assertThat(context).getFailure().rootCause()
                .asInstanceOf(type(InvalidConfigurationPropertyValueException.class))
                .extracting(InvalidConfigurationPropertyValueException::getName).isEqualTo(key));
    }
}
