package io.imstarter.test.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Where the defaults sit: above the application's files, below whatever the test or the machine says. */
class ImTestDefaultsTest {

    private final StandardEnvironment environment = new StandardEnvironment();

    @Test
    void defaultsWinOverTheApplicationsFiles() {
        environment.getPropertySources().addLast(new MapPropertySource("Config resource 'application.yml'",
                Map.of("im.server.tcp.port", "8901", "im.server.qos.min-age", "2s")));

        ImTestDefaults.addTo(environment);

        assertThat(environment.getProperty("im.server.tcp.port")).isEqualTo("0");
        assertThat(environment.getProperty("im.server.qos.min-age")).isEqualTo("250ms");
    }

    @Test
    void theTestsOwnPropertiesAndSystemPropertiesWinOverTheDefaults() {
        environment.getPropertySources().addFirst(new MapPropertySource("Inlined Test Properties",
                Map.of("im.server.tcp.port", "12345")));
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                        Map.of("im.server.qos.min-age", "400ms")));

        ImTestDefaults.addTo(environment);

        assertThat(environment.getProperty("im.server.tcp.port")).isEqualTo("12345");
        assertThat(environment.getProperty("im.server.qos.min-age")).isEqualTo("400ms");
        assertThat(environment.getProperty("im.server.udp.port")).isEqualTo("0");
    }

    @Test
    void everyTestWithTheDefaultsSharesOneContextCacheKey() {
        assertThat(new ImTestDefaultsFactory().createContextCustomizer(Object.class, java.util.List.of()))
                .isEqualTo(new ImTestDefaults()).hasSameHashCodeAs(new ImTestDefaults());
    }
}
