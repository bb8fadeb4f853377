package io.imstarter.test.context;

import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * The IM test defaults, by property name: every gateway on an ephemeral port of 127.0.0.1, QoS timers short enough
 * that a lost message is reported in about a second, a short shutdown grace period, and no cluster. They sit just
 * below the environment variables: the test's own properties ({@code @ImTest(properties)},
 * {@code @TestPropertySource}, {@code @DynamicPropertySource}), system properties and environment variables win;
 * the application's configuration files lose, so a fixed port in {@code application.yml} does not reach a test.
 */
public final class ImTestDefaults implements ContextCustomizer {

    /** Name of the property source holding the defaults. */
    static final String PROPERTY_SOURCE = "imTestDefaults";

    /**
     * Server legs give up after about 0.8 s (min age plus two checks) and the receiver-ACK timeout is 1 s, both well
     * before a sender's client gives up (1.45 s at the earliest), the order the production defaults keep (section
     * 9.5 of the wire protocol: the receiver-ACK timeout stays under the client's 13 s).
     */
    private static final Map<String, Object> PROPERTIES = Map.ofEntries(
            Map.entry("im.server.address", "127.0.0.1"),
            Map.entry("im.server.tcp.port", "0"),
            Map.entry("im.server.udp.port", "0"),
            Map.entry("im.server.websocket.port", "0"),
            Map.entry("im.server.shutdown-grace-period", "100ms"),
            Map.entry("im.server.qos.check-interval", "250ms"),
            Map.entry("im.server.qos.min-age", "250ms"),
            Map.entry("im.server.qos.max-retries", "1"),
            Map.entry("im.server.qos.receiver-ack-timeout", "1s"),
            Map.entry("im.client.qos.check-interval", "250ms"),
            Map.entry("im.client.qos.min-age", "1200ms"),
            Map.entry("im.client.qos.max-retries", "1"),
            Map.entry("im.cluster.enabled", "false"));

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
        addTo(context.getEnvironment());
    }

    /**
     * Adds the defaults to an environment whose configuration files are loaded: just below the environment variables
     * (and so below the system properties and the test's own sources above them), above the files.
     */
    public static void addTo(ConfigurableEnvironment environment) {
        MutablePropertySources sources = environment.getPropertySources();
        MapPropertySource defaults = new MapPropertySource(PROPERTY_SOURCE, PROPERTIES);
        if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, defaults);
        }
        else if (sources.contains(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, defaults);
        }
        else {
            sources.addLast(defaults);
        }
    }

    /** Every test with the defaults adds the same ones, so they never split Spring's context cache. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ImTestDefaults;
    }

    @Override
    public int hashCode() {
        return ImTestDefaults.class.hashCode();
    }
}
