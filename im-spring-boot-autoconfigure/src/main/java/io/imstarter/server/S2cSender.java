package io.imstarter.server;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.UserIds;
import io.imstarter.qos.QosSendDaemon;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Server-to-client messages (section 9.6): the push API, its send daemon and the clients' ACKs. A message goes to
 * every session of its user; the first ACK completes it and later ones find nothing left to acknowledge.
 */
final class S2cSender {

    private final SessionRegistry registry;
    private final Notifier notifier;
    private final ImServerStats stats;
    private final ScheduledExecutorService scheduler;
    private final QosSendDaemon<MessageKey> daemon;
    private final Map<MessageKey, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();

    S2cSender(ImServerConfig config, SessionRegistry registry, Notifier notifier, ImServerStats stats,
            ScheduledExecutorService scheduler) {
        this.registry = registry;
        this.notifier = notifier;
        this.stats = stats;
        this.scheduler = scheduler;
        this.daemon = new QosSendDaemon<>("IM S2C", config.getQos(), this::resend, this::lost);
    }

    void start() {
        daemon.start(scheduler);
    }

    void stop() {
        daemon.stop();
    }

    int pending() {
        return daemon.pendingCount();
    }

    CompletableFuture<String> send(String toUserId, String content, int typeu, boolean qos, String fp) {
        List<Connection> targets = registry.connections(toUserId);
        Packet message = Packet.of(PacketType.DATA, content, UserIds.SERVER, toUserId, fp, qos, typeu);
        if (targets.isEmpty()) {
            return failed(S2CSendException.Reason.OFFLINE, message, "User " + toUserId + " is not online");
        }
        if (!message.requiresAck()) {
            return writeToAll(targets, message).thenApply(ignored -> message.fp());
        }
        MessageKey key = new MessageKey(toUserId, message.fp());
        CompletableFuture<String> acked = new CompletableFuture<>();
        if (waiting.putIfAbsent(key, acked) != null) {
            return failed(S2CSendException.Reason.WRITE_FAILED, message,
                    "A message with fp " + message.fp() + " to " + toUserId + " is already waiting for its ACK");
        }
        if (!daemon.track(key, message)) {
            waiting.remove(key);
            return failed(S2CSendException.Reason.QUEUE_FULL, message, "The server's QoS queue is full");
        }
        writeToAll(targets, message).whenComplete((ok, failure) -> {
            if (failure != null && daemon.acknowledge(key) != null) {
                waiting.remove(key);
                acked.completeExceptionally(failure);
            }
        });
        return acked;
    }

    /** Whether a QoS message {@code fp} was sent to {@code userId} and waits for its ACK. */
    boolean awaitsAck(String userId, String fp) {
        return daemon.isPending(new MessageKey(userId, fp));
    }

    /** A type 4 from a user to "0". */
    void acknowledge(Connection from, Packet ack) {
        stats.recordReceived(MessageKind.ACK);
        MessageKey key = new MessageKey(from.session().userId(), ack.dataContent());
        Packet message = daemon.acknowledge(key);
        if (message == null) {
            return;
        }
        CompletableFuture<String> acked = waiting.remove(key);
        if (acked != null) {
            acked.complete(message.fp());
        }
        notifier.notify("S2C acked", listener -> listener.onS2CAcked(message));
    }

    /** Fails every message still waiting, e.g. when the server stops. */
    void abandonAll() {
        waiting.forEach((key, future) -> {
            daemon.acknowledge(key);
            future.completeExceptionally(new S2CSendException(S2CSendException.Reason.NOT_RUNNING, key.fp(),
                    "The server stopped before user " + key.peer() + " acknowledged fp " + key.fp()));
        });
        waiting.clear();
    }

    /** Writes to every session of the user; done when one write succeeded, failed when all failed. */
    private CompletableFuture<Void> writeToAll(List<Connection> targets, Packet message) {
        List<CompletableFuture<Void>> writes = new ArrayList<>(targets.size());
        for (Connection target : targets) {
            writes.add(write(target, message));
        }
        return FirstSuccess.of(writes);
    }

    private CompletableFuture<Void> write(Connection target, Packet message) {
        stats.recordSent(MessageKind.S2C);
        CompletableFuture<Void> written = new CompletableFuture<>();
        target.write(message).whenComplete((ok, failure) -> {
            if (failure == null) {
                written.complete(null);
                return;
            }
            S2CSendException.Reason reason = failure instanceof PacketTooLargeException
                    ? S2CSendException.Reason.TOO_LARGE : S2CSendException.Reason.WRITE_FAILED;
            written.completeExceptionally(new S2CSendException(reason, message.fp(),
                    "Writing fp " + message.fp() + " to " + message.to() + " failed: " + failure.getMessage()));
        });
        return written;
    }

    private void resend(Packet message) {
        stats.recordRetransmit();
        for (Connection target : registry.connections(message.to())) {
            target.write(message);
        }
    }

    private void lost(List<Packet> messages) {
        stats.recordLost(messages.size());
        for (Packet message : messages) {
            CompletableFuture<String> acked = waiting.remove(new MessageKey(message.to(), message.fp()));
            if (acked != null) {
                acked.completeExceptionally(new S2CSendException(S2CSendException.Reason.LOST, message.fp(),
                        "User " + message.to() + " did not acknowledge fp " + message.fp() + " after retries"));
            }
        }
        notifier.notify("S2C lost", listener -> listener.onS2CLost(messages));
    }

    private static CompletableFuture<String> failed(S2CSendException.Reason reason, Packet message, String text) {
        return CompletableFuture.failedFuture(new S2CSendException(reason, message.fp(), text));
    }
}
