package io.imstarter.server;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/** Logs at WARN at most {@code perSecond} times a second, then says how many lines it held back. */
final class RateLimitedLog {

    private final Logger log;
    private final int perSecond;
    private final AtomicLong windowStart = new AtomicLong();
    private final AtomicLong inWindow = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedLog(Logger log, int perSecond) {
        this.log = log;
        this.perSecond = perSecond;
    }

    void warn(String format, Object... args) {
        long now = System.currentTimeMillis();
        long start = windowStart.get();
        if (now - start >= 1000 && windowStart.compareAndSet(start, now)) {
            inWindow.set(0);
            long held = suppressed.getAndSet(0);
            if (held > 0) {
                log.warn("{} similar warnings were suppressed in the last second", held);
            }
        }
        if (inWindow.incrementAndGet() <= perSecond) {
            log.warn(format, args);
        }
        else {
            suppressed.incrementAndGet();
        }
    }
}
