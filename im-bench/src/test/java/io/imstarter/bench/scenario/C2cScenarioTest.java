package io.imstarter.bench.scenario;

import static io.imstarter.bench.scenario.TestServers.number;
import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.report.RunReport;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class C2cScenarioTest {

    private ImServer server;

    @BeforeEach
    void startServer() {
        server = TestServers.startImServer();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyMessageIsDeliveredAndAckedExactlyOnce(Transport transport) throws Exception {
        Options options = TestServers.options("transport", transport.name(),
                "port", Integer.toString(server.port(transport)), "pairs", "3", "window", "4",
                "max-messages", "300", "duration", "60s", "drain", "20s");
        RunReport report = new C2cScenario(GeneratorSettings.from(options), options).run();

        assertThat(number(report.get("pairs_ready"))).as(report::toJson).isEqualTo(3);
        assertThat(number(report.get("sent"))).as(report::toJson).isEqualTo(300);
        assertThat(number(report.get("acked"))).as(report::toJson).isEqualTo(300);
        assertThat(number(report.get("received"))).as(report::toJson).isEqualTo(300);
        assertThat(number(report.get("lost"))).as(report::toJson).isZero();
        assertThat(number(report.get("not_received"))).as(report::toJson).isZero();
        assertThat(number(report.get("duplicates_received"))).as(report::toJson).isZero();
        assertThat(number(report.get("duplicate_acks"))).as(report::toJson).isZero();
        assertThat(number(report.get("unknown_acks"))).as(report::toJson).isZero();
        assertThat(number(report.get("ack_count"))).as(report::toJson).isEqualTo(300);
        assertThat(number(report.get("delivery_count"))).as(report::toJson).isEqualTo(300);
        assertThat(report.get("errors")).isEqualTo("{}");
        assertThat(report.toJson()).startsWith("{\"scenario\":\"c2c\"").doesNotContain("\n");
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = "TCP")
    void offeredRateModeSendsAtMostTheCapAndLosesNothing(Transport transport) throws Exception {
        Options options = TestServers.options("port", Integer.toString(server.port(transport)), "pairs", "2",
                "rate", "200", "max-messages", "100", "duration", "30s", "drain", "20s");
        RunReport report = new C2cScenario(GeneratorSettings.from(options), options).run();

        assertThat(report.get("mode")).isEqualTo("rate");
        assertThat(number(report.get("sent"))).as(report::toJson).isEqualTo(100);
        assertThat(number(report.get("acked")) + number(report.get("lost"))).isEqualTo(number(report.get("sent")));
        assertThat(number(report.get("lost"))).as(report::toJson).isZero();
        assertThat(number(report.get("duplicates_received"))).as(report::toJson).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "WEBSOCKET"})
    void withReceiversOfflineEveryMessageIsStoredAndAckedOnce(Transport transport) throws Exception {
        Set<String> stored = ConcurrentHashMap.newKeySet();
        ImServer storing = TestServers.startImServer(message -> stored.add(message.fp()));
        try {
            Options options = TestServers.options("transport", transport.name(),
                    "port", Integer.toString(storing.port(transport)), "pairs", "3", "window", "4",
                    "max-messages", "150", "duration", "60s", "drain", "20s", "receivers-offline", "true");
            RunReport report = new C2cScenario(GeneratorSettings.from(options), options).run();

            assertThat(report.get("receiver_target")).isEqualTo("offline");
            assertThat(number(report.get("pairs_ready"))).as(report::toJson).isEqualTo(3);
            assertThat(number(report.get("acked"))).as(report::toJson).isEqualTo(150);
            assertThat(number(report.get("received"))).as(report::toJson).isZero();
            assertThat(number(report.get("lost"))).as(report::toJson).isZero();
            assertThat(stored).hasSize(150);
        }
        finally {
            storing.stop();
        }
    }
}
