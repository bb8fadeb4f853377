package io.imstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.imstarter.autoconfigure.health.ImHealthIndicator;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerStartException;
import io.imstarter.server.S2CSendException;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.TcpRawClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Start, stop and failure of a whole application: bind errors, a stopped gateway, graceful shutdown. */
@ExtendWith(OutputCaptureExtension.class)
class ImServerLifecycleIT {

    private static final String[] EPHEMERAL = { "im.server.address=127.0.0.1", "im.server.tcp.port=0",
            "im.server.udp.port=0", "im.server.websocket.port=0", "im.client.enabled=false" };

    @Test
    void aPortInUseFailsStartupNamingTransportAndPort(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Throwable failure = catchThrowable(() -> start("im.server.tcp.port=" + port));
            assertThat(startException(failure)).hasMessageContaining("TCP")
                    .hasMessageContaining(String.valueOf(port));
            assertThat(output).contains("IM TCP gateway could not bind 127.0.0.1:" + port)
                    .contains("configure another with im.server.tcp.port");
        }
    }

    @Test
    void aPausedContextKeepsItsServerAndItsPorts() {
        try (ConfigurableApplicationContext context = start()) {
            ImServer server = context.getBean(ImServer.class);
            int port = server.port(Transport.TCP);

            context.pause(); // what Spring's test context cache does to a context it does not use at the moment
            context.restart();

            assertThat(server.isRunning()).isTrue();
            assertThat(server.port(Transport.TCP)).isEqualTo(port);
            try (TcpRawClient client = new TcpRawClient(port)) {
                assertThat(client.login("after-the-pause", "token", 0).code()).isZero();
            }
        }
    }

    @Test
    void healthGoesDownWhenAGatewayIsStopped() {
        try (ConfigurableApplicationContext context = start()) {
            ImHealthIndicator health = context.getBean(ImHealthIndicator.class);
            assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);

            context.getBean(ImServer.class).stopGateway(Transport.UDP);

            assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);
        }
    }

    @Test
    void closeWithAnInFlightQosMessageEndsWithinTheGracePeriodAndLeavesNoThreads() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Duration grace = Duration.ofSeconds(1);
        ConfigurableApplicationContext context = start("im.server.shutdown-grace-period=1s");
        ImServer server = context.getBean(ImServer.class);
        CompletableFuture<String> inFlight;
        try (TcpRawClient silent = new TcpRawClient(server.port(Transport.TCP))) {
            silent.login("never-acks", "token", 0);
            inFlight = server.send("never-acks", "push", 0, true);
            assertThat(inFlight).isNotCompletedExceptionally();
            assertThat(silent.awaitPacket(Expect.type(PacketType.DATA)).dataContent()).isEqualTo("push");
            assertThat(server.pendingQos()).isEqualTo(1);
            assertThat(startedSince(before)).as("a non-daemon thread keeps an application without web server alive")
                    .anyMatch(thread -> thread.getName().equals("im-server-await") && !thread.isDaemon());

            long startNanos = System.nanoTime();
            context.close();
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);

            assertThat(took).isGreaterThanOrEqualTo(grace.minusMillis(100)).isLessThan(grace.plusSeconds(8));
        }
        assertThat(server.isRunning()).isFalse();
        assertThatThrownBy(() -> inFlight.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(S2CSendException.class);
        // Polled on this thread, so that Awaitility's own thread does not count as one left behind.
        await().atMost(Duration.ofSeconds(10)).pollInSameThread().untilAsserted(() -> assertThat(startedSince(before))
                .noneMatch(thread -> !thread.isDaemon() || thread.getName().startsWith("im-")));
    }

    private static ImServerStartException startException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ImServerStartException startException) {
                return startException;
            }
        }
        throw new AssertionError("no ImServerStartException in the failure", failure);
    }

    private static List<Thread> startedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
                .toList();
    }

    @Test
    void theImServerStopsBeforeLifecycleBeansOfLowerPhases() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class, StopRecorders.class)
                .web(WebApplicationType.NONE).properties(EPHEMERAL).run();
        ImServer server = context.getBean(ImServer.class);
        StopRecorder smart = context.getBean("smartRecorder", StopRecorder.class);
        StopRecorder plain = context.getBean("plainRecorder", StopRecorder.class);
        assertThat(server.isRunning()).isTrue();

        context.close();

        assertThat(smart.serverRunningAtStop()).as("server running when a bean of phase DEFAULT - 1024 stopped")
                .isFalse();
        assertThat(plain.serverRunningAtStop()).as("server running when a plain Lifecycle bean stopped").isFalse();
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).properties(EPHEMERAL)
                .properties(properties).run();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    /** Registered before the auto-configuration, so that in a shared phase they would stop first. */
    @Configuration(proxyBeanMethods = false)
    static class StopRecorders {

        @Bean
        StopRecorder smartRecorder(ObjectProvider<ImServer> server) {
            return new StopRecorder(server, SmartLifecycle.DEFAULT_PHASE - 1024);
        }

        @Bean
        StopRecorder plainRecorder(ObjectProvider<ImServer> server) {
            return new StopRecorder(server, 0);
        }
    }

    /** A lifecycle bean that notes whether the IM server was still running when it was stopped. */
    static final class StopRecorder implements SmartLifecycle {

        private final ObjectProvider<ImServer> server;
        private final int phase;
        private volatile boolean running;
        private volatile Boolean serverRunningAtStop;

        StopRecorder(ObjectProvider<ImServer> server, int phase) {
            this.server = server;
            this.phase = phase;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            serverRunningAtStop = server.getObject().isRunning();
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return phase;
        }

        Boolean serverRunningAtStop() {
            return serverRunningAtStop;
        }
    }
}
