package io.imstarter.autoconfigure;

import io.imstarter.client.ImClientListener;
import io.imstarter.client.ServerAddress;
import io.imstarter.event.ImClientErrorResponseEvent;
import io.imstarter.event.ImClientKickedEvent;
import io.imstarter.event.ImClientLinkClosedEvent;
import io.imstarter.event.ImClientLoginResultEvent;
import io.imstarter.event.ImClientMessageReceivedEvent;
import io.imstarter.event.ImClientMessagesAckedEvent;
import io.imstarter.event.ImClientMessagesLostEvent;
import io.imstarter.event.ImMessage;
import io.imstarter.protocol.ErrorResponse;
import io.imstarter.protocol.GroupEnvelope;
import io.imstarter.protocol.KickoutInfo;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Packet;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Turns every embedded-client notification into its event record and hands it to the {@link ImEventPublisher}. */
final class ClientEventBridge implements ImClientListener {

    private final ImEventPublisher publisher;

    ClientEventBridge(ImEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void onLoginResult(String userId, LoginResponse response, ServerAddress server) {
        publisher.publish(new ImClientLoginResultEvent(userId, response.code(), response.firstLoginTime(),
                server.toString()));
    }

    @Override
    public void onLinkClosed(String userId, int code) {
        publisher.publish(new ImClientLinkClosedEvent(userId, code));
    }

    @Override
    public void onKicked(String userId, KickoutInfo kickout) {
        publisher.publish(new ImClientKickedEvent(userId, kickout.code(), kickout.reason()));
    }

    /** The client ACKs the message once the event listeners have run, not when the event is queued (9.6). */
    @Override
    public CompletionStage<Void> handleMessage(String userId, Packet message) {
        return publisher.publishAndAwait(new ImClientMessageReceivedEvent(userId, ImMessage.of(message)));
    }

    /** The same event, carrying the group copy's sender and sequence number. */
    @Override
    public CompletionStage<Void> handleGroupMessage(String userId, Packet message, GroupEnvelope.Copy group) {
        return publisher.publishAndAwait(new ImClientMessageReceivedEvent(userId, ImMessage.of(message), group));
    }

    @Override
    public void onErrorResponse(String userId, ErrorResponse error) {
        publisher.publish(new ImClientErrorResponseEvent(userId, error.errorCode(), error.errorMsg()));
    }

    @Override
    public void onMessagesAcked(String userId, List<Packet> messages) {
        publisher.publish(new ImClientMessagesAckedEvent(userId, ImMessage.of(messages)));
    }

    @Override
    public void onMessagesLost(String userId, List<Packet> messages) {
        publisher.publish(new ImClientMessagesLostEvent(userId, ImMessage.of(messages)));
    }
}
