package io.imstarter.autoconfigure.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;

/**
 * The message store ({@code im.store.*}). The inherited {@code initialize-schema} (embedded databases only by
 * default), {@code schema}, {@code platform} and {@code continue-on-error} work as for Boot's own JDBC modules.
 */
@ConfigurationProperties("im.store")
public class ImStoreProperties extends DatabaseInitializationProperties {

    /** The schema script; {@code @@platform@@} becomes h2, postgresql or mysql (MariaDB uses mysql). */
    static final String DEFAULT_SCHEMA_LOCATION = "classpath:io/imstarter/store/jdbc/schema-@@platform@@.sql";

    /** Whether to store messages for offline receivers in the application's DataSource. */
    private boolean enabled = true;

    /** Maximum undelivered messages kept for one receiver; further messages to it are refused. */
    private int maxMessagesPerReceiver = 10_000;

    /** Maximum age of a stored message, delivered or not, before expiry deletes it. */
    private Duration maxAge = Duration.ofDays(7);

    /** Time between two runs of the background expiry. */
    private Duration expiryInterval = Duration.ofMinutes(1);

    /** Number of stored messages read per query when replaying them to a receiver that logs in. */
    private int replayBatchSize = 100;

    /** Maximum messages per second replayed to one receiver that logs in. */
    private int replayRate = 1000;

    @Override
    public String getDefaultSchemaLocation() {
        return DEFAULT_SCHEMA_LOCATION;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getMaxMessagesPerReceiver() {
        return maxMessagesPerReceiver;
    }

    public void setMaxMessagesPerReceiver(int maxMessagesPerReceiver) {
        this.maxMessagesPerReceiver = maxMessagesPerReceiver;
    }

    public Duration getMaxAge() {
        return maxAge;
    }

    public void setMaxAge(Duration maxAge) {
        this.maxAge = maxAge;
    }

    public Duration getExpiryInterval() {
        return expiryInterval;
    }

    public void setExpiryInterval(Duration expiryInterval) {
        this.expiryInterval = expiryInterval;
    }

    public int getReplayBatchSize() {
        return replayBatchSize;
    }

    public void setReplayBatchSize(int replayBatchSize) {
        this.replayBatchSize = replayBatchSize;
    }

    public int getReplayRate() {
        return replayRate;
    }

    public void setReplayRate(int replayRate) {
        this.replayRate = replayRate;
    }
}
