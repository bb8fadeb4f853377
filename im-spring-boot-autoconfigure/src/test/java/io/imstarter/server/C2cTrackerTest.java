package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The tracker's two promises (issue 20): a PENDING or HANDING_OFF message is kept until its ACK or hand-off, never
 * pushed out by traffic; beyond {@code maxKept} new messages are refused; ACKed and stored messages are remembered
 * for de-duplication within a byte budget, the oldest forgotten first.
 */
class C2cTrackerTest {

    private static final int MAX_KEPT = 3;
    /** Room for about ten remembered UUID keys. */
    private static final long MEMORY_BYTES = 1024;
    private static final Duration WINDOW = Duration.ofMinutes(10);

    /** ACK timeout zero: every PENDING message is overdue at once, so {@link C2cTracker#overdue} shows what is kept. */
    private final C2cTracker tracker = new C2cTracker(WINDOW, Duration.ZERO, MAX_KEPT, MEMORY_BYTES);

    @Test
    void atTheBoundANewMessageIsRefusedAndNoKeptMessageIsForgotten() {
        List<Packet> pending = startPending("alice", MAX_KEPT);

        Packet oneTooMany = message("alice");
        assertThat(tracker.startPending(key(oneTooMany), oneTooMany)).isEqualTo(C2cTracker.State.REFUSED);

        assertThat(tracker.keptCount()).isEqualTo(MAX_KEPT);
        assertThat(tracker.overdue()).containsExactlyElementsOf(pending);
        assertThat(tracker.startPending(key(oneTooMany), oneTooMany)).as("still no room").isEqualTo(
                C2cTracker.State.REFUSED);
    }

    @Test
    void anAckFreesRoomForTheNextMessage() {
        List<Packet> pending = startPending("alice", MAX_KEPT);

        assertThat(tracker.acknowledge(key(pending.get(0)))).isEqualTo(C2cTracker.State.PENDING);
        Packet next = message("alice");

        assertThat(tracker.startPending(key(next), next)).isNull();
        assertThat(tracker.keptCount()).isEqualTo(MAX_KEPT);
    }

    @Test
    void aPendingMessageOutlivesThousandsOfAckedOnesThatOverflowTheDedupMemory() {
        Packet waiting = message("alice");
        tracker.startPending(key(waiting), waiting);

        for (int i = 0; i < 5000; i++) {
            Packet passing = message("carol");
            assertThat(tracker.startPending(key(passing), passing)).isNull();
            assertThat(tracker.acknowledge(key(passing))).isEqualTo(C2cTracker.State.PENDING);
        }

        assertThat(tracker.awaitsAck(key(waiting), "bob")).isTrue();
        assertThat(tracker.overdue()).containsExactly(waiting);
        assertThat(tracker.acknowledge(key(waiting))).isEqualTo(C2cTracker.State.PENDING);
    }

    @Test
    void theDedupMemoryForgetsTheOldestFirstWithinItsBytesAndReportsTheShorterWindow() {
        Packet first = message("alice");
        tracker.startPending(key(first), first);
        tracker.acknowledge(key(first));
        assertThat(tracker.effectiveWindowMillis()).isEqualTo(WINDOW.toMillis());

        Packet last = null;
        for (int i = 0; i < 50; i++) {
            last = message("alice");
            tracker.startPending(key(last), last);
            tracker.acknowledge(key(last));
        }

        assertThat(tracker.startPending(key(last), last)).as("the latest is remembered")
                .isEqualTo(C2cTracker.State.DONE);
        assertThat(tracker.startPending(key(first), first)).as("the oldest was forgotten: a new message").isNull();
        assertThat(tracker.effectiveWindowMillis()).isLessThan(WINDOW.toMillis());
    }

    @Test
    void aStoredMessageLeavesTheKeptOnesAndIsAnsweredAsStoredUntilItsReceiverAcks() {
        Packet stored = message("alice");
        tracker.startPending(key(stored), stored);
        tracker.transition(key(stored), C2cTracker.State.PENDING, C2cTracker.State.HANDING_OFF);
        assertThat(tracker.keptCount()).as("handing off is kept").isOne();

        tracker.transition(key(stored), C2cTracker.State.HANDING_OFF, C2cTracker.State.STORED);

        assertThat(tracker.keptCount()).isZero();
        assertThat(tracker.startPending(key(stored), stored)).isEqualTo(C2cTracker.State.STORED);
        assertThat(tracker.acknowledge(key(stored))).isEqualTo(C2cTracker.State.STORED);
        assertThat(tracker.startPending(key(stored), stored)).isEqualTo(C2cTracker.State.DONE);
    }

    @Test
    void onlyThePendingMessagesOwnReceiverAwaitsItsAck() {
        Packet message = message("alice");
        tracker.startPending(key(message), message);

        assertThat(tracker.awaitsAck(key(message), "bob")).isTrue();
        assertThat(tracker.awaitsAck(key(message), "mallory")).isFalse();
        assertThat(tracker.awaitsAck(new MessageKey("alice", UUID.randomUUID().toString()), "bob")).isFalse();

        tracker.acknowledge(key(message));

        assertThat(tracker.awaitsAck(key(message), "bob")).as("a second ACK answers nothing").isFalse();
    }

    private List<Packet> startPending(String sender, int count) {
        List<Packet> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Packet message = message(sender);
            assertThat(tracker.startPending(key(message), message)).isNull();
            started.add(message);
        }
        return started;
    }

    private static Packet message(String sender) {
        return Packet.of(PacketType.DATA, "hello", sender, "bob", UUID.randomUUID().toString(), true, 0);
    }

    private static MessageKey key(Packet message) {
        return new MessageKey(message.from(), message.fp());
    }
}
