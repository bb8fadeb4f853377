package io.imstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.beans.PropertyDescriptor;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;

/** The annotation processor's metadata documents every property of {@link ImProperties}, with a description. */
class ImPropertiesMetadataTests {

    private static final File METADATA = new File("target/classes/META-INF/spring-configuration-metadata.json");

    @Test
    void metadataListsEveryPropertyOfImProperties() throws IOException {
        List<String> documented = JsonPath.read(METADATA, "$.properties[*].name");
        List<String> expected = new ArrayList<>();
        collect("im", ImProperties.class, expected);

        assertThat(expected).hasSizeGreaterThan(60).contains("im.server.tcp.max-frame-length",
                "im.server.udp.max-outbound-datagram-size", "im.server.qos.c2c-ack-mode", "im.client.relogin.jitter",
                "im.client.qos.check-interval", "im.events.queue-capacity");
        assertThat(documented).containsAll(expected);
    }

    @Test
    void everyPropertyHasADescription() throws IOException {
        List<String> undocumented = JsonPath.read(METADATA,
                "$.properties[?(@.name =~ /im\\..*/ && !@.description)].name");
        assertThat(undocumented).isEmpty();
    }

    @Test
    void handWrittenHintsAndLocalPortsAreMergedIn() throws IOException {
        List<String> hints = JsonPath.read(METADATA, "$.hints[*].name");
        assertThat(hints).contains("im.server.tcp.sense-mode", "im.server.udp.sense-mode",
                "im.server.websocket.sense-mode", "im.client.sense-mode", "im.client.transport",
                "im.server.qos.c2c-ack-mode");
        List<String> udpModes = JsonPath.read(METADATA,
                "$.hints[?(@.name == 'im.server.udp.sense-mode')].values[*].value");
        assertThat(udpModes).as("UDP defines fewer sense modes").contains("mode-3s")
                .doesNotContain("mode-5s", "mode-15s");
        List<String> documented = JsonPath.read(METADATA, "$.properties[*].name");
        assertThat(documented).contains("local.im.server.tcp.port", "management.health.im.enabled");
    }

    /** Walks the JavaBean tree: nested types of ImProperties are groups, everything else is a leaf property. */
    private static void collect(String prefix, Class<?> type, List<String> names) {
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
            if (descriptor.getName().equals("class")) {
                continue;
            }
            String name = prefix + "." + kebab(descriptor.getName());
            Class<?> propertyType = descriptor.getPropertyType();
            if (propertyType.getEnclosingClass() != null
                    && propertyType.getName().startsWith(ImProperties.class.getName())) {
                collect(name, propertyType, names);
            }
            else {
                names.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
