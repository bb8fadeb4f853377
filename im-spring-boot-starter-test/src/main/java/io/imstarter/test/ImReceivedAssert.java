package io.imstarter.test;

import io.imstarter.protocol.Packet;
import java.util.Comparator;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on the messages a {@link ImTestClientAssert#received} found, in the order they were expected. */
public final class ImReceivedAssert extends AbstractAssert<ImReceivedAssert, List<Packet>> {

    private final String receiver;
    private final List<Packet> everything;
    private final String what;

    ImReceivedAssert(String receiver, List<Packet> everything, List<Packet> matched, String what) {
        super(matched, ImReceivedAssert.class);
        this.receiver = receiver;
        this.everything = everything;
        this.what = what;
    }

    /** The expected messages arrived in the order they were listed (others may come between them). */
    public ImReceivedAssert inOrder() {
        List<Packet> arrivalOrder = actual.stream().sorted(Comparator.comparingInt(everything::indexOf)).toList();
        if (!arrivalOrder.equals(actual)) {
            failWithMessage("Expected %s to receive the %s in the order listed, but they arrived as %s", receiver,
                    what, arrivalOrder);
        }
        return this;
    }

    /** Every expected message came from {@code sender}. */
    public ImReceivedAssert from(String sender) {
        actual.stream().filter(packet -> !sender.equals(packet.from())).findFirst().ifPresent(other ->
                failWithMessage("Expected %s's messages to come from %s, but %s came from %s", receiver, sender,
                        other, other.from()));
        return this;
    }

    /** Every expected message carries the application's sub-type {@code typeu}. */
    public ImReceivedAssert withTypeu(int typeu) {
        actual.stream().filter(packet -> packet.typeu() != typeu).findFirst().ifPresent(other ->
                failWithMessage("Expected %s's messages to have typeu %d, but %s has %d", receiver, typeu, other,
                        other.typeu()));
        return this;
    }

    /** Nothing arrived besides the expected messages. */
    public ImReceivedAssert andNothingElse() {
        if (everything.size() != actual.size()) {
            failWithMessage("Expected %s to receive only %s, but it received %s", receiver, actual, everything);
        }
        return this;
    }
}
