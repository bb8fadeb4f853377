package io.imstarter.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Publishing of IM notifications as Spring application events; the one group the core has no settings for. */
@ConfigurationProperties("im.events")
public class ImEventsProperties {

    /** Whether to publish IM notifications as Spring application events. */
    private boolean enabled = true;

    /** Threads that publish events; 1 keeps the order in which the server reported them. */
    private int threads = 1;

    /** Events that may wait for a publishing thread; further ones are dropped and counted. */
    private int queueCapacity = 10_000;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getThreads() {
        return threads;
    }

    public void setThreads(int threads) {
        this.threads = threads;
    }

    public int getQueueCapacity() {
        return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }
}
