package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both C2C ACK modes (section 9.5), each strategy as {@link C2cAckStrategy#of} picks it. In server mode the sender's
 * ACK comes once the message is written to the receiver; in receiver mode it is the receiver's own, and each message
 * is tracked by state so that re-sends are neither forwarded twice nor handed off twice.
 */
class C2cAckStrategyTest {

    private final Packet message = Packet.of(PacketType.DATA, "hello", "alice", "bob", "fp-1", true, 0);

    /** Why a message cannot be delivered live. */
    enum Receiver { IS_OFFLINE, FAILS_WRITES }

    static Stream<Arguments> undeliverableCases() {
        return Arrays.stream(C2cAckMode.values()).flatMap(mode -> Arrays.stream(Receiver.values())
                .flatMap(receiver -> Stream.of(true, false).map(stored -> Arguments.of(mode, receiver, stored))));
    }

    @ParameterizedTest(name = "{0} mode")
    @EnumSource(C2cAckMode.class)
    void theSenderGetsOneAckFromTheReceiverAndTheReceiversAckEndsTheLeg(C2cAckMode mode) {
        Routing routing = new Routing(mode);
        FakeConnection alice = routing.fixture.online("alice");
        FakeConnection bob = routing.fixture.online("bob");

        routing.strategy.route(alice, message);

        assertThat(bob.written()).extracting(Packet::fp).containsExactly("fp-1");
        assertThat(alice.written()).hasSize(mode == C2cAckMode.SERVER ? 1 : 0);
        assertThat(routing.fixture.events).isEmpty();
        assertThat(routing.strategy.pending()).isOne();

        routing.strategy.acknowledge(message.ackFrom("bob"));

        assertThat(alice.written()).singleElement().satisfies(ack -> {
            assertThat(ack.type()).isEqualTo(PacketType.ACK);
            assertThat(ack.from()).isEqualTo("bob");
            assertThat(ack.dataContent()).isEqualTo("fp-1");
        });
        assertThat(routing.fixture.events).containsExactly("delivered fp-1");
        assertThat(routing.strategy.pending()).isZero();
    }

    @ParameterizedTest(name = "{0} mode, the receiver {1}, the handler stores it: {2}")
    @MethodSource("undeliverableCases")
    void aMessageThatCannotBeDeliveredLiveGoesToTheOfflineHandlerWhoseVerdictDecidesTheSendersAck(C2cAckMode mode,
            Receiver receiver, boolean stored) {
        Routing routing = new Routing(mode);
        FakeConnection alice = routing.fixture.online("alice");
        if (receiver == Receiver.FAILS_WRITES) {
            routing.fixture.online("bob").failWrites();
        }
        routing.fixture.offlineHandlerStores(stored);

        routing.strategy.route(alice, message);

        assertThat(routing.fixture.offered).containsExactly(message);
        assertThat(routing.fixture.events).containsExactly((stored ? "stored " : "undeliverable ") + "fp-1");
        if (stored) {
            assertThat(alice.written()).singleElement().satisfies(ack -> {
                assertThat(ack.type()).isEqualTo(PacketType.ACK);
                assertThat(ack.from()).isEqualTo("bob");
                assertThat(ack.dataContent()).isEqualTo("fp-1");
            });
        }
        else {
            assertThat(alice.written()).isEmpty();
        }
        assertThat(routing.strategy.pending()).isZero();
    }

    // Receiver mode alone tracks each message, so only there a re-send is recognised.

    @Test
    void receiverModeNeitherForwardsNorAcksARetransmissionWhilePending() {
        Routing routing = new Routing(C2cAckMode.RECEIVER);
        FakeConnection alice = routing.fixture.online("alice");
        FakeConnection bob = routing.fixture.online("bob");

        routing.strategy.route(alice, message);
        routing.strategy.route(alice, message);

        assertThat(bob.written()).hasSize(1);
        assertThat(alice.written()).isEmpty();
    }

    @Test
    void receiverModeAcksARetransmissionAfterTheReceiversAckAgainWithoutASecondCopy() {
        Routing routing = new Routing(C2cAckMode.RECEIVER);
        FakeConnection alice = routing.fixture.online("alice");
        FakeConnection bob = routing.fixture.online("bob");
        routing.strategy.route(alice, message);
        routing.strategy.acknowledge(message.ackFrom("bob"));

        routing.strategy.route(alice, message);

        assertThat(bob.written()).hasSize(1);
        assertThat(alice.written()).hasSize(2).allSatisfy(ack -> assertThat(ack.dataContent()).isEqualTo("fp-1"));
        assertThat(routing.fixture.events).containsExactly("delivered fp-1");
    }

    @Test
    void receiverModeDoesNotForwardASecondAckOfTheSameMessage() {
        Routing routing = new Routing(C2cAckMode.RECEIVER);
        FakeConnection alice = routing.fixture.online("alice");
        routing.fixture.online("bob");
        routing.strategy.route(alice, message);

        routing.strategy.acknowledge(message.ackFrom("bob"));
        routing.strategy.acknowledge(message.ackFrom("bob"));

        assertThat(alice.written()).hasSize(1);
    }

    @Test
    void receiverModeAcksARetransmissionOfAStoredMessageWithoutOfferingItAgain() {
        Routing routing = new Routing(C2cAckMode.RECEIVER);
        FakeConnection alice = routing.fixture.online("alice");
        routing.fixture.offlineHandlerStores(true);

        routing.strategy.route(alice, message);
        routing.strategy.route(alice, message);

        assertThat(routing.fixture.offered).containsExactly(message);
        assertThat(routing.fixture.events).containsExactly("stored fp-1");
        assertThat(alice.written()).hasSize(2).allSatisfy(ack -> {
            assertThat(ack.from()).isEqualTo("bob");
            assertThat(ack.dataContent()).isEqualTo("fp-1");
        });
    }

    @Test
    void receiverModeOffersARefusedMessageAgainOnRetransmission() {
        Routing routing = new Routing(C2cAckMode.RECEIVER);
        FakeConnection alice = routing.fixture.online("alice");
        routing.fixture.offlineHandlerStores(false);
        routing.strategy.route(alice, message);

        routing.strategy.route(alice, message);

        assertThat(routing.fixture.offered).hasSize(2);
        assertThat(alice.written()).isEmpty();
    }

    /** The real C2C collaborators and the strategy the server would pick for {@code mode}. */
    private static final class Routing {

        final C2cFixture fixture;
        final C2cAckStrategy strategy;

        Routing(C2cAckMode mode) {
            fixture = new C2cFixture(mode);
            strategy = C2cAckStrategy.of(fixture.config, fixture.relay);
        }
    }
}
