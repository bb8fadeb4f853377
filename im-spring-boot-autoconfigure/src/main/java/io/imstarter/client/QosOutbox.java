package io.imstarter.client;

import io.imstarter.protocol.Packet;
import io.imstarter.qos.QosSendDaemon;
import io.imstarter.qos.QosSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * A client's QoS messages between send and ACK: the send daemon that re-sends them (section 9.2) plus the futures
 * their senders wait on. Thread-safe.
 */
final class QosOutbox {

    /** A QoS message and the future its sender holds. */
    record Entry(Packet packet, CompletableFuture<String> future) {
    }

    private final int maxPending;
    private final QosSendDaemon<String> daemon;
    private final Map<String, Entry> waiting = new ConcurrentHashMap<>();

    QosOutbox(String name, QosSettings settings, QosSendDaemon.Resender resender, Consumer<List<Entry>> onLost) {
        this.maxPending = settings.maxPending();
        this.daemon = new QosSendDaemon<>(name, settings, resender, lost -> onLost.accept(settle(lost)));
    }

    void start(ScheduledExecutorService scheduler) {
        daemon.start(scheduler);
    }

    /** Registers a message before its first write, so that an early ACK finds it; false when the outbox is full. */
    boolean register(Packet packet, CompletableFuture<String> future) {
        if (waiting.size() >= maxPending) {
            return false;
        }
        return waiting.putIfAbsent(packet.fp(), new Entry(packet, future)) == null;
    }

    /** Hands a message whose first write succeeded to the daemon; false when the daemon refuses it. */
    boolean track(Packet packet) {
        return !waiting.containsKey(packet.fp()) || daemon.track(packet.fp(), packet);
    }

    /** Forgets a message that will not be sent after all. */
    void forget(String fp) {
        waiting.remove(fp);
        daemon.acknowledge(fp);
    }

    /** Settles a message on its ACK; null when it was not waiting (a late or repeated ACK). */
    Entry acknowledge(String fp) {
        daemon.acknowledge(fp);
        return waiting.remove(fp);
    }

    /** Stops re-sending and returns every message still waiting, for the owner to fail. */
    List<Entry> stop() {
        daemon.stop();
        List<Entry> left = new ArrayList<>();
        for (String fp : List.copyOf(waiting.keySet())) {
            Entry entry = acknowledge(fp);
            if (entry != null) {
                left.add(entry);
            }
        }
        return left;
    }

    int pendingCount() {
        return waiting.size();
    }

    private List<Entry> settle(List<Packet> lost) {
        List<Entry> entries = new ArrayList<>(lost.size());
        for (Packet packet : lost) {
            Entry entry = waiting.remove(packet.fp());
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }
}
