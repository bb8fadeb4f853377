package io.imstarter.sample.im;

import io.imstarter.event.ImClientMessageReceivedEvent;
import io.imstarter.sample.SampleProperties;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The messages each embedded client received, newest last. Bounded twice: per user by {@code sample.inbox-size}
 * and in users by {@code sample.inbox-users}, so a busy demo cannot exhaust memory.
 */
@Component
public class Inboxes {

    private final int perUser;
    private final Map<String, Deque<ReceivedMessage>> byUser;

    public Inboxes(SampleProperties properties) {
        this.perUser = properties.inboxSize();
        int maxUsers = properties.inboxUsers();
        this.byUser = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<ReceivedMessage>> eldest) {
                return size() > maxUsers;
            }
        };
    }

    /** Keeps each message an embedded client received; the starter publishes them off the IO threads. */
    @EventListener
    public synchronized void received(ImClientMessageReceivedEvent event) {
        Deque<ReceivedMessage> inbox = byUser.computeIfAbsent(event.userId(), id -> new ArrayDeque<>());
        if (inbox.size() == perUser) {
            inbox.removeFirst();
        }
        inbox.addLast(ReceivedMessage.of(event.message(), Instant.now()));
    }

    /** Opens an empty inbox for a client that just logged in, so an empty list differs from an unknown user. */
    public synchronized void open(String userId) {
        byUser.computeIfAbsent(userId, id -> new ArrayDeque<>());
    }

    /** The user's messages, oldest first; empty when no embedded client of that name ever logged in. */
    public synchronized Optional<List<ReceivedMessage>> messages(String userId) {
        Deque<ReceivedMessage> inbox = byUser.get(userId);
        return inbox == null ? Optional.empty() : Optional.of(List.copyOf(inbox));
    }
}
