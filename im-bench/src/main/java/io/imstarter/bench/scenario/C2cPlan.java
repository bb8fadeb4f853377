package io.imstarter.bench.scenario;

import io.imstarter.bench.cli.Options;
import java.time.Duration;

/**
 * What one c2c phase does; the same plan runs against our server and against the relay.
 *
 * @param pairs sender/receiver pairs (two connections each)
 * @param rate total offered messages a second; 0 sends as fast as ACKs allow, {@code window} in flight per pair
 * @param window messages in flight per pair (window mode), or the most a pair may have outstanding (rate mode)
 * @param duration how long senders send
 * @param drain how long to wait for outstanding ACKs afterwards; what is still unacknowledged then is lost
 * @param maxPerPair the most messages one pair sends, bounding the run and its memory
 * @param payload the size of {@code dataContent} in bytes (at least the 19 digits of the send timestamp)
 * @param loginRate logins a second while setting up
 * @param keepAlive the interval of the clients' keep-alives
 * @param warmup how long an unmeasured run goes first against each target, so JIT compilation is not measured
 * @param receiversOffline whether receivers stay offline, so that every message goes to the server's store and its
 *        ACK comes after the store committed it
 */
record C2cPlan(int pairs, int rate, int window, Duration duration, Duration drain, int maxPerPair, int payload,
        int loginRate, Duration keepAlive, Duration warmup, boolean receiversOffline) {

    static C2cPlan from(Options options) {
        int pairs = options.integer("pairs", 100, 1, 100_000);
        long maxMessages = options.longValue("max-messages", 5_000_000, 1, 50_000_000);
        return new C2cPlan(pairs, options.integer("rate", 0, 0, 10_000_000),
                options.integer("window", 16, 1, 10_000),
                options.duration("duration", Duration.ofSeconds(20), Duration.ofMinutes(30)),
                options.duration("drain", Duration.ofSeconds(15), Duration.ofMinutes(5)),
                (int) Math.max(1, maxMessages / pairs), options.integer("payload", 32, 19, 4096),
                options.integer("login-rate", 5000, 0, 1_000_000),
                options.duration("keepalive", Duration.ofSeconds(15), Duration.ofMinutes(10)),
                options.duration("warmup", Duration.ZERO, Duration.ofMinutes(5)), options.has("receivers-offline"));
    }

    /** The same load for the warm-up's duration. */
    C2cPlan forWarmup() {
        return new C2cPlan(pairs, rate, window, warmup, drain, maxPerPair, payload, loginRate, keepAlive, Duration.ZERO,
                receiversOffline);
    }

    boolean windowMode() {
        return rate == 0;
    }
}
