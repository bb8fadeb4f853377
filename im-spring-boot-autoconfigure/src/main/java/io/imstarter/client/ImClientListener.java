package io.imstarter.client;

import io.imstarter.protocol.ErrorResponse;
import io.imstarter.protocol.GroupEnvelope;
import io.imstarter.protocol.KickoutInfo;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Packet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Notifications from an embedded client, each naming the client's user id. Called off the Netty event loops on
 * the client's callback executor; exceptions are caught and logged.
 */
public interface ImClientListener {

    /** A login (first or automatic re-login) was answered. */
    default void onLoginResult(String userId, LoginResponse response) {
    }

    /**
     * A login (first or automatic re-login) was answered by {@code server}, which after a failover is not the one
     * before; the client calls this one, whose default calls {@link #onLoginResult(String, LoginResponse)}.
     */
    default void onLoginResult(String userId, LoginResponse response, ServerAddress server) {
        onLoginResult(userId, response);
    }

    /** The link to the server was lost or closed; {@code code} is 201 for a broken link. */
    default void onLinkClosed(String userId, int code) {
    }

    /** The server kicked this client; it will not re-login. */
    default void onKicked(String userId, KickoutInfo kickout) {
    }

    /**
     * A type 2 message arrived (duplicates already dropped). A QoS message is ACKed once this has returned for
     * every listener, never when one of them throws: its sender then re-sends it (section 9.6).
     */
    default void onMessage(String userId, Packet message) {
    }

    /**
     * Handles a type 2 message; a QoS message is ACKed once the returned stage has completed normally for every
     * listener, and not when it fails or this method throws, so that the sender re-sends it. Override it when
     * handling finishes on another thread; the default calls {@link #onMessage} and returns a completed stage.
     */
    default CompletionStage<?> handleMessage(String userId, Packet message) {
        onMessage(userId, message);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * A member's copy of a group message arrived (wire protocol section 13; duplicates already dropped): {@code
     * message.from()} is the group's address (or, with {@code im.group.copy-from: sender}, the sender), and
     * {@code group} names the member who sent it and the message's place in the group's one order. ACKed as
     * {@link #handleMessage} says; the default hands the message to {@link #handleMessage}, so a listener that
     * does not care about groups sees it as any other message.
     */
    default CompletionStage<?> handleGroupMessage(String userId, Packet message, GroupEnvelope.Copy group) {
        return handleMessage(userId, message);
    }

    /** The server sent a type 52. */
    default void onErrorResponse(String userId, ErrorResponse error) {
    }

    /** The receiver acknowledged QoS messages this client sent. */
    default void onMessagesAcked(String userId, List<Packet> messages) {
    }

    /** QoS messages this client sent ran out of retries. */
    default void onMessagesLost(String userId, List<Packet> messages) {
    }
}
