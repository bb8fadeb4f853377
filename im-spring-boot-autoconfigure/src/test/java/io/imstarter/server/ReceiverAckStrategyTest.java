package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import org.junit.jupiter.api.Test;

/** Receiver ACK mode (section 9.5): the sender's ACK is the receiver's own, and each message is tracked by state. */
class ReceiverAckStrategyTest {

    private final C2cFixture fixture = new C2cFixture(C2cAckMode.RECEIVER);
    private final ReceiverAckStrategy strategy = new ReceiverAckStrategy(fixture.config, fixture.relay);
    private final Packet message = Packet.of(PacketType.DATA, "hello", "alice", "bob", "fp-1", true, 0);

    @Test
    void thePendingMessageIsAckedToTheSenderOnlyWhenTheReceiverAcks() {
        FakeConnection alice = fixture.online("alice");
        FakeConnection bob = fixture.online("bob");

        strategy.route(alice, message);

        assertThat(bob.written()).extracting(Packet::fp).containsExactly("fp-1");
        assertThat(alice.written()).isEmpty();
        assertThat(strategy.pending()).isOne();

        strategy.acknowledge(message.ackFrom("bob"));

        assertThat(alice.written()).singleElement().satisfies(ack -> {
            assertThat(ack.type()).isEqualTo(PacketType.ACK);
            assertThat(ack.from()).isEqualTo("bob");
            assertThat(ack.dataContent()).isEqualTo("fp-1");
        });
        assertThat(fixture.events).containsExactly("delivered fp-1");
        assertThat(strategy.pending()).isZero();
    }

    @Test
    void aRetransmissionWhilePendingIsNeitherForwardedNorAcked() {
        FakeConnection alice = fixture.online("alice");
        FakeConnection bob = fixture.online("bob");

        strategy.route(alice, message);
        strategy.route(alice, message);

        assertThat(bob.written()).hasSize(1);
        assertThat(alice.written()).isEmpty();
    }

    @Test
    void aRetransmissionAfterTheReceiversAckIsAckedAgainWithoutASecondCopy() {
        FakeConnection alice = fixture.online("alice");
        FakeConnection bob = fixture.online("bob");
        strategy.route(alice, message);
        strategy.acknowledge(message.ackFrom("bob"));

        strategy.route(alice, message);

        assertThat(bob.written()).hasSize(1);
        assertThat(alice.written()).hasSize(2).allSatisfy(ack -> assertThat(ack.dataContent()).isEqualTo("fp-1"));
        assertThat(fixture.events).containsExactly("delivered fp-1");
    }

    @Test
    void aSecondAckOfTheSameMessageIsNotForwarded() {
        FakeConnection alice = fixture.online("alice");
        fixture.online("bob");
        strategy.route(alice, message);

        strategy.acknowledge(message.ackFrom("bob"));
        strategy.acknowledge(message.ackFrom("bob"));

        assertThat(alice.written()).hasSize(1);
    }

    @Test
    void anOfflineReceiversMessageStoredByTheHandlerIsAckedOnTheReceiversBehalf() {
        FakeConnection alice = fixture.online("alice");
        fixture.offlineHandlerStores(true);

        strategy.route(alice, message);
        strategy.route(alice, message);

        assertThat(fixture.offered).containsExactly(message);
        assertThat(fixture.events).containsExactly("stored fp-1");
        assertThat(alice.written()).hasSize(2).allSatisfy(ack -> {
            assertThat(ack.from()).isEqualTo("bob");
            assertThat(ack.dataContent()).isEqualTo("fp-1");
        });
    }

    @Test
    void anOfflineReceiversMessageRefusedByTheHandlerIsUndeliverableAndOfferedAgainOnRetransmission() {
        FakeConnection alice = fixture.online("alice");
        fixture.offlineHandlerStores(false);

        strategy.route(alice, message);

        assertThat(fixture.events).containsExactly("undeliverable fp-1");
        assertThat(alice.written()).isEmpty();

        strategy.route(alice, message);

        assertThat(fixture.offered).hasSize(2);
    }

    @Test
    void aFailedWriteToTheReceiverHandsTheMessageOff() {
        FakeConnection alice = fixture.online("alice");
        fixture.online("bob").failWrites();
        fixture.offlineHandlerStores(true);

        strategy.route(alice, message);

        assertThat(fixture.offered).containsExactly(message);
        assertThat(strategy.pending()).isZero();
        assertThat(alice.written()).extracting(Packet::dataContent).containsExactly("fp-1");
    }
}
