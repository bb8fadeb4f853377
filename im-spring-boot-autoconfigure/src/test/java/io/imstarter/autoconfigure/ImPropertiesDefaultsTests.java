package io.imstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.client.ImClientConfig;
import io.imstarter.protocol.Transport;
import io.imstarter.qos.QosSettings;
import io.imstarter.server.ImServerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

/** Binding no {@code im.*} property at all yields exactly the defaults of the plain-Java configs. */
class ImPropertiesDefaultsTests {

    private final ImProperties properties = new Binder(new MapConfigurationPropertySource())
            .bindOrCreate("im", ImProperties.class);

    private final ImServerConfig server = new ImServerConfigFactory(
            new GatewaySslContexts(new DefaultResourceLoader())).create(properties.getServer(), List.of());

    private final ImClientConfig client = new ImClientConfigFactory(
            new ClientSslContexts(new DefaultResourceLoader())).create(properties.getClient(), null);

    @Test
    void emptyServerPropertiesYieldTheServerConfigDefaults() {
        assertThat(server).usingRecursiveComparison().ignoringFields("gateways", "qos")
                .isEqualTo(new ImServerConfig());
    }

    @Test
    void emptyGatewayPropertiesYieldEachTransportsDefaults() {
        ImServerConfig defaults = new ImServerConfig();
        for (Transport transport : Transport.values()) {
            assertThat(server.gateway(transport)).as(transport.name()).usingRecursiveComparison()
                    .isEqualTo(defaults.gateway(transport));
        }
    }

    @Test
    void emptyQosPropertiesYieldEachSidesDefaults() {
        assertThat(server.qos()).isEqualTo(QosSettings.SERVER_DEFAULTS);
        assertThat(client.qos()).isEqualTo(QosSettings.CLIENT_DEFAULTS);
    }

    @Test
    void emptyClientPropertiesYieldTheClientConfigDefaults() {
        assertThat(client).usingRecursiveComparison().isEqualTo(new ImClientConfig());
    }
}
