package io.imstarter.client;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.ErrorResponse;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.UserIds;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A client's messages, whatever its link does: sends are checked, written through the {@link Outbox} (QoS until ACK
 * or loss, section 9.6) or queued for the login under way; received messages go through the {@link Inbox} (dedup,
 * backlog, ACK after handling). The {@link LinkStateMachine} tells it when a login lets the queue go and when a
 * session ends; it calls those methods holding the {@link ClientSession}'s monitor, which also guards the queue.
 */
final class MessagePath {

    /** How a type 52 names the rejected packet's fingerprint, at the end of its message (section 4). */
    private static final String REJECTED_FP = " fp=";

    private final ImClientConfig config;
    private final ClientSession session;
    private final CallbackQueue callbacks;
    private final Inbox inbox;
    private final Outbox outbox;
    /** Messages waiting for the login under way; guarded by the session's monitor. */
    private final ArrayDeque<QueuedSend> queued = new ArrayDeque<>();

    MessagePath(ImClientConfig config, ClientSession session, ScheduledExecutorService scheduler,
            CallbackQueue callbacks, ListenerList listeners) {
        this.config = config;
        this.session = session;
        this.callbacks = callbacks;
        this.inbox = new Inbox(config.getDedupWindow(), config.getDedupMaxEntries(), config.getMaxUnhandledMessages(),
                callbacks, listeners, session::loggedInLink);
        this.outbox = new Outbox(config.getQos(), session::loggedInLink, session::userId, callbacks, listeners);
        // Runs from the start and through outages, so that every QoS message ends acknowledged or lost.
        outbox.start(scheduler);
    }

    /** See {@link ImClient#send(String, String, int, boolean, String)}. */
    CompletableFuture<String> send(String toUserId, String content, int typeu, boolean qos, String fp) {
        if (toUserId == null || toUserId.isEmpty() || UserIds.UNKNOWN.equals(toUserId)) {
            return failed(ErrorCode.INVALID_PACKET, "Cannot send to '" + toUserId
                    + "': the receiver must be a user id, or \"0\" for the server");
        }
        if (content == null) {
            return failed(ErrorCode.INVALID_PACKET, "Cannot send a message without content");
        }
        synchronized (session) {
            ClientState state = session.state();
            if (state == ClientState.CLOSED) {
                return CompletableFuture.failedFuture(session.closedError());
            }
            if (session.userId() == null) {
                return failed(ErrorCode.CLIENT_NOT_INITIALIZED, "Call login before sending: the sender is unknown");
            }
            Packet packet = Packet.of(PacketType.DATA, content, session.userId(), toUserId, fp, qos, typeu);
            int size = PacketCodec.encodeToBytes(packet).length;
            int limit = LinkConnector.maxOutboundBytes(config);
            if (size > limit) {
                return failed(ErrorCode.INVALID_PACKET, "The message encodes to " + size + " bytes, over the "
                        + config.getTransport() + " limit of " + limit + " bytes");
            }
            if (state == ClientState.LOGGED_IN) {
                CompletableFuture<String> result = new CompletableFuture<>();
                outbox.send(session.link(), packet, result);
                return result;
            }
            return queueForLogin(state, packet);
        }
    }

    /** Caller holds the session's monitor and is not logged in. */
    private CompletableFuture<String> queueForLogin(ClientState state, Packet packet) {
        if (state == ClientState.KICKED) {
            return failed(ErrorCode.SEND_FAILED, "The client was kicked; log in again before sending");
        }
        if (config.getSendWhileDisconnected() == SendWhileDisconnected.FAIL_FAST) {
            return failed(ErrorCode.SEND_FAILED, "Not logged in (state " + state + "); the message was not sent");
        }
        if (state == ClientState.DISCONNECTED) {
            // No login is under way, so a queued message would wait for nobody.
            return failed(ErrorCode.SEND_FAILED, "Not logged in and no login under way (state DISCONNECTED);"
                    + " call login before sending");
        }
        if (queued.size() >= config.getMaxQueuedSends()) {
            return failed(ErrorCode.SEND_FAILED, "Not logged in and " + queued.size()
                    + " messages already wait for the login (im.client.max-queued-sends); not sent");
        }
        CompletableFuture<String> result = new CompletableFuture<>();
        if (packet.requiresAck() && !outbox.hold(packet, result)) {
            return CompletableFuture.failedFuture(outbox.refusal(packet));
        }
        queued.add(new QueuedSend(packet, result));
        return result;
    }

    // ---- what the link state machine reports (it holds the session's monitor) ----

    /** A login succeeded on {@code loggedIn}: the queued messages go out, oldest first. */
    void loggedIn(Link loggedIn) {
        QueuedSend next;
        while ((next = queued.poll()) != null) {
            if (next.packet().requiresAck()) {
                outbox.release(loggedIn, next.packet());
            }
            else {
                outbox.send(loggedIn, next.packet(), next.result());
            }
        }
    }

    /** The login the queued messages waited for will not come: they fail with code 3. */
    void loginAbandoned(String reason) {
        QueuedSend next;
        while ((next = queued.poll()) != null) {
            Packet packet = next.packet();
            String fp = packet.fp() == null ? "" : " (fp=" + packet.fp() + ")";
            ImClientException error = new ImClientException(ErrorCode.SEND_FAILED, "The message to " + packet.to()
                    + fp + " was not sent: " + reason);
            if (packet.requiresAck()) {
                outbox.abandon(packet, error);
            }
            else {
                callbacks.fail(next.result(), error);
            }
        }
    }

    /**
     * The session ended (logout, kick, close): the queued messages fail, and received messages the listeners have
     * not started on are discarded unACKed, so that their senders re-send them to the next session.
     */
    void sessionEnded(String reason) {
        loginAbandoned(reason);
        inbox.discardBacklog();
    }

    /** The client closed for good: as {@link #sessionEnded(String)}, and QoS stops following what was sent. */
    void close(String reason) {
        sessionEnded(reason);
        outbox.close();
    }

    // ---- inbound (on the link's event loop) ----

    void messageReceived(Link from, Inbound message) {
        if (session.isCurrent(from)) {
            inbox.received(from, message.packet(), message.group(), session.userId());
        }
    }

    void ackReceived(Packet ack) {
        if (ack.dataContent() != null) {
            outbox.acknowledged(ack.dataContent());
        }
    }

    /** A 305 naming one of our messages (section 4): its re-send backs off. */
    void errorReceived(ErrorResponse error) {
        if (error.errorCode() == ErrorCode.RATE_LIMITED) {
            String fp = rejectedFp(error.errorMsg());
            if (fp != null) {
                outbox.rateLimited(fp);
            }
        }
    }

    /** The fingerprint a type 52 names: its message ends with " fp=<fp>" (section 4); null when it names none. */
    private static String rejectedFp(String errorMsg) {
        int at = errorMsg == null ? -1 : errorMsg.lastIndexOf(REJECTED_FP);
        if (at < 0 || at + REJECTED_FP.length() == errorMsg.length()) {
            return null;
        }
        return errorMsg.substring(at + REJECTED_FP.length());
    }

    // ---- counts ----

    int pendingQos() {
        return outbox.pendingCount();
    }

    int unhandledMessages() {
        return inbox.unhandledCount();
    }

    long messagesRefusedForBacklog() {
        return inbox.refusedCount();
    }

    private static <T> CompletableFuture<T> failed(int code, String message) {
        return CompletableFuture.failedFuture(new ImClientException(code, message));
    }

    /** A message waiting for the next login. */
    private record QueuedSend(Packet packet, CompletableFuture<String> result) {
    }
}
