package io.imstarter.bench.scenario;

import static io.imstarter.bench.scenario.TestServers.number;
import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.bench.cli.Options;
import io.imstarter.bench.relay.RelayServer;
import io.imstarter.bench.report.RunReport;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import org.junit.jupiter.api.Test;

class SmallScenariosTest {

    @Test
    void connectionsAreHeldWithAnsweredKeepAlivesAndNoDrops() throws Exception {
        ImServer server = TestServers.startImServer();
        try {
            Options options = TestServers.options("port", Integer.toString(server.port(Transport.TCP)),
                    "clients", "20", "login-rate", "100", "hold", "2s", "keepalive", "300ms");
            RunReport report = new ConnectionsScenario(GeneratorSettings.from(options), options).run();

            assertThat(number(report.get("logged_in"))).as(report::toJson).isEqualTo(20);
            assertThat(number(report.get("login_failures"))).as(report::toJson).isZero();
            assertThat(number(report.get("held_at_end"))).as(report::toJson).isEqualTo(20);
            assertThat(number(report.get("drops"))).as(report::toJson).isZero();
            assertThat(number(report.get("login_count"))).as(report::toJson).isEqualTo(20);
            assertThat(number(report.get("keepalives_sent"))).as(report::toJson).isPositive();
            assertThat(number(report.get("keepalive_answers"))).as(report::toJson).isEqualTo(number(report.get("keepalives_sent")));
        }
        finally {
            server.stop();
        }
    }

    @Test
    void loginStormCountsEveryLoginOnceAcrossSourceAddresses() throws Exception {
        ImServer server = TestServers.startImServer();
        try {
            Options options = TestServers.options("port", Integer.toString(server.port(Transport.TCP)),
                    "logins", "60", "concurrency", "8", "sources", "3", "source-from", "40", "warmup-logins", "20");
            RunReport report = new LoginStormScenario(GeneratorSettings.from(options), options).run();

            assertThat(number(report.get("started"))).as(report::toJson).isEqualTo(60);
            assertThat(number(report.get("succeeded"))).as(report::toJson).isEqualTo(60);
            assertThat(number(report.get("failed"))).as(report::toJson).isZero();
            assertThat(number(report.get("login_count"))).as(report::toJson).isEqualTo(60);
        }
        finally {
            server.stop();
        }
    }

    @Test
    void loginStormRunsAgainAgainstTheRelayAndReportsTheRatio() throws Exception {
        ImServer server = TestServers.startImServer();
        RelayServer relay = new RelayServer(1, 100);
        try {
            Options options = TestServers.options("port", Integer.toString(server.port(Transport.TCP)),
                    "logins", "40", "concurrency", "4", "relay-port", Integer.toString(relay.start("127.0.0.1", 0)));
            RunReport report = new LoginStormScenario(GeneratorSettings.from(options), options).run();

            assertThat(number(report.get("succeeded"))).as(report::toJson).isEqualTo(40);
            assertThat(number(report.get("relay_succeeded"))).as(report::toJson).isEqualTo(40);
            assertThat(number(report.get("relay_failed"))).as(report::toJson).isZero();
            assertThat(((Number) report.get("ratio_logins_per_s")).doubleValue()).isPositive();
        }
        finally {
            relay.close();
            server.stop();
        }
    }

    @Test
    void inProcessPushReachesEveryClientExactlyOnce() throws Exception {
        Options options = TestServers.options("in-process", "true", "clients", "5", "messages", "200",
                "window", "20", "packets-per-second", "100000", "packet-burst", "100000");
        RunReport report = new S2cScenario(GeneratorSettings.from(options), options).run();

        assertThat(number(report.get("online"))).as(report::toJson).isEqualTo(5);
        assertThat(number(report.get("pushed"))).as(report::toJson).isEqualTo(200);
        assertThat(number(report.get("push_failures"))).as(report::toJson).isZero();
        assertThat(number(report.get("received"))).as(report::toJson).isEqualTo(200);
        assertThat(number(report.get("lost"))).as(report::toJson).isZero();
        assertThat(number(report.get("duplicates"))).as(report::toJson).isZero();
    }
}
