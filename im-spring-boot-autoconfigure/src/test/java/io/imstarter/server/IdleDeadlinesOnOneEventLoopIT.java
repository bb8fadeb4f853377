package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.RecordingListener.Logout;
import io.imstarter.testsupport.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With one event loop, the read deadlines of all TCP connections wait in one queue behind one timer: silent
 * connections that went quiet one after another are each closed for idleness, none before its own deadline, while a
 * chatty connection on the same loop, whose deadline keeps moving, stays open.
 */
class IdleDeadlinesOnOneEventLoopIT {

    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration STAGGER = Duration.ofMillis(300);

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension().configure(config -> {
        config.setIoThreads(1);
        config.getTcp().setIdleTimeout(IDLE_TIMEOUT);
    });

    @Test
    void silentConnectionsCloseAtTheirOwnDeadlinesWhileAChattyOneStaysOpen() {
        String chatty = im.newUserId("chatty");
        RawClient chattyClient = im.loggedIn(Transport.TCP, chatty);
        List<String> silent = new ArrayList<>();
        long[] loginSent = new long[3];
        for (int i = 0; i < 3; i++) {
            silent.add(im.newUserId("silent"));
            loginSent[i] = System.nanoTime();
            im.loggedIn(Transport.TCP, silent.get(i));
            keepTalking(chattyClient, chatty, STAGGER);
        }

        for (int i = 0; i < 3; i++) {
            String user = silent.get(i);
            await().atMost(RawClient.TIMEOUT).until(() -> {
                chattyClient.sendText(PacketCodec.encode(Wire.keepAlive(chatty)));
                return !im.listener().loggedOut(user).isEmpty();
            });
            assertThat(Duration.ofNanos(System.nanoTime() - loginSent[i])).isGreaterThanOrEqualTo(IDLE_TIMEOUT);
            assertThat(im.listener().loggedOut(user)).extracting(Logout::reason)
                    .containsExactly(LogoutReason.IDLE_TIMEOUT);
            assertThat(im.server().session(user)).isEmpty();
        }
        assertThat(im.server().session(chatty)).isPresent();
        assertThat(im.listener().loggedOut(chatty)).isEmpty();
    }

    /** Sends keep-alives every 100 ms for {@code duration}, checking that the connection stays logged in. */
    private static void keepTalking(RawClient client, String user, Duration duration) {
        await().during(duration).atMost(RawClient.TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            client.sendText(PacketCodec.encode(Wire.keepAlive(user)));
            return im.server().session(user).isPresent() && !client.isClosed();
        });
    }
}
