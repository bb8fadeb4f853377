package io.imstarter.client;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.UserIds;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The keep-alive of a logged-in link (section 8): a type 1 every keep-alive interval, and a check that the server
 * answered within the link timeout. Its timers act only while the link they started for is the session's current,
 * logged-in one; their state is guarded by the {@link ClientSession}'s monitor.
 */
final class KeepAlive {

    /** The link check runs this often at most, more often when the link timeout is short. */
    private static final long MAX_LINK_CHECK_MILLIS = 2000;

    private final ImClientConfig config;
    private final ScheduledExecutorService scheduler;
    private final ClientSession session;
    private final LongConsumer silentFor;
    private ScheduledFuture<?> sendTimer;
    private ScheduledFuture<?> checkTimer;
    private long lastAnswerNanos;

    /** @param silentFor told, holding the session's monitor, how many ms the server has been silent past the timeout */
    KeepAlive(ImClientConfig config, ScheduledExecutorService scheduler, ClientSession session,
            LongConsumer silentFor) {
        this.config = config;
        this.scheduler = scheduler;
        this.session = session;
        this.silentFor = silentFor;
    }

    /** Caller holds the session's monitor. */
    void start(Link loggedIn) {
        lastAnswerNanos = System.nanoTime();
        long interval = config.effectiveKeepAliveInterval().toMillis();
        long check = Math.max(10, Math.min(MAX_LINK_CHECK_MILLIS, config.effectiveLinkTimeout().toMillis() / 4));
        sendTimer = scheduler.scheduleAtFixedRate(() -> send(loggedIn), interval, interval, TimeUnit.MILLISECONDS);
        checkTimer = scheduler.scheduleWithFixedDelay(() -> check(loggedIn), check, check, TimeUnit.MILLISECONDS);
    }

    /** Caller holds the session's monitor. */
    void stop() {
        LinkStateMachine.cancel(sendTimer);
        LinkStateMachine.cancel(checkTimer);
        sendTimer = null;
        checkTimer = null;
    }

    /** A type 51 arrived on {@code from}. */
    void answered(Link from) {
        synchronized (session) {
            if (from == session.link()) {
                lastAnswerNanos = System.nanoTime();
            }
        }
    }

    private void send(Link loggedIn) {
        synchronized (session) {
            if (isCurrent(loggedIn)) {
                loggedIn.write(Packet.control(PacketType.KEEP_ALIVE, "{}", session.userId(), UserIds.SERVER));
            }
        }
    }

    private void check(Link loggedIn) {
        synchronized (session) {
            if (!isCurrent(loggedIn)) {
                return;
            }
            long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastAnswerNanos);
            if (silentMillis > config.effectiveLinkTimeout().toMillis()) {
                silentFor.accept(silentMillis);
            }
        }
    }

    private boolean isCurrent(Link loggedIn) {
        return loggedIn == session.link() && session.state() == ClientState.LOGGED_IN;
    }
}
