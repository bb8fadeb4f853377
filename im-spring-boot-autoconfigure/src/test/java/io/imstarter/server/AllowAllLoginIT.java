package io.imstarter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link LoginVerifier#ALLOW_ALL} cannot block, so a login it would accept is settled where it is read (the event
 * loop, when nothing of the connection is queued), without the hop to the decision pool that any other verifier
 * takes; the login itself is the same, and the listeners still hear of it on a dispatch thread.
 */
class AllowAllLoginIT {

    private static final Map<String, String> LOGGED_IN_ON = new ConcurrentHashMap<>();

    @RegisterExtension
    static final ImServerExtension im = new ImServerExtension().builder(builder -> builder
            .loginVerifier(LoginVerifier.ALLOW_ALL)
            .listener(new ImServerListener() {
                @Override
                public void onLoggedIn(SessionInfo session) {
                    LOGGED_IN_ON.put(session.userId(), Thread.currentThread().getName());
                }
            }));

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Transport.class)
    void acceptsWithoutTheDecisionPoolAndNotifiesOnADispatchThread(Transport transport) {
        String user = im.newUserId("open");

        im.loggedIn(transport, user);

        await().atMost(RawClient.TIMEOUT).until(() -> LOGGED_IN_ON.containsKey(user));
        assertThat(LOGGED_IN_ON.get(user)).startsWith("im-dispatch");
        assertThat(im.server().session(user)).isPresent();
    }
}
