package io.imstarter.testsupport;

import io.netty.channel.EventLoop;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every application callback that ran on a Netty event loop, which the server must never do. */
public final class CallbackThreads {

    private final List<String> violations = new CopyOnWriteArrayList<>();

    /** Call first thing in every callback. */
    public void check(String callback) {
        if (ThreadExecutorMap.currentExecutor() instanceof EventLoop) {
            violations.add(callback + " ran on event loop thread " + Thread.currentThread().getName());
        }
    }

    /** The violations since the last call, so that one test's failure does not fail the next. */
    public synchronized List<String> drainViolations() {
        List<String> drained = List.copyOf(violations);
        violations.removeAll(drained);
        return drained;
    }
}
