package io.imstarter.qos;

import io.imstarter.protocol.InvalidSettingException;
import java.time.Duration;

/**
 * Timing and bounds of a send daemon (wire protocol section 9.2).
 *
 * @param checkInterval how often pending packets are examined
 * @param minAge how old a pending packet must be before it is re-sent
 * @param maxRetries how many re-sends a packet gets before it is reported lost
 * @param maxPending how many packets may wait for an ACK at once; further sends are refused
 */
public record QosSettings(Duration checkInterval, Duration minAge, int maxRetries, int maxPending) {

    /** The server's defaults (MobileIMSDK's): 5 s checks, 2 s min age, 1 retry, 100 000 pending. */
    public static final QosSettings SERVER_DEFAULTS = new QosSettings(Duration.ofSeconds(5), Duration.ofSeconds(2), 1,
            100_000);

    /** The client's defaults (MobileIMSDK's): 5 s checks, 3 s min age, 2 retries, 100 000 pending. */
    public static final QosSettings CLIENT_DEFAULTS = new QosSettings(Duration.ofSeconds(5), Duration.ofSeconds(3), 2,
            100_000);

    /** @throws InvalidSettingException naming the component, e.g. {@code checkInterval} */
    public QosSettings {
        InvalidSettingException.requirePositive("checkInterval", checkInterval);
        if (minAge == null || minAge.isNegative()) {
            throw new InvalidSettingException("minAge", minAge, "must be zero or positive");
        }
        InvalidSettingException.requireAtLeast("maxRetries", 0, maxRetries);
        InvalidSettingException.requireAtLeast("maxPending", 1, maxPending);
    }

    /** The earliest a sender with these settings reports a packet lost: min age plus one check per re-send. */
    public Duration earliestLostReport() {
        return minAge.plus(checkInterval.multipliedBy(maxRetries));
    }

    /**
     * The longest time from tracking to a lost report: min age plus a spread offset under one check interval, one
     * interval per re-send, and one daemon tick of latency for the verdict.
     */
    public Duration worstCaseLostAfter() {
        return minAge.plus(checkInterval.multipliedBy(maxRetries + 1L))
                .plus(checkInterval.dividedBy(QosSendDaemon.TICKS_PER_INTERVAL));
    }
}
