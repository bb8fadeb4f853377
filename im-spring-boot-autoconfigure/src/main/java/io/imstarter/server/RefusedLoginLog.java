package io.imstarter.server;

import io.imstarter.protocol.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused logins at a bounded rate: the first of an interval as one line naming the user, the address and the
 * code, the others as one summary line at the interval's end, so a client retrying with a bad token for ever costs
 * at most two lines an interval. Thread-safe.
 */
final class RefusedLoginLog {

    private static final Logger log = LoggerFactory.getLogger(RefusedLoginLog.class);
    /** Distinct addresses and users counted for a summary; beyond it the summary says "at least". */
    private static final int MAX_COUNTED_IDS = 1_000;

    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private final Map<Integer, Integer> codes = new TreeMap<>();
    private final Set<Object> addresses = new HashSet<>();
    private final Set<String> users = new HashSet<>();
    private boolean intervalStarted;
    private int refused;
    private int shutOut;

    RefusedLoginLog(Duration interval, ScheduledExecutorService scheduler) {
        this.interval = interval;
        this.scheduler = scheduler;
    }

    /** A login refused with {@code code}. */
    void refused(String userId, InetSocketAddress address, Transport transport, int code) {
        synchronized (this) {
            if (intervalStarted) {
                refused++;
                codes.merge(code, 1, Integer::sum);
                count(userId, address);
                return;
            }
            startInterval();
        }
        log.warn("IM login of {} from {} over {} refused with code {}", userId, address, transport, code);
    }

    /** A login closed unanswered because its user or address was refused too often. */
    void shutOut(String userId, InetSocketAddress address, Transport transport) {
        synchronized (this) {
            if (intervalStarted) {
                shutOut++;
                count(userId, address);
                return;
            }
            startInterval();
        }
        log.warn("IM login of {} from {} over {} closed unanswered: that user or address was refused too often",
                userId, address, transport);
    }

    private void count(String userId, InetSocketAddress address) {
        if (addresses.size() < MAX_COUNTED_IDS) {
            addresses.add(address.getAddress());
        }
        if (users.size() < MAX_COUNTED_IDS) {
            users.add(userId);
        }
    }

    private void startInterval() {
        intervalStarted = true;
        try {
            scheduler.schedule(this::endInterval, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException stopping) {
            intervalStarted = false;
        }
    }

    private void endInterval() {
        String summary;
        synchronized (this) {
            intervalStarted = false;
            if (refused + shutOut == 0) {
                return;
            }
            summary = refused + " more IM logins refused (codes " + codes + ") and " + shutOut
                    + " closed unanswered in the last " + interval.toString().substring(2).toLowerCase(Locale.ROOT) + ", for " + atLeast(users.size())
                    + " users from " + atLeast(addresses.size()) + " addresses";
            refused = 0;
            shutOut = 0;
            codes.clear();
            addresses.clear();
            users.clear();
        }
        log.warn(summary);
    }

    private static String atLeast(int counted) {
        return counted < MAX_COUNTED_IDS ? String.valueOf(counted) : "at least " + counted;
    }
}
