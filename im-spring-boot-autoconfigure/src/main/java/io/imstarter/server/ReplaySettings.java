package io.imstarter.server;

/**
 * The pace at which stored messages are replayed to a receiver that logs in (section 10).
 *
 * @param batchSize the stored messages read per query, and the most replayed messages sent to one receiver without
 *        its ACK
 * @param ratePerSecond the most messages per second replayed to one receiver
 */
public record ReplaySettings(int batchSize, int ratePerSecond) {

    public static final int DEFAULT_BATCH_SIZE = 100;

    public static final int DEFAULT_RATE_PER_SECOND = 1000;

    public static final ReplaySettings DEFAULTS = new ReplaySettings(DEFAULT_BATCH_SIZE, DEFAULT_RATE_PER_SECOND);

    public ReplaySettings {
        if (batchSize < 1 || ratePerSecond < 1) {
            throw new IllegalArgumentException("The replay batch size (" + batchSize + ") and rate (" + ratePerSecond
                    + " messages/s) must be at least 1");
        }
    }
}
