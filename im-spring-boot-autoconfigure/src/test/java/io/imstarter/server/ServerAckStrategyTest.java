package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import org.junit.jupiter.api.Test;

/** Server ACK mode (section 9.5): the server ACKs the sender once the message is written to the receiver. */
class ServerAckStrategyTest {

    private final C2cFixture fixture = new C2cFixture(C2cAckMode.SERVER);
    private final ServerAckStrategy strategy = new ServerAckStrategy(fixture.config, fixture.relay);
    private final Packet message = Packet.of(PacketType.DATA, "hello", "alice", "bob", "fp-1", true, 0);

    @Test
    void theSenderIsAckedOnceTheMessageIsWrittenAndTheReceiversAckOnlyEndsTheLeg() {
        FakeConnection alice = fixture.online("alice");
        FakeConnection bob = fixture.online("bob");

        strategy.route(alice, message);

        assertThat(bob.written()).extracting(Packet::fp).containsExactly("fp-1");
        assertThat(alice.written()).singleElement().satisfies(ack -> {
            assertThat(ack.type()).isEqualTo(PacketType.ACK);
            assertThat(ack.from()).isEqualTo("bob");
            assertThat(ack.dataContent()).isEqualTo("fp-1");
        });
        assertThat(strategy.pending()).isOne();
        assertThat(fixture.events).isEmpty();

        strategy.acknowledge(message.ackFrom("bob"));

        assertThat(alice.written()).hasSize(1);
        assertThat(strategy.pending()).isZero();
        assertThat(fixture.events).containsExactly("delivered fp-1");
    }

    @Test
    void aFailedWriteIsNotAckedWhenTheOfflineHandlerRefusesIt() {
        FakeConnection alice = fixture.online("alice");
        fixture.online("bob").failWrites();
        fixture.offlineHandlerStores(false);

        strategy.route(alice, message);

        assertThat(fixture.offered).containsExactly(message);
        assertThat(fixture.events).containsExactly("undeliverable fp-1");
        assertThat(alice.written()).isEmpty();
        assertThat(strategy.pending()).isZero();
    }

    @Test
    void anOfflineReceiversMessageStoredByTheHandlerIsAckedOnTheReceiversBehalf() {
        FakeConnection alice = fixture.online("alice");
        fixture.offlineHandlerStores(true);

        strategy.route(alice, message);

        assertThat(fixture.events).containsExactly("stored fp-1");
        assertThat(alice.written()).extracting(Packet::from, Packet::dataContent)
                .containsExactly(tuple("bob", "fp-1"));
    }

    @Test
    void anOfflineReceiversMessageRefusedByTheHandlerIsUndeliverableAndNotAcked() {
        FakeConnection alice = fixture.online("alice");
        fixture.offlineHandlerStores(false);

        strategy.route(alice, message);

        assertThat(fixture.events).containsExactly("undeliverable fp-1");
        assertThat(alice.written()).isEmpty();
    }
}
