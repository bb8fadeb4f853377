package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checklist item 31: QoS server-to-client messages (section 9.6). */
class QosS2cIT {

    private static final Duration QUIET = Duration.ofMillis(700);

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension();

    @ParameterizedTest(name = "item 31: a QoS S2C that is never ACKed arrives twice, then S2CLost fires, on {0}")
    @EnumSource(Transport.class)
    void unacknowledgedS2cIsRetriedThenLost(Transport transport) {
        String user = im.newUserId("s2c-silent");
        RawClient client = im.loggedIn(transport, user);

        CompletableFuture<String> sent = im.server().send(user, "server news", 11, true);

        Packet first = client.awaitPacket(Expect.type(PacketType.DATA));
        Packet second = client.awaitPacket(Expect.dataWithFp(first.fp()));
        assertThat(first).isEqualTo(second);
        assertThat(first.from()).isEqualTo(UserIds.SERVER);
        assertThat(first.to()).isEqualTo(user);
        assertThat(first.qos()).isTrue();
        assertThat(first.typeu()).isEqualTo(11);
        assertThat(first.dataContent()).isEqualTo("server news");
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().s2cLost(first.fp()).size() == 1);
        CompletionException failure = catchThrowableOfType(CompletionException.class, sent::join);
        assertThat(((S2CSendException) failure.getCause()).reason()).isEqualTo(S2CSendException.Reason.LOST);
        client.assertNothingMore(Expect.dataWithFp(first.fp()), QUIET);
        assertThat(im.listener().s2cAcked(first.fp())).isEmpty();
    }

    @ParameterizedTest(name = "item 31: an ACKed QoS S2C fires S2CAcked and completes with its fp on {0}")
    @EnumSource(Transport.class)
    void acknowledgedS2cIsReported(Transport transport) {
        String user = im.newUserId("s2c-acking");
        RawClient client = im.loggedIn(transport, user);
        String fp = Packet.newFingerprint();

        CompletableFuture<String> sent = im.server().send(user, "hello from the server", 0, true, fp);
        Packet message = client.awaitPacket(Expect.dataWithFp(fp));
        client.send(message.ackFrom(user));

        assertThat(sent).succeedsWithin(RawClient.TIMEOUT).isEqualTo(fp);
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().s2cAcked(fp).size() == 1);
        client.assertNothingMore(Expect.dataWithFp(fp), QUIET);
        assertThat(im.listener().s2cLost(fp)).isEmpty();
    }

    @ParameterizedTest(name = "section 9.6: an S2C to a user who is not online fails at once with OFFLINE on {0}")
    @EnumSource(Transport.class)
    void s2cToOfflineUserFails(Transport transport) {
        String absent = im.newUserId("s2c-absent");

        CompletionException failure = catchThrowableOfType(CompletionException.class,
                () -> im.server().send(absent, "nobody home", 0, true).join());

        assertThat(((S2CSendException) failure.getCause()).reason()).isEqualTo(S2CSendException.Reason.OFFLINE);
    }

    @ParameterizedTest(name = "section 9.6: a non-QoS S2C is written once and needs no ACK on {0}")
    @EnumSource(Transport.class)
    void nonQosS2cIsSentOnce(Transport transport) {
        String user = im.newUserId("s2c-plain");
        RawClient client = im.loggedIn(transport, user);

        CompletableFuture<String> sent = im.server().send(user, "fyi", 0, false);

        assertThat(sent).succeedsWithin(RawClient.TIMEOUT);
        Packet message = client.awaitPacket(Expect.dataWithContent("fyi"));
        assertThat(message.qos()).isFalse();
        client.assertNothingMore(Expect.dataWithContent("fyi"), QUIET);
        client.send(Wire.keepAlive(user));
        client.awaitPacket(Expect.type(PacketType.KEEP_ALIVE_RESPONSE));
    }
}
