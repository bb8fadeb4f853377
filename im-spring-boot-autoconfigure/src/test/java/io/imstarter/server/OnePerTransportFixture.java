package io.imstarter.server;

import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.testsupport.ImServerExtension;
import io.imstarter.testsupport.RawClient;
import io.imstarter.testsupport.Wire;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/** Steps the one-per-transport tests share: one user's sessions on several transports, and a third user's message. */
final class OnePerTransportFixture {

    /** A message {@code sender}, a user of its own, sent. */
    record Sent(String from, RawClient sender, Packet message) {
    }

    private OnePerTransportFixture() {
    }

    /** The user logged in once on each of {@code transports}, in that order. */
    static Map<Transport, RawClient> loggedIn(ImServerExtension im, String user, Transport... transports) {
        Map<Transport, RawClient> sessions = new EnumMap<>(Transport.class);
        for (Transport transport : transports) {
            sessions.put(transport, im.loggedIn(transport, user));
        }
        return sessions;
    }

    /** Logs every one of the user's {@code sessions} out and waits until the server holds none. */
    static void logOutAll(ImServerExtension im, String user, Collection<RawClient> sessions) {
        sessions.forEach(session -> session.send(Wire.logout(user)));
        await().atMost(RawClient.TIMEOUT).until(() -> im.server().sessions(user).isEmpty());
    }

    /** A new user logged in on {@code transport} sends {@code text} to {@code to}. */
    static Sent sendFromNewUser(ImServerExtension im, Transport transport, String to, String text, boolean qos) {
        String from = im.newUserId("alice");
        RawClient sender = im.loggedIn(transport, from);
        Packet message = Wire.data(from, to, text, qos);
        sender.send(message);
        return new Sent(from, sender, message);
    }
}
