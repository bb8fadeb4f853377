package io.imstarter.autoconfigure.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.autoconfigure.metrics.ImServerMetrics;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerStats;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.TcpRawClient;
import io.imstarter.testsupport.Wire;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Issue 21, refused logins throttled: 1,000 logins with an expired token from one address, as a client that retries
 * for ever would send them, cost a bounded number of verifications, log lines and CPU. Each run prints what it
 * measured. Real TCP connections to the token login of a real application context.
 */
@SpringBootTest(classes = RefusedLoginFloodIT.App.class, properties = { "im.server.address=127.0.0.1",
        "im.server.tcp.port=0", "im.server.udp.enabled=false", "im.server.websocket.enabled=false",
        "im.client.enabled=false", "im.server.auth.jwt.secret=" + TestTokens.SECRET,
        "im.server.auth.jwt.audience=" + TestTokens.AUDIENCE, "im.server.refused-logins.max-delay=1s",
        "im.server.refused-logins.log-interval=" + RefusedLoginFloodIT.LOG_INTERVAL_SECONDS + "s",
        "logging.level.io.imstarter=info" })
@ExtendWith(OutputCaptureExtension.class)
class RefusedLoginFloodIT {

    static final int LOG_INTERVAL_SECONDS = 2;
    private static final int LOGINS = 1_000;
    private static final int CLIENT_THREADS = 8;
    private static final TestTokens TOKENS = TestTokens.signedWith(TestTokens.SECRET);
    private static final AtomicInteger USERS = new AtomicInteger();

    @Autowired
    private ImServer server;

    @Test
    void oneUserRetryingAnExpiredTokenIsVerifiedAFewTimesThenClosedUnanswered(CapturedOutput output)
            throws Exception {
        String user = "flood-user-" + USERS.incrementAndGet();
        String expired = TOKENS.token(user, Duration.ofMinutes(-5));

        Flood flood = flood(output, i -> Wire.login(user, expired, 0));

        // The user's limit is 10 refusals; logins in flight when it was reached were verified too.
        assertThat(flood.verified()).isBetween(10L, 10L + CLIENT_THREADS);
        assertThat(flood.shutOut()).isEqualTo(LOGINS - flood.verified());
        flood.assertBounded();
    }

    @Test
    void oneAddressTryingAThousandUserIdsIsVerifiedAtMostItsLimitThenClosedUnanswered(CapturedOutput output)
            throws Exception {
        String prefix = "spray-" + USERS.incrementAndGet() + "-";

        Flood flood = flood(output, i -> Wire.login(prefix + i, TOKENS.token("someone-else", Duration.ofMinutes(5)),
                0));

        // The address's limit is 100 refusals (fewer here when another test of this class already counted some).
        assertThat(flood.verified()).isLessThanOrEqualTo(100L + CLIENT_THREADS);
        assertThat(flood.shutOut()).isEqualTo(LOGINS - flood.verified());
        flood.assertBounded();
    }

    /** Sends {@link #LOGINS} logins, each on its own connection, and waits until the server closed every one. */
    private Flood flood(CapturedOutput output, IntFunction<Packet> login) throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        new ImServerMetrics(server).bindTo(meters);
        ImServerStats stats = server.stats();
        long failedBefore = stats.loginsFailed();
        double shutOutBefore = meters.get("im.logins.throttled").tag("outcome", "closed").functionCounter().count();
        int logOffset = output.getOut().length();
        long cpuBefore = serverCpuNanos();
        long start = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < CLIENT_THREADS; t++) {
            done.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < LOGINS; i = next.getAndIncrement()) {
                    try (RawClient client = new TcpRawClient(server.port(Transport.TCP))) {
                        client.send(login.apply(i));
                        client.awaitClosedByServer();
                        if (client.received().stream().anyMatch(p -> p.type() == PacketType.LOGIN_RESPONSE)) {
                            answered.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        clients.shutdown();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long cpu = serverCpuNanos() - cpuBefore;
        long verified = stats.loginsFailed() - failedBefore;
        long shutOut = (long) (meters.get("im.logins.throttled").tag("outcome", "closed").functionCounter().count()
                - shutOutBefore);
        assertThat(answered.get()).as("refusals answered with a 50").isEqualTo(verified);
        // The summary of the interval that saw the flood, at most one interval after it.
        await().atMost(Duration.ofSeconds(LOG_INTERVAL_SECONDS + 5)).until(() -> output.getOut().substring(logOffset)
                .contains("closed unanswered in the last"));
        List<String> lines = output.getOut().substring(logOffset).lines().toList();
        System.out.printf("%d refused logins from one address: %d verified and answered, %d closed unanswered; "
                + "%d ms, server threads' CPU %d ms (%d us a login); %d log lines%n", LOGINS, verified, shutOut,
                took.toMillis(), cpu / 1_000_000, cpu / 1_000 / LOGINS, lines.size());
        return new Flood(verified, shutOut, took, cpu, lines);
    }

    /** CPU time of the server's threads (event loops, dispatch, decision and QoS pools), all named {@code im-}. */
    private static long serverCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("im-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private record Flood(long verified, long shutOut, Duration took, long cpuNanos, List<String> lines) {

        /**
         * Two lines an interval at most (the first refusal, then the summary), and one more interval's worth; and
         * the server's CPU: measured at about 0.5 ms a login on the 2-core test machine (mostly accepting and closing
         * the connection), a quarter of this bound.
         */
        void assertBounded() {
            assertThat(Duration.ofNanos(cpuNanos)).as("the server threads' CPU for %d logins", LOGINS)
                    .isLessThan(Duration.ofMillis(2 * LOGINS));
            long intervals = took.toSeconds() / LOG_INTERVAL_SECONDS + 2;
            assertThat(lines).as("log lines during the flood").hasSizeLessThanOrEqualTo((int) (2 * intervals));
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
