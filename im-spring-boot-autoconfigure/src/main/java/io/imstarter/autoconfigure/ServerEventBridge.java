package io.imstarter.autoconfigure;

import io.imstarter.event.ImC2CDeliveredEvent;
import io.imstarter.event.ImC2CStoredOfflineEvent;
import io.imstarter.event.ImC2CUndeliverableEvent;
import io.imstarter.event.ImC2SMessageReceivedEvent;
import io.imstarter.event.ImLoginFailedEvent;
import io.imstarter.event.ImMessage;
import io.imstarter.event.ImS2CAckedEvent;
import io.imstarter.event.ImS2CLostEvent;
import io.imstarter.event.ImUserKickedEvent;
import io.imstarter.event.ImUserLoggedInEvent;
import io.imstarter.event.ImUserLoggedOutEvent;
import io.imstarter.protocol.Packet;
import io.imstarter.server.ImServerListener;
import io.imstarter.server.KickReason;
import io.imstarter.server.LoginRequest;
import io.imstarter.server.LogoutReason;
import io.imstarter.server.SessionInfo;
import java.util.List;

/**
 * Turns every server notification into its event record and hands it to the {@link ImEventPublisher}, whose bounded
 * queue takes it or refuses it at once: the bridge never blocks, so the server calls it where a notification is
 * raised and the application's listeners run on the publisher's threads.
 */
final class ServerEventBridge implements ImServerListener {

    private final ImEventPublisher publisher;

    ServerEventBridge(ImEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public boolean neverBlocks() {
        return true;
    }

    @Override
    public void onLoggedIn(SessionInfo session) {
        publisher.publish(new ImUserLoggedInEvent(session.userId(), session.transport(), session.remoteAddress(),
                session.firstLoginTime()));
    }

    @Override
    public void onLoginFailed(LoginRequest request, int code) {
        publisher.publish(new ImLoginFailedEvent(request.userId(), request.transport(), request.remoteAddress(),
                code));
    }

    @Override
    public void onLoggedOut(SessionInfo session, LogoutReason reason) {
        publisher.publish(new ImUserLoggedOutEvent(session.userId(), session.transport(), session.remoteAddress(),
                reason));
    }

    @Override
    public void onKicked(SessionInfo session, KickReason reason) {
        publisher.publish(new ImUserKickedEvent(session.userId(), session.transport(), session.remoteAddress(),
                reason));
    }

    @Override
    public void onC2SReceived(Packet message, SessionInfo sender) {
        publisher.publishOrRefuse(new ImC2SMessageReceivedEvent(sender.userId(), sender.transport(), sender.remoteAddress(),
                ImMessage.of(message)));
    }

    @Override
    public void onC2CDelivered(Packet message) {
        publisher.publish(new ImC2CDeliveredEvent(ImMessage.of(message)));
    }

    @Override
    public void onC2CStoredOffline(Packet message) {
        publisher.publish(new ImC2CStoredOfflineEvent(ImMessage.of(message)));
    }

    @Override
    public void onC2CUndeliverable(Packet message) {
        publisher.publish(new ImC2CUndeliverableEvent(ImMessage.of(message)));
    }

    @Override
    public void onS2CAcked(Packet message) {
        publisher.publish(new ImS2CAckedEvent(ImMessage.of(message)));
    }

    @Override
    public void onS2CLost(List<Packet> messages) {
        publisher.publish(new ImS2CLostEvent(ImMessage.of(messages)));
    }
}
