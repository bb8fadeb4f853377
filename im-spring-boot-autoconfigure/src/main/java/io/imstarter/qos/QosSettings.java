package io.imstarter.qos;

import io.imstarter.protocol.InvalidSettingException;
import java.time.Duration;

/**
 * Timing and bounds of a send daemon (wire protocol section 9.2). The server and the client each extend it with their
 * own defaults (MobileIMSDK's) for the two settings in which they differ, the min age and the retries.
 */
public abstract class QosSettings {

    /** How often pending QoS packets are examined. */
    private Duration checkInterval = Duration.ofSeconds(5);

    /** Packets that may wait for an ACK at once; further QoS sends are refused. */
    private int maxPending = 100_000;

    public Duration getCheckInterval() {
        return checkInterval;
    }

    public QosSettings setCheckInterval(Duration checkInterval) {
        this.checkInterval = checkInterval;
        return this;
    }

    /** Age a pending packet must reach before it is re-sent. */
    public abstract Duration getMinAge();

    public abstract QosSettings setMinAge(Duration minAge);

    /** Re-sends before a packet is reported lost. */
    public abstract int getMaxRetries();

    public abstract QosSettings setMaxRetries(int maxRetries);

    public int getMaxPending() {
        return maxPending;
    }

    public QosSettings setMaxPending(int maxPending) {
        this.maxPending = maxPending;
        return this;
    }

    /** The earliest a sender with these settings reports a packet lost: min age plus one check per re-send. */
    public Duration earliestLostReport() {
        return getMinAge().plus(checkInterval.multipliedBy(getMaxRetries()));
    }

    /**
     * The longest time from tracking to a lost report: min age plus a spread offset under one check interval, one
     * interval per re-send, and one daemon tick of latency for the verdict.
     */
    public Duration worstCaseLostAfter() {
        return getMinAge().plus(checkInterval.multipliedBy(getMaxRetries() + 1L))
                .plus(checkInterval.dividedBy(QosSendDaemon.TICKS_PER_INTERVAL));
    }

    /** @throws InvalidSettingException naming the setting under {@code prefix}, e.g. {@code qos.check-interval} */
    public void validate(String prefix) {
        InvalidSettingException.requirePositive(prefix + "check-interval", checkInterval);
        Duration minAge = getMinAge();
        if (minAge == null || minAge.isNegative()) {
            throw new InvalidSettingException(prefix + "min-age", minAge, "must be zero or positive");
        }
        InvalidSettingException.requireAtLeast(prefix + "max-retries", 0, getMaxRetries());
        InvalidSettingException.requireAtLeast(prefix + "max-pending", 1, maxPending);
    }
}
