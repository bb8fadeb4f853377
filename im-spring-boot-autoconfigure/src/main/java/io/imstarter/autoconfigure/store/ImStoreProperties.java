package io.imstarter.autoconfigure.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/** The message store ({@code im.store.*}) in the application's DataSource. */
@ConfigurationProperties("im.store")
public class ImStoreProperties {

    /** Whether to store messages for offline receivers in the application's DataSource. */
    private boolean enabled = true;

    /** When to create the store's tables: on embedded databases only (the default), always, or never. */
    private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

    /** Location of the schema script; @@platform@@ becomes h2, postgresql or mysql (also for MariaDB). */
    private String schema = "classpath:io/imstarter/store/jdbc/schema-@@platform@@.sql";

    /** Maximum undelivered messages kept for one receiver; further messages to it are refused. */
    private int maxMessagesPerReceiver = 10_000;

    /** Maximum age of a stored message, delivered or not, before expiry deletes it. */
    private Duration maxAge = Duration.ofDays(7);

    /** Time between two runs of the background expiry. */
    private Duration expiryInterval = Duration.ofMinutes(1);

    /**
     * Number of stored messages read per query when replaying them to a receiver that logs in, and the most replayed
     * messages sent to it without its ACK.
     */
    private int replayBatchSize = 100;

    /** Maximum messages per second replayed to one receiver that logs in. */
    private int replayRate = 1000;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public DatabaseInitializationMode getInitializeSchema() {
        return initializeSchema;
    }

    public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
        this.initializeSchema = initializeSchema;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
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
