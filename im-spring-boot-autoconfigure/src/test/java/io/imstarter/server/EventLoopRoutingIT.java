package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.Expect;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.UserPair;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Under the allow-all interceptor a C2C message, its ACK and a keep-alive are handled on the event loop, and so is a
 * login under the allow-all verifier: they go through while every dispatch thread is held by the application, and
 * the listeners still hear of them only on a dispatch thread, {@code LoggedIn} ahead of the session's
 * {@code LoggedOut}. With an interceptor bean the message waits for a dispatch thread.
 */
class EventLoopRoutingIT {

    private final HeldDispatchThreads dispatch = new HeldDispatchThreads(2);
    /** "in " or "out " and the user id, in the order the listeners heard them. */
    private final List<String> sessionEvents = new CopyOnWriteArrayList<>();

    /**
     * Two dispatch threads (the extension's setting), each held by the application taking a C2S message; the
     * production allow-all verifier.
     */
    @RegisterExtension
    final ImServerExtension im = new ImServerExtension().builder(builder -> builder
            .loginVerifier(LoginVerifier.ALLOW_ALL).listener(dispatch).listener(new ImServerListener() {
                @Override
                public void onLoggedIn(SessionInfo session) {
                    sessionEvents.add("in " + session.userId());
                }

                @Override
                public void onLoggedOut(SessionInfo session, LogoutReason reason) {
                    sessionEvents.add("out " + session.userId());
                }
            }));

    @AfterEach
    void releaseTheDispatchThreads() {
        dispatch.release();
    }

    @ParameterizedTest(name = "a C2C message and its ACK are relayed while the dispatch pool is busy, on {0}")
    @EnumSource(Transport.class)
    void messageAndAckAreRelayedWhileTheDispatchPoolIsBusy(Transport transport) throws InterruptedException {
        UserPair pair = im.loggedInPair(transport);
        dispatch.holdAll(im, transport);
        Packet message = Wire.data(pair.sender(), pair.receiver(), "past the busy pool", true);

        pair.senderClient().send(message);
        pair.receiverClient().awaitPacket(Expect.dataWithFp(message.fp()));
        pair.receiverClient().send(Wire.ack(pair.receiver(), pair.sender(), message.fp()));
        pair.senderClient().awaitPacket(Expect.ackOf(message.fp()));
        pair.senderClient().send(Wire.keepAlive(pair.sender()));
        pair.senderClient().awaitPacket(packet -> packet.type() == PacketType.KEEP_ALIVE_RESPONSE);

        assertThat(im.listener().delivered(message.fp())).as("listeners wait for a dispatch thread").isEmpty();
        dispatch.release();
        await().atMost(RawClient.TIMEOUT).until(() -> im.listener().delivered(message.fp()).size() == 1);
    }

    @ParameterizedTest(name = "a login is answered while the dispatch pool is busy, LoggedIn then LoggedOut after, on {0}")
    @EnumSource(Transport.class)
    void loginIsAnsweredWhileTheDispatchPoolIsBusy(Transport transport) throws InterruptedException {
        dispatch.holdAll(im, transport);
        String user = im.newUserId("storm");
        RawClient client = im.connect(transport);

        LoginResponse response = client.login(user, "token-" + user, 0);
        client.send(Wire.logout(user));

        assertThat(response.code()).isZero();
        assertThat(sessionEvents).as("listeners wait for a dispatch thread").noneMatch(event -> event.endsWith(user));
        dispatch.release();
        await().atMost(RawClient.TIMEOUT).until(() -> sessionEvents.contains("out " + user));
        assertThat(sessionEvents.stream().filter(event -> event.endsWith(" " + user)).toList())
                .containsExactly("in " + user, "out " + user);
    }

    @ParameterizedTest(name = "a message for an interceptor bean waits for a dispatch thread, on {0}")
    @EnumSource(Transport.class)
    void messageForAnInterceptorBeanWaitsForADispatchThread(Transport transport) throws InterruptedException {
        im.withInterceptor();
        UserPair pair = im.loggedInPair(transport);
        im.interceptor((message, sender) -> !message.dataContent().contains("refuse"));
        dispatch.holdAll(im, transport);
        Packet message = Wire.data(pair.sender(), pair.receiver(), "after the pool", true);

        pair.senderClient().send(message);

        pair.receiverClient().assertNothingMore(Expect.dataWithFp(message.fp()), Duration.ofMillis(300));
        dispatch.release();
        pair.receiverClient().awaitPacket(Expect.dataWithFp(message.fp()));
    }

}
