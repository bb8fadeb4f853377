package io.imstarter.autoconfigure.cluster;

import io.imstarter.cluster.OnlineCensus;
import io.imstarter.server.ImServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;

/**
 * Meters of the cluster as this node sees it: {@code im.cluster.users}, the users online cluster-wide, and
 * {@code im.cluster.node.users} by {@code node}, both counted up to {@link OnlineCensus#MAX_COUNTED}. A scrape reads
 * the last count of an {@link OnlineCensus} and never waits for Redis; the count is taken again in the background
 * when it is older than {@code refresh}. This node's own sessions stay {@code im.sessions}.
 */
public class ImClusterMetrics implements MeterBinder {

    private final ImServer server;
    private final Duration refresh;

    public ImClusterMetrics(ImServer server, Duration refresh) {
        this.server = server;
        this.refresh = refresh;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        MultiGauge byNode = MultiGauge.builder("im.cluster.node.users")
                .description("Users online on each node of the cluster")
                .register(registry);
        OnlineCensus census = new OnlineCensus(server::clusterOnlineUsers, OnlineCensus.MAX_COUNTED, refresh,
                System::nanoTime, counts -> byNode.register(counts.byNode().entrySet().stream()
                        .map(node -> MultiGauge.Row.of(Tags.of("node", node.getKey()), node.getValue())).toList(),
                        true));
        // Held strongly: nothing else refers to the census, and a weakly held one would read NaN once collected.
        Gauge.builder("im.cluster.users", census, c -> c.counts().total())
                .strongReference(true)
                .description("Users online in the whole cluster")
                .register(registry);
    }
}
