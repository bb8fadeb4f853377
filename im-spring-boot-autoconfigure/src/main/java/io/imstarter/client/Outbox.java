package io.imstarter.client;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Packet;
import io.imstarter.qos.QosSendDaemon;
import io.imstarter.qos.QosSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's outgoing messages: writes them, and follows each QoS one to its ACK or its loss with the send daemon
 * (sections 9.1, 9.2, 9.6), completing the sender's future either way. Thread-safe.
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** A QoS message and the future its sender holds. */
    private record Entry(Packet packet, CompletableFuture<String> future) {
    }

    private final QosSettings settings;
    private final QosSendDaemon<String> daemon;
    private final Map<String, Entry> waiting = new ConcurrentHashMap<>();
    private final Supplier<Link> loggedInLink;
    private final Supplier<String> userId;
    private final CallbackQueue callbacks;
    private final ListenerList listeners;

    /**
     * @param loggedInLink the link re-sends go to, or null while not logged in (then the re-send is postponed and
     *     does not count as an attempt)
     * @param userId this client's user id, for notifications
     */
    Outbox(QosSettings settings, Supplier<Link> loggedInLink, Supplier<String> userId, CallbackQueue callbacks,
            ListenerList listeners) {
        this.settings = settings;
        this.userId = userId;
        this.callbacks = callbacks;
        this.listeners = listeners;
        this.loggedInLink = loggedInLink;
        this.daemon = new QosSendDaemon<>("im-client", settings, this::resend, this::lost);
    }

    /** Starts re-sending; the daemon then runs until {@link #close()}. */
    void start(ScheduledExecutorService scheduler) {
        daemon.start(scheduler);
    }

    /**
     * Writes a message. A QoS message is registered before the write so that an early ACK finds it, and handed to
     * the daemon once the first write is over, failed or not: a write fails when the link broke under it, and the
     * daemon then re-sends it on the next link (after a re-login, perhaps on another server); the future completes
     * with the fingerprint on its ACK. Without QoS the future completes with null once written, or fails.
     */
    void send(Link link, Packet packet, CompletableFuture<String> result) {
        boolean qos = packet.requiresAck();
        if (qos && !register(packet, result)) {
            callbacks.fail(result, refusal(packet));
            return;
        }
        link.write(packet).whenComplete((ignored, error) -> {
            if (qos) {
                track(packet, result, error);
            }
            else if (error != null) {
                callbacks.fail(result, new ImClientException(ErrorCode.SEND_FAILED,
                        "Could not write the message: " + error.getMessage(), error));
            }
            else {
                callbacks.complete(result, null);
            }
        });
    }

    /** Hands a QoS message to the daemon after its first write, unless it was settled meanwhile. */
    private void track(Packet packet, CompletableFuture<String> result, Throwable writeError) {
        if (writeError != null) {
            log.debug("The first write of fp={} failed ({}); it is re-sent on the next link", packet.fp(),
                    writeError.toString());
        }
        if (waiting.containsKey(packet.fp()) && !daemon.track(packet.fp(), packet)) {
            forget(packet.fp());
            callbacks.fail(result, new ImClientException(ErrorCode.SEND_FAILED, "The QoS queue is full"
                    + " (im.client.qos.max-pending); fp=" + packet.fp() + " was written at most once, never re-sent"));
        }
    }

    /**
     * Takes a QoS message that must wait for a login: it takes its place in the daemon's bound at once, and its
     * retry clock starts when {@link #release} writes it (section 9.6). False when the outbox is full.
     */
    boolean hold(Packet packet, CompletableFuture<String> result) {
        if (!register(packet, result)) {
            return false;
        }
        if (!daemon.hold(packet.fp(), packet)) {
            waiting.remove(packet.fp());
            return false;
        }
        return true;
    }

    /** Writes a held message after the login, unless it was settled meanwhile, and starts its retry clock. */
    void release(Link link, Packet packet) {
        if (waiting.containsKey(packet.fp())) {
            link.write(packet).whenComplete((ignored, error) -> daemon.written(packet.fp()));
        }
    }

    /**
     * The server refused a write of {@code fp} with 305 (section 4): the message backs off and that write does not
     * count as an attempt. A fingerprint that is not waiting (an ACK, a message without QoS) is ignored.
     */
    void rateLimited(String fp) {
        if (waiting.containsKey(fp)) {
            daemon.backOff(fp);
        }
    }

    /** Fails a held message that will not be written. */
    void abandon(Packet packet, ImClientException error) {
        Entry entry = waiting.remove(packet.fp());
        daemon.acknowledge(packet.fp());
        if (entry != null) {
            callbacks.fail(entry.future(), error);
        }
    }

    /** Settles a message on its ACK; a late or repeated ACK is ignored. */
    void acknowledged(String fp) {
        daemon.acknowledge(fp);
        Entry entry = waiting.remove(fp);
        if (entry != null) {
            String me = userId.get();
            callbacks.execute(() -> {
                entry.future().complete(fp);
                listeners.each(listener -> listener.onMessagesAcked(me, List.of(entry.packet())));
            });
        }
    }

    int pendingCount() {
        return waiting.size();
    }

    /** Stops re-sending and fails every message still waiting: nobody will see its ACK now. */
    void close() {
        daemon.stop();
        for (String fp : List.copyOf(waiting.keySet())) {
            Entry entry = waiting.remove(fp);
            daemon.acknowledge(fp);
            if (entry != null) {
                callbacks.fail(entry.future(), new ImClientException(ErrorCode.SEND_FAILED, "The client closed"
                        + " before fp=" + fp + " was acknowledged; it may or may not have been delivered"));
            }
        }
    }

    /** Why {@link #register} refused a message: a fingerprint already waiting, or a full outbox. */
    ImClientException refusal(Packet packet) {
        if (waiting.containsKey(packet.fp())) {
            return new ImClientException(ErrorCode.INVALID_PACKET, "A message with fp=" + packet.fp()
                    + " already waits for its ACK; a fingerprint must be unique; not sent");
        }
        return new ImClientException(ErrorCode.SEND_FAILED, settings.getMaxPending()
                + " QoS messages already wait for an ACK (im.client.qos.max-pending); not sent");
    }

    private boolean register(Packet packet, CompletableFuture<String> result) {
        return waiting.size() < settings.getMaxPending()
                && waiting.putIfAbsent(packet.fp(), new Entry(packet, result)) == null;
    }

    private void resend(Packet packet) {
        Link link = loggedInLink.get();
        if (link != null) {
            link.write(packet);
        }
        else {
            daemon.backOff(packet.fp());
        }
    }

    private void forget(String fp) {
        waiting.remove(fp);
        daemon.acknowledge(fp);
    }

    private void lost(List<Packet> packets) {
        List<Entry> lost = new ArrayList<>(packets.size());
        for (Packet packet : packets) {
            Entry entry = waiting.remove(packet.fp());
            if (entry != null) {
                lost.add(entry);
            }
        }
        if (lost.isEmpty()) {
            return;
        }
        String me = userId.get();
        callbacks.execute(() -> {
            for (Entry entry : lost) {
                entry.future().completeExceptionally(new ImClientException(ErrorCode.SEND_FAILED, "The message fp="
                        + entry.packet().fp() + " to " + entry.packet().to() + " was lost: no ACK after "
                        + settings.getMaxRetries() + " re-sends"));
            }
            listeners.each(listener -> listener.onMessagesLost(me, lost.stream().map(Entry::packet).toList()));
        });
    }
}
