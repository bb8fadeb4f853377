package io.imstarter.test;

import io.imstarter.protocol.Packet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Assertions on what a {@link ImTestClient} received; the {@code received...} ones wait for the messages. */
public final class ImTestClientAssert extends AbstractAssert<ImTestClientAssert, ImTestClient> {

    private static final Duration POLL = Duration.ofMillis(20);

    ImTestClientAssert(ImTestClient actual) {
        super(actual, ImTestClientAssert.class);
    }

    /** Waits until a message with each of these contents has arrived; one arrival matches one expectation. */
    public ImReceivedAssert received(String... contents) {
        return awaitMatches("contents", Packet::dataContent, List.of(contents));
    }

    /** Waits until messages with each of these fingerprints have arrived. */
    public ImReceivedAssert receivedFingerprints(String... fingerprints) {
        return awaitMatches("fingerprints", Packet::fp, List.of(fingerprints));
    }

    /** Fails if anything arrives within {@code period}, which it waits out. */
    public ImTestClientAssert receivedNothingWithin(Duration period) {
        isNotNull();
        actual.assertNothingReceivedWithin(period);
        return this;
    }

    public ImTestClientAssert isLoggedIn() {
        isNotNull();
        if (!actual.isLoggedIn()) {
            failWithMessage("Expected %s to be logged in, but its state is %s", actual.userId(), actual.state());
        }
        return this;
    }

    private ImReceivedAssert awaitMatches(String what, Function<Packet, String> key, List<String> expected) {
        isNotNull();
        try {
            Awaitility.await().pollInterval(POLL).atMost(ImTestClient.DEFAULT_TIMEOUT)
                    .until(() -> matches(actual.received(), key, expected) != null);
        }
        catch (ConditionTimeoutException ex) {
            failWithMessage("Expected %s to receive messages with %s %s within %s, but it received %s",
                    actual.userId(), what, expected, ImTestClient.DEFAULT_TIMEOUT, actual.received());
        }
        List<Packet> received = actual.received();
        return new ImReceivedAssert(actual.userId(), received, matches(received, key, expected), what);
    }

    /** The arrivals that match the expectations, one for each in the expectations' order; null while one is missing. */
    private static List<Packet> matches(List<Packet> received, Function<Packet, String> key, List<String> expected) {
        List<Packet> unused = new ArrayList<>(received);
        List<Packet> matched = new ArrayList<>(expected.size());
        for (String wanted : expected) {
            Packet match = unused.stream().filter(packet -> wanted.equals(key.apply(packet))).findFirst().orElse(null);
            if (match == null) {
                return null;
            }
            unused.remove(match);
            matched.add(match);
        }
        return matched;
    }
}
