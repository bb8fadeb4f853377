package io.imstarter.test;

import io.imstarter.event.ImEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Every {@link ImEvent} the application context published, for tests to wait on. Spring's
 * {@code @RecordApplicationEvents} records only events published on the test's own thread (and threads it started),
 * while the starter publishes from its {@code im-event} threads; this bean records from any thread. It keeps the
 * latest {@value #CAPACITY} events of the context, which test classes sharing the context also see: match on your
 * own user ids or fingerprints.
 */
public final class ImTestEvents implements ApplicationListener<PayloadApplicationEvent<?>> {

    static final int CAPACITY = 10_000;

    private static final Duration POLL = Duration.ofMillis(20);

    private final Deque<ImEvent> events = new ArrayDeque<>();

    @Override
    public void onApplicationEvent(PayloadApplicationEvent<?> event) {
        if (!(event.getPayload() instanceof ImEvent imEvent)) {
            return;
        }
        synchronized (events) {
            if (events.size() == CAPACITY) {
                events.removeFirst();
            }
            events.addLast(imEvent);
        }
    }

    /** The recorded events of {@code type}, oldest first. */
    public <T extends ImEvent> List<T> all(Class<T> type) {
        synchronized (events) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    /** Waits for an event of {@code type} that matches, recorded before or during the wait, and returns it. */
    public <T extends ImEvent> T await(Class<T> type, Predicate<? super T> matching) {
        return await(type, matching, ImTestClient.DEFAULT_TIMEOUT);
    }

    public <T extends ImEvent> T await(Class<T> type, Predicate<? super T> matching, Duration timeout) {
        try {
            return Awaitility.await().pollInterval(POLL).atMost(timeout)
                    .until(() -> all(type).stream().filter(matching).findFirst(), Optional::isPresent).orElseThrow();
        }
        catch (ConditionTimeoutException ex) {
            throw new AssertionError("No matching " + type.getSimpleName() + " within " + timeout + "; recorded: "
                    + all(type));
        }
    }
}
