package io.imstarter.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imstarter.client.ImClientConfig;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.server.ImServerConfig;
import io.imstarter.testsupport.QosTimings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QosSendDaemonTest {

    private static final int TICKS = QosSendDaemon.TICKS_PER_INTERVAL;
    private static final long TICK_MILLIS = 5_000 / TICKS;

    private final AtomicLong now = new AtomicLong(1_000);
    private final List<Packet> resent = new ArrayList<>();
    private final List<Packet> lost = new ArrayList<>();
    private final QosSendDaemon<String> daemon = new QosSendDaemon<>("test",
            QosTimings.set(new ImServerConfig.Qos(), Duration.ofSeconds(5), Duration.ofSeconds(2), 1, 2), resent::add,
            lost::addAll, now::get);

    private static Packet message(String fp) {
        return Packet.of(PacketType.DATA, "hi", "a", "b", fp, true, -1);
    }

    @Test
    void resendsOnlyPacketsOlderThanMinAgeThenReportsThemLost() {
        daemon.track("k", message("fp1"));
        now.addAndGet(1_999);
        daemon.check();
        assertThat(resent).isEmpty();
        now.addAndGet(1);
        daemon.check();
        assertThat(resent).extracting(Packet::fp).containsExactly("fp1");
        daemon.check();
        assertThat(lost).as("the verdict comes one check interval after the last re-send").isEmpty();
        now.addAndGet(5_000);
        daemon.check();
        assertThat(lost).extracting(Packet::fp).containsExactly("fp1");
        assertThat(daemon.pendingCount()).isZero();
    }

    @Test
    void acknowledgedPacketsAreNeitherResentNorLost() {
        daemon.track("k", message("fp1"));
        assertThat(daemon.acknowledge("k").fp()).isEqualTo("fp1");
        assertThat(daemon.acknowledge("k")).as("a second ACK finds nothing").isNull();
        now.addAndGet(60_000);
        daemon.check();
        daemon.check();
        assertThat(resent).isEmpty();
        assertThat(lost).isEmpty();
    }

    @Test
    void refusesNewPacketsWhenFullAndDuplicateKeys() {
        assertThat(daemon.track("a", message("1"))).isTrue();
        assertThat(daemon.track("a", message("1"))).isFalse();
        assertThat(daemon.track("b", message("2"))).isTrue();
        assertThat(daemon.hasCapacity()).isFalse();
        assertThat(daemon.track("c", message("3"))).isFalse();
        daemon.acknowledge("a");
        assertThat(daemon.track("c", message("3"))).isTrue();
        assertThat(daemon.pendingCount()).isEqualTo(2);
    }

    @Test
    void aFailingResenderDoesNotStopTheCheck() {
        QosSendDaemon<String> failing = new QosSendDaemon<>("failing", new ImClientConfig.Qos(), packet -> {
            throw new IllegalStateException("socket gone");
        }, lost::addAll, now::get);
        failing.track("k", message("fp"));
        for (int i = 0; i < 3; i++) {
            now.addAndGet(10_000);
            failing.check();
        }
        assertThat(lost).extracting(Packet::fp).containsExactly("fp");
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThatThrownBy(() -> QosTimings.set(new ImClientConfig.Qos(), Duration.ZERO, Duration.ZERO, 1, 1)
                .validate("qos.")).hasMessageContaining("qos.check-interval must be positive");
        assertThatThrownBy(() -> QosTimings.set(new ImClientConfig.Qos(), Duration.ofSeconds(1), Duration.ZERO, -1, 1)
                .validate("qos.")).hasMessageContaining("qos.max-retries");
        assertThat(new ImServerConfig.Qos().worstCaseLostAfter()).isEqualTo(Duration.ofMillis(12_250));
    }

    @Test
    void spreadsTheReSendsOfPacketsTrackedTogetherOverTheCheckInterval() {
        QosSettings settings = QosTimings.set(new ImServerConfig.Qos(), Duration.ofSeconds(5), Duration.ofSeconds(2), 2,
                1000);
        QosSendDaemon<String> paced = new QosSendDaemon<>("paced", settings, resent::add, lost::addAll, now::get);
        for (int i = 0; i < 300; i++) {
            paced.track("k" + i, message("fp" + i));
        }
        List<Integer> perTick = new ArrayList<>();
        // Min age plus one interval: every packet's first re-send, and at most one second re-send at the very end.
        for (int tick = 0; tick < (2_000 + 5_000) / TICK_MILLIS; tick++) {
            int before = resent.size();
            now.addAndGet(TICK_MILLIS);
            paced.check();
            perTick.add(resent.size() - before);
        }
        assertThat(resent.stream().map(Packet::fp).distinct()).as("all re-sent within min age plus one interval")
                .hasSize(300);
        assertThat(perTick).as("at most a twentieth of the burst, plus rounding, per tick")
                .allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(300 / TICKS + 2));
        assertThat(perTick.stream().filter(count -> count > 0)).hasSizeGreaterThanOrEqualTo(TICKS - 1);
    }

    @Test
    void aRateLimitedReSendIsGivenBackAndThePacketBacksOff() {
        daemon.track("k", message("fp1"));
        now.addAndGet(2_000);
        daemon.check();
        assertThat(resent).hasSize(1);

        daemon.backOff("k");
        daemon.backOff("k");
        now.addAndGet(4_999);
        daemon.check();
        assertThat(resent).as("backs off at least one check interval").hasSize(1);
        tickFor(daemon, 6_000);
        assertThat(resent).as("the refused re-send did not count: it gets its retry").hasSize(2);
        assertThat(lost).isEmpty();
        tickFor(daemon, 5_000);
        assertThat(lost).as("a second refusal of the same write gives nothing back")
                .extracting(Packet::fp).containsExactly("fp1");
        assertThat(resent).hasSize(2);
    }

    @Test
    void aRateLimitedFirstWriteOnlyPostponesThePacket() {
        daemon.track("k", message("fp1"));
        now.addAndGet(1_000);
        daemon.backOff("k");
        tickFor(daemon, 4_999);
        assertThat(resent).isEmpty();
        tickFor(daemon, 10_000);
        assertThat(resent).hasSize(1);
        tickFor(daemon, 5_000);
        assertThat(lost).extracting(Packet::fp).containsExactly("fp1");
    }

    @Test
    void aHeldPacketStartsItsRetryClockOnlyWhenWritten() {
        assertThat(daemon.hold("k", message("fp1"))).isTrue();
        assertThat(daemon.pendingCount()).as("a held packet takes its place in the bound").isEqualTo(1);
        tickFor(daemon, 60_000);
        assertThat(resent).isEmpty();
        assertThat(lost).isEmpty();
        assertThat(daemon.isPending("k")).isTrue();

        daemon.written("k");
        now.addAndGet(1_999);
        daemon.check();
        assertThat(resent).isEmpty();
        now.addAndGet(1);
        daemon.check();
        assertThat(resent).hasSize(1);
        daemon.written("k");
        tickFor(daemon, 4_999);
        assertThat(resent).as("a second written call does not restart the clock").hasSize(1);
        tickFor(daemon, 1);
        assertThat(lost).extracting(Packet::fp).containsExactly("fp1");
        assertThat(daemon.hold("k", message("fp1"))).isTrue();
        assertThat(daemon.hold("k", message("fp1"))).as("a key is held once").isFalse();
    }

    /** Advances the clock by {@code millis}, checking once per daemon tick as the scheduler would. */
    private void tickFor(QosSendDaemon<String> target, long millis) {
        long end = now.get() + millis;
        while (now.get() < end) {
            now.set(Math.min(end, now.get() + TICK_MILLIS));
            target.check();
        }
    }
}
