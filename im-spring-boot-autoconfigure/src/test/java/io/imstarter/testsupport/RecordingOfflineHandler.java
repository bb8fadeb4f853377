package io.imstarter.testsupport;

import io.imstarter.protocol.Packet;
import io.imstarter.server.OfflineHandler;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every offline hand-off; accepts or refuses as the test says (refuses by default, like the server). */
public final class RecordingOfflineHandler implements OfflineHandler {

    private final List<Packet> handedOff = new CopyOnWriteArrayList<>();
    private final CallbackThreads threads;
    private volatile boolean accept;

    public RecordingOfflineHandler(CallbackThreads threads) {
        this.threads = threads;
    }

    public void accept(boolean accept) {
        this.accept = accept;
    }

    void reset() {
        accept = false;
    }

    /** The hand-offs of messages with fingerprint {@code fp}. */
    public List<Packet> calls(String fp) {
        return handedOff.stream().filter(p -> Objects.equals(fp, p.fp())).toList();
    }

    /** The hand-offs of messages addressed to {@code userId}. */
    public List<Packet> callsFor(String userId) {
        return handedOff.stream().filter(p -> Objects.equals(userId, p.to())).toList();
    }

    @Override
    public boolean store(Packet message) {
        threads.check("OfflineHandler");
        handedOff.add(message);
        return accept;
    }
}
