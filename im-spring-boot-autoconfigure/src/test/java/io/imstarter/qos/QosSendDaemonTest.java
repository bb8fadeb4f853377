package io.imstarter.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QosSendDaemonTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final List<Packet> resent = new ArrayList<>();
    private final List<Packet> lost = new ArrayList<>();
    private final QosSendDaemon<String> daemon = new QosSendDaemon<>("test",
            new QosSettings(Duration.ofSeconds(5), Duration.ofSeconds(2), 1, 2), resent::add, lost::addAll, now::get);

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
        QosSendDaemon<String> failing = new QosSendDaemon<>("failing", QosSettings.CLIENT_DEFAULTS, packet -> {
            throw new IllegalStateException("socket gone");
        }, lost::addAll, now::get);
        failing.track("k", message("fp"));
        now.addAndGet(10_000);
        failing.check();
        failing.check();
        failing.check();
        assertThat(lost).extracting(Packet::fp).containsExactly("fp");
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThatThrownBy(() -> new QosSettings(Duration.ZERO, Duration.ZERO, 1, 1))
                .hasMessageContaining("checkInterval must be positive");
        assertThatThrownBy(() -> new QosSettings(Duration.ofSeconds(1), Duration.ZERO, -1, 1))
                .hasMessageContaining("maxRetries");
        assertThat(QosSettings.SERVER_DEFAULTS.worstCaseLostAfter()).isEqualTo(Duration.ofSeconds(12));
    }
}
