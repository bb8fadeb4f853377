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
     * Number of stored messages read per query when replaying them to a receiver that logs in; the next page is read
     * while the last is being sent.
     */
    private int replayBatchSize = 200;

    /**
     * Maximum replayed messages waiting for the receiver's ACK at once on TCP and WebSocket: each ACK lets the next
     * one go, so replay runs as fast as the receiver acknowledges.
     */
    private int replayWindow = 64;

    /**
     * Maximum replayed messages waiting for the receiver's ACK at once on UDP, where each is a datagram that the
     * receiver's full socket buffer would drop.
     */
    private int replayWindowUdp = 16;

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

    public int getReplayWindow() {
        return replayWindow;
    }

    public void setReplayWindow(int replayWindow) {
        this.replayWindow = replayWindow;
    }

    public int getReplayWindowUdp() {
        return replayWindowUdp;
    }

    public void setReplayWindowUdp(int replayWindowUdp) {
        this.replayWindowUdp = replayWindowUdp;
    }
}
