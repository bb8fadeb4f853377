package io.imstarter.test;

import io.imstarter.test.context.ImTestAutoConfiguration;
import io.imstarter.test.context.ImTestDefaults;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several nodes of the application in one JVM, clustered through one Redis ({@code im.cluster.enabled=true}), for
 * tests of routing between nodes. Each node is a context of its own, without a web server, with the IM test
 * defaults (ephemeral ports, short timers) and its own {@link ImTestClients}. The Redis connection is Boot's
 * {@link DataRedisConnectionDetails}, handed to every node as a bean: take it from the test's context, where a
 * {@code @ServiceConnection} container or a {@code spring.data.redis.*} property makes it, and no node needs a
 * Redis property. Close the cluster after the test (try-with-resources or {@code @AfterAll}).
 */
public final class ImTestCluster implements AutoCloseable {

    private final List<ConfigurableApplicationContext> nodes;

    private ImTestCluster(List<ConfigurableApplicationContext> nodes) {
        this.nodes = nodes;
    }

    /**
     * Starts {@code count} nodes of {@code application} one after the other.
     *
     * @param redis where the nodes meet, e.g. the test's own {@code DataRedisConnectionDetails} bean
     * @param properties more properties for every node, {@code key=value}; they win over the test defaults and the
     *     application's files
     */
    public static ImTestCluster start(int count, Class<?> application, DataRedisConnectionDetails redis,
            String... properties) {
        if (count < 1) {
            throw new IllegalArgumentException("A cluster needs at least one node, not " + count);
        }
        List<ConfigurableApplicationContext> started = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                started.add(startNode(application, redis, properties));
            }
        }
        catch (RuntimeException ex) {
            started.forEach(ConfigurableApplicationContext::close);
            throw ex;
        }
        return new ImTestCluster(List.copyOf(started));
    }

    private static ConfigurableApplicationContext startNode(Class<?> application, DataRedisConnectionDetails redis,
            String... properties) {
        return new SpringApplicationBuilder(application, ImTestAutoConfiguration.class)
                .web(WebApplicationType.NONE)
                .initializers(context -> {
                    ImTestDefaults.addTo(context.getEnvironment());
                    TestPropertyValues.of(properties).and("im.cluster.enabled=true").applyTo(context);
                    context.getBeanFactory().registerSingleton("imTestClusterRedisConnectionDetails", redis);
                })
                .run();
    }

    /** How many nodes run. */
    public int size() {
        return nodes.size();
    }

    /** The application context of node {@code index}, from 0. */
    public ConfigurableApplicationContext node(int index) {
        return nodes.get(index);
    }

    /** The test clients of node {@code index}: they connect to that node's gateways. */
    public ImTestClients clients(int index) {
        return node(index).getBean(ImTestClients.class);
    }

    /** Stops every node; their clients are logged out first. */
    @Override
    public void close() {
        nodes.forEach(ConfigurableApplicationContext::close);
    }
}
