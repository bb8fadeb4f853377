package io.imstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.autoconfigure.health.ImHealthContributorAutoConfiguration;
import io.imstarter.autoconfigure.health.ImHealthIndicator;
import io.imstarter.autoconfigure.metrics.ImEventMetrics;
import io.imstarter.autoconfigure.metrics.ImMetricsAutoConfiguration;
import io.imstarter.autoconfigure.metrics.ImServerMetrics;
import io.imstarter.protocol.SenseMode;
import io.imstarter.protocol.Transport;
import io.imstarter.server.C2cAckMode;
import io.imstarter.server.ConnectionHub;
import io.imstarter.server.DuplicateLoginPolicy;
import io.imstarter.server.Gateway;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerConfig;
import io.imstarter.server.LoginVerifier;
import io.imstarter.server.MessageInterceptor;
import io.imstarter.server.OfflineHandler;
import io.imstarter.server.ServerTransport;
import io.imstarter.server.netty.NettyTransport;
import io.imstarter.testsupport.TcpRawClient;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;

/** Wiring of the server auto-configuration without starting the server: beans, switches, mapping, bad values. */
class ImServerAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ImEventsAutoConfiguration.class,
                    ImServerAutoConfiguration.class, ImHealthContributorAutoConfiguration.class,
                    ImMetricsAutoConfiguration.class))
            .withPropertyValues("im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0");

    @Test
    void defaultsCreateTheServerItsLifecycleStrategiesHealthAndMeters() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ImServer.class).hasSingleBean(ImServerLifecycle.class)
                    .hasSingleBean(ImEventPublisher.class).hasSingleBean(ImHealthIndicator.class)
                    .hasSingleBean(ImServerMetrics.class).hasSingleBean(ImEventMetrics.class);
            assertThat(context.getBean(LoginVerifier.class)).isSameAs(LoginVerifier.ALLOW_ALL);
            assertThat(context.getBean(MessageInterceptor.class)).isSameAs(MessageInterceptor.ALLOW_ALL);
            assertThat(context.getBean(OfflineHandler.class)).isSameAs(OfflineHandler.REFUSE_ALL);
            ImServer server = context.getBean(ImServer.class);
            assertThat(server.isRunning()).as("bound by the runner, not while the context refreshes").isFalse();
            ImServerConfig config = server.config();
            assertThat(config.getTcp().effectiveIdleTimeout()).isEqualTo(Duration.ofSeconds(20));
            assertThat(config.getUdp().maxOutboundBytes()).isEqualTo(1024);
            assertThat(config.getQos().getC2cAckMode()).isEqualTo(C2cAckMode.RECEIVER);
        });
    }

    @Test
    void serverSwitchBacksOffEverythingThatNeedsTheServer() {
        runner.withPropertyValues("im.server.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(ImServer.class).doesNotHaveBean(ImServerLifecycle.class)
                .doesNotHaveBean(LoginVerifier.class).doesNotHaveBean(ImHealthIndicator.class)
                .doesNotHaveBean(ImServerMetrics.class).hasSingleBean(ImEventPublisher.class));
    }

    @Test
    void runsWithoutActuatorOrMicrometerOnTheClassPath() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class, MeterBinder.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ImServer.class)
                        .doesNotHaveBean(ImHealthIndicator.class).doesNotHaveBean(ImServerMetrics.class));
    }

    @Test
    void healthIndicatorBacksOffWhenDisabled() {
        runner.withPropertyValues("management.health.im.enabled=false").run(context -> assertThat(context)
                .hasSingleBean(ImServer.class).doesNotHaveBean(ImHealthIndicator.class));
    }

    @Test
    void userStrategiesAndServerWin() {
        LoginVerifier verifier = request -> 1025;
        MessageInterceptor interceptor = (message, sender) -> false;
        OfflineHandler offline = message -> true;
        runner.withBean(LoginVerifier.class, () -> verifier)
                .withBean(MessageInterceptor.class, () -> interceptor)
                .withBean(OfflineHandler.class, () -> offline)
                .run(context -> {
                    assertThat(context.getBean(LoginVerifier.class)).isSameAs(verifier);
                    assertThat(context.getBean(MessageInterceptor.class)).isSameAs(interceptor);
                    assertThat(context.getBean(OfflineHandler.class)).isSameAs(offline);
                });
        ImServer own = ImServer.builder(new ImServerConfig()).transport(new NettyTransport()).build();
        runner.withBean("ownServer", ImServer.class, () -> own).run(context -> {
            assertThat(context).getBean(ImServer.class).isSameAs(own);
            assertThat(context).hasSingleBean(ImServerLifecycle.class);
        });
    }

    @Test
    void anApplicationTransportBeanReplacesNettysAndTheServerRunsOnIt() {
        RecordingTransport own = new RecordingTransport(new NettyTransport());
        runner.withPropertyValues("im.server.address=127.0.0.1", "im.server.shutdown-grace-period=0s")
                .withBean(ServerTransport.class, () -> own).run(context -> {
                    assertThat(context).doesNotHaveBean(NettyTransport.class);
                    ImServer server = context.getBean(ImServer.class);
                    context.getBean(ImServerLifecycle.class).run();
                    assertThat(own.calls).containsExactly("start", "gateway TCP", "gateway UDP", "gateway WEBSOCKET");
                    try (TcpRawClient client = new TcpRawClient(server.port(Transport.TCP))) {
                        assertThat(client.login("own-transport", "token", 0).code()).isZero();
                    }
                    server.stop();
                    assertThat(own.calls).last().isEqualTo("stop");
                });
    }

    /** A transport of the application's: Netty underneath, every call the server makes recorded. */
    private static final class RecordingTransport implements ServerTransport {

        private final ServerTransport delegate;
        private final List<String> calls = new CopyOnWriteArrayList<>();

        RecordingTransport(ServerTransport delegate) {
            this.delegate = delegate;
        }

        @Override
        public void start(ImServerConfig config) {
            calls.add("start");
            delegate.start(config);
        }

        @Override
        public Gateway gateway(Transport transport, ConnectionHub hub) {
            calls.add("gateway " + transport);
            return delegate.gateway(transport, hub);
        }

        @Override
        public void stop() {
            calls.add("stop");
            delegate.stop();
        }
    }

    @Test
    void oneSessionPerTransportBindsOnASingleNode() {
        runner.withPropertyValues("im.server.session.duplicate-login=one-per-transport").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ImServer.class).config().getSession().getDuplicateLogin())
                    .isEqualTo(DuplicateLoginPolicy.ONE_PER_TRANSPORT);
        });
    }

    @Test
    void propertiesMapOntoTheServerConfig() {
        runner.withPropertyValues("im.server.address=127.0.0.1", "im.server.tcp.max-frame-length=8KB",
                "im.server.tcp.sense-mode=MODE_30S", "im.server.udp.sense-mode=mode-10s",
                "im.server.udp.idle-timeout=3s", "im.server.udp.max-datagram-size=4KB",
                "im.server.udp.max-outbound-datagram-size=512B", "im.server.websocket.enabled=false",
                "im.server.websocket.path=/im", "im.server.websocket.max-frame-size=128KB",
                "im.server.rate-limit.packets-per-second=7", "im.server.rate-limit.burst=9",
                "im.server.max-error-rate=3", "im.server.echo-enabled=false", "im.server.stamp-server-time=true",
                "im.server.login-verify-timeout=1s", "im.server.offline-timeout=2s",
                "im.server.shutdown-grace-period=0s", "im.server.qos.check-interval=1s", "im.server.qos.min-age=500ms",
                "im.server.qos.max-retries=3", "im.server.qos.max-pending=50", "im.server.qos.dedup-window=1m",
                "im.server.qos.dedup-max-entries=99", "im.server.qos.c2c-ack-mode=server",
                "im.server.qos.receiver-ack-timeout=4s").run(context -> {
                    ImServerConfig config = context.getBean(ImServer.class).config();
                    assertThat(config.getAddress()).isEqualTo("127.0.0.1");
                    assertThat(config.getTcp().maxInboundBytes()).isEqualTo(8192);
                    assertThat(config.getTcp().maxOutboundBytes()).isEqualTo(8192);
                    assertThat(config.getTcp().effectiveIdleTimeout())
                            .isEqualTo(SenseMode.MODE_30S.serverIdleTimeout(Transport.TCP));
                    assertThat(config.getUdp().effectiveIdleTimeout()).as("explicit idle-timeout beats the sense mode")
                            .isEqualTo(Duration.ofSeconds(3));
                    assertThat(config.getUdp().maxInboundBytes()).isEqualTo(4096);
                    assertThat(config.getUdp().maxOutboundBytes()).isEqualTo(512);
                    assertThat(config.getWebsocket().isEnabled()).isFalse();
                    assertThat(config.getWebsocket().getPath()).isEqualTo("/im");
                    assertThat(config.getWebsocket().maxInboundBytes()).isEqualTo(128 * 1024);
                    assertThat(config.getRateLimit().getPacketsPerSecond()).isEqualTo(7);
                    assertThat(config.getRateLimit().getBurst()).isEqualTo(9);
                    assertThat(config.getMaxErrorRate()).isEqualTo(3);
                    assertThat(config.isEchoEnabled()).isFalse();
                    assertThat(config.isStampServerTime()).isTrue();
                    assertThat(config.getLoginVerifyTimeout()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(config.getOfflineTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(config.getShutdownGracePeriod()).isZero();
                    assertThat(config.getQos().getCheckInterval()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(config.getQos().getMinAge()).isEqualTo(Duration.ofMillis(500));
                    assertThat(config.getQos().getMaxRetries()).isEqualTo(3);
                    assertThat(config.getQos().getMaxPending()).isEqualTo(50);
                    assertThat(config.getQos().getDedupWindow()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(config.getQos().getDedupMaxEntries()).isEqualTo(99);
                    assertThat(config.getQos().getC2cAckMode()).isEqualTo(C2cAckMode.SERVER);
                    assertThat(config.getQos().getReceiverAckTimeout()).isEqualTo(Duration.ofSeconds(4));
                });
    }

    @Test
    void customizersRunInOrderAfterTheProperties() {
        runner.withPropertyValues("im.server.max-error-rate=3")
                .withBean("second", ImServerCustomizer.class, () -> new Second())
                .withBean("first", ImServerCustomizer.class, () -> new First())
                .run(context -> assertThat(context.getBean(ImServer.class).config().getMaxErrorRate())
                        .isEqualTo(3 * 10 + 1));
    }

    @Test
    void negativePortFailsNamingTheProperty() {
        assertFailure("im.server.tcp.port=-1", "im.server.tcp.port");
    }

    @Test
    void senseModeUndefinedForUdpFailsNamingTheProperty() {
        assertFailure("im.server.udp.sense-mode=MODE_5S", "im.server.udp.sense-mode");
    }

    @Test
    void impossibleQosFailsNamingTheProperty() {
        assertFailure("im.server.qos.check-interval=0s", "im.server.qos.check-interval");
    }

    @Test
    void receiverAckTimeoutThatOutlastsStockSendersFails() {
        assertFailure("im.server.qos.receiver-ack-timeout=15s", "im.server.qos.receiver-ack-timeout");
    }

    @Test
    void oversizedFrameLimitFailsNamingTheProperty() {
        assertFailure("im.server.websocket.max-frame-size=4GB", "im.server.websocket.max-frame-size");
    }

    @Test
    void tlsWithoutCertificateFailsNamingTheProperty() {
        runner.withPropertyValues("im.server.tcp.ssl.enabled=true").run(context -> assertThat(context)
                .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("im.server.tcp.ssl.certificate"));
    }

    private void assertFailure(String property, String named) {
        runner.withPropertyValues(property).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining(named));
    }

    @Order(1)
    static class First implements ImServerCustomizer {

        @Override
        public void customize(ImServerConfig config) {
            config.setMaxErrorRate(config.getMaxErrorRate() * 10);
        }
    }

    @Order(2)
    static class Second implements ImServerCustomizer {

        @Override
        public void customize(ImServerConfig config) {
            config.setMaxErrorRate(config.getMaxErrorRate() + 1);
        }
    }
}
