package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 20: a type 4 answering a message the server sent (S2C, relayed C2C) is the server's own traffic coming back
 * and never counts against the packet limit (100 a second, burst 200, the defaults here); a burst of ACKs the
 * server is not waiting for still does.
 */
class AckNotAFloodIT {

    /** Well past the default burst of 200 packets. */
    private static final int BURST = 500;

    /** Three re-sends rather than one, so a UDP datagram lost under load is still delivered. */
    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension().configure(config -> config.getQos()
            .setMaxRetries(3));

    @ParameterizedTest(name = "{0}: a receiver ACKing 500 S2C messages at once gets no 305 and every send completes")
    @EnumSource(Transport.class)
    void acksOfServerMessagesAreNeverRefused(Transport transport) {
        String user = im.newUserId("s2c-receiver");
        RawClient client = im.loggedIn(transport, user);
        List<CompletableFuture<String>> sends = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            sends.add(im.server().send(user, "push " + i, 0, true));
        }

        ackEvery(client, user, BURST);

        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        assertThat(client.inbox().matching(Expect.type(PacketType.ERROR))).isEmpty();
    }

    @ParameterizedTest(name = "{0}: a receiver ACKing 450 relayed C2C messages at once gets no 305, each sender its ACKs")
    @EnumSource(Transport.class)
    void acksOfRelayedMessagesAreNeverRefused(Transport transport) {
        String receiver = im.newUserId("c2c-receiver");
        RawClient receiverClient = im.loggedIn(transport, receiver);
        List<RawClient> senders = new ArrayList<>();
        List<Packet> sent = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            String sender = im.newUserId("sender");
            RawClient senderClient = im.loggedIn(transport, sender);
            senders.add(senderClient);
            // 150 each: within a sender's own burst of 200.
            for (int i = 0; i < 150; i++) {
                Packet message = Wire.data(sender, receiver, "message " + i, true);
                sent.add(message);
                senderClient.send(message);
            }
        }

        ackEvery(receiverClient, receiver, sent.size());

        for (int s = 0; s < senders.size(); s++) {
            RawClient senderClient = senders.get(s);
            sent.subList(150 * s, 150 * (s + 1)).forEach(message -> senderClient.awaitPacket(
                    Expect.ackOf(message.fp())));
        }
        assertThat(receiverClient.inbox().matching(Expect.type(PacketType.ERROR))).isEmpty();
    }

    @Test
    void aBurstOfAcksForMessagesTheServerIsNotWaitingForIsRefused() {
        String user = im.newUserId("forger");
        String victim = im.newUserId("victim");
        RawClient client = im.loggedIn(Transport.TCP, user);

        for (int i = 0; i < BURST; i++) {
            client.send(Wire.ack(user, victim, UUID.randomUUID().toString()));
        }

        Packet refusal = client.awaitPacket(Expect.error(ErrorCode.RATE_LIMITED));
        assertThat(Expect.errorOf(refusal).errorMsg()).startsWith("Too many packets: the limit is 100 a second");
    }

    @Test
    void aRepeatedAckOfAnAcknowledgedMessageCountsLikeAnyPacket() {
        String user = im.newUserId("repeater");
        RawClient client = im.loggedIn(Transport.TCP, user);
        CompletableFuture<String> send = im.server().send(user, "once", 0, true);
        Packet message = client.awaitPacket(Expect.type(PacketType.DATA));
        client.send(Wire.ack(user, "0", message.fp()));
        await().atMost(RawClient.TIMEOUT).until(send::isDone);

        for (int i = 0; i < BURST; i++) {
            client.send(Wire.ack(user, "0", message.fp()));
        }

        client.awaitPacket(Expect.error(ErrorCode.RATE_LIMITED));
    }

    /**
     * ACKs every type 2 the moment it arrives, as a stock client does, until {@code count} different messages came:
     * on UDP a datagram lost under load comes again from the server's QoS.
     */
    private static void ackEvery(RawClient client, String userId, int count) {
        Set<String> received = new HashSet<>();
        while (received.size() < count) {
            Packet message = client.awaitPacket(Expect.type(PacketType.DATA));
            client.send(Wire.ack(userId, message.from(), message.fp()));
            received.add(message.fp());
        }
    }
}
