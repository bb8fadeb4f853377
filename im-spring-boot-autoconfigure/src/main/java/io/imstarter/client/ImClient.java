package io.imstarter.client;

import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.ReadReceipt;
import io.imstarter.protocol.UserIds;
import io.netty.channel.EventLoopGroup;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One embedded IM client: one user's session with keep-alive, automatic re-login with backoff and its own QoS
 * (wire protocol sections 6.4, 8 and 9.6). With several {@link ImClientConfig#servers() servers} it fails over: a
 * login tries each in order until one answers, and a lost link or a failed re-login moves it to the next, wrapping
 * round, while its outbox keeps every unacknowledged message for the next server. Instance state only; many live
 * in one JVM, sharing the event loop group, scheduler and callback executor their owner hands in (and closes).
 * Thread-safe.
 *
 * <p>A facade: the link and login are a {@link LinkStateMachine}, messages in and out a {@link MessagePath}; both
 * share one {@link ClientSession}. Listeners and returned futures complete on the callback executor, in order.
 */
public final class ImClient implements AutoCloseable {

    private final ClientSession session = new ClientSession();
    private final ListenerList listeners = new ListenerList();
    private final MessagePath messages;
    private final LinkStateMachine links;

    public ImClient(ImClientConfig config, EventLoopGroup group, ScheduledExecutorService scheduler,
            Executor callbackExecutor) {
        Objects.requireNonNull(config, "config");
        config.validate();
        LinkConnector connector = new LinkConnector(config, Objects.requireNonNull(group, "group"));
        Objects.requireNonNull(scheduler, "scheduler");
        CallbackQueue callbacks = new CallbackQueue(Objects.requireNonNull(callbackExecutor, "callbackExecutor"),
                scheduler);
        this.messages = new MessagePath(config, session, scheduler, callbacks, listeners);
        this.links = new LinkStateMachine(config, connector, scheduler, callbacks, listeners, session, messages);
    }

    /** Connects and logs in; the future completes with the server's answer, or fails with {@link ImClientException}. */
    public CompletableFuture<LoginResponse> login(String userId, String token, String extra) {
        return links.login(userId, token, extra);
    }

    /** Sends a QoS message; completes with the fingerprint on ACK, fails with {@link ImClientException} when lost. */
    public CompletableFuture<String> send(String toUserId, String content, int typeu) {
        return send(toUserId, content, typeu, true);
    }

    /**
     * Sends a message; without QoS the future completes with null once written. While not logged in,
     * {@link ImClientConfig#sendWhileDisconnected()} decides: queue it for the login under way (a QoS message's
     * retry clock starts when it is written, section 9.6) or fail at once with code 3; with no login under way
     * (after a logout or a refused login) it fails with code 3 either way. A receiver that is empty, null or
     * "-1", or a message over the transport's size limit, fails with code 4.
     */
    public CompletableFuture<String> send(String toUserId, String content, int typeu, boolean qos) {
        return send(toUserId, content, typeu, qos, null);
    }

    /**
     * As {@link #send(String, String, int, boolean)}, with the caller's fingerprint (a fresh one when null), so the
     * caller knows the message id before the ACK arrives.
     */
    public CompletableFuture<String> send(String toUserId, String content, int typeu, boolean qos, String fp) {
        return messages.send(toUserId, content, typeu, qos, fp);
    }

    /**
     * Sends a read receipt (wire protocol section 14): a QoS type 2 to "0" whose body names the conversation and the
     * newest message read. {@code typeu} is the server's {@code im.receipts.typeu}. Completes with the fingerprint
     * when the server ACKs it, after applying it; a refused receipt (a 52 to the listeners) is not ACKed and fails
     * like a lost message. Notices of reads come to a {@link ReadNoticeListener}.
     */
    public CompletableFuture<String> sendReadReceipt(ReadReceipt receipt, int typeu) {
        return send(UserIds.SERVER, receipt.toJson(), typeu, true);
    }

    public void addListener(ImClientListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ImClientListener listener) {
        listeners.remove(listener);
    }

    public ClientState state() {
        return session.state();
    }

    /** The user id of the last login call, or null before one. */
    public String userId() {
        return session.userId();
    }

    /** The server this client is logged in on, or null while it is not logged in. */
    public ServerAddress server() {
        return links.server();
    }

    /** The firstLoginTime kept from the first successful login, or 0 before one. */
    public long firstLoginTime() {
        return links.firstLoginTime();
    }

    /** QoS messages sent and not yet acknowledged or reported lost. */
    public int pendingQos() {
        return messages.pendingQos();
    }

    /** Messages received and not yet handled by the listeners (bounded by {@code maxUnhandledMessages}). */
    public int unhandledMessages() {
        return messages.unhandledMessages();
    }

    /** Messages refused because the backlog was full: QoS ones were not ACKed (their senders re-send them). */
    public long messagesRefusedForBacklog() {
        return messages.messagesRefusedForBacklog();
    }

    /**
     * Sends type 3, stops keep-alive and re-login, and closes the link. Received messages the listeners have not
     * started on are discarded unACKed, so their senders re-send them to the next session.
     */
    public CompletableFuture<Void> logout() {
        return links.logout();
    }

    /**
     * Releases everything this client holds, without a logout; the shared event loop group stays open. Received
     * messages the listeners have not started on are discarded unACKed, as on {@link #logout()}.
     */
    @Override
    public void close() {
        links.close();
    }

    @Override
    public String toString() {
        return links.toString();
    }
}
