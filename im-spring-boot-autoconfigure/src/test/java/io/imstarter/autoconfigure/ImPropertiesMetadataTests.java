package io.imstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.beans.PropertyDescriptor;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;

/**
 * The metadata documents every property of {@link ImProperties} with a description, and with the default the
 * property starts from (the core config's constant) wherever it has one.
 */
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
    void everyPropertyWithADefaultShowsThatDefault() throws IOException {
        Map<String, Object> defaults = new TreeMap<>();
        collectValues("im", new ImProperties(), defaults);
        List<Map<String, Object>> properties = read("$.properties[?(@.name =~ /im\\..*/)]");
        Map<String, Object> documented = new TreeMap<>();
        properties.stream().filter(property -> property.containsKey("defaultValue"))
                .forEach(property -> documented.put((String) property.get("name"), property.get("defaultValue")));
        assertThat(documented).as("properties with a defaultValue").containsOnlyKeys(defaults.keySet());
        ConversionService conversion = ApplicationConversionService.getSharedInstance();
        defaults.forEach((name, value) -> assertThat(conversion.convert(documented.get(name).toString(),
                value.getClass())).as(name).isEqualTo(value));
    }

    @Test
    void onlyPropertiesWithoutAConstantDefaultLackADefaultValue() throws IOException {
        List<String> withoutDefault = read("$.properties[?(@.name =~ /im\\..*/ && !@.defaultValue)].name");
        assertThat(withoutDefault).containsExactlyInAnyOrder("im.server.address", "im.server.dispatch-threads",
                "im.server.tcp.idle-timeout", "im.server.udp.idle-timeout", "im.server.websocket.idle-timeout",
                "im.server.tcp.ssl.certificate", "im.server.tcp.ssl.private-key",
                "im.server.websocket.ssl.certificate", "im.server.websocket.ssl.private-key", "im.client.port",
                "im.client.sense-mode", "im.client.keep-alive-interval", "im.client.link-timeout",
                "im.client.relogin.initial-delay", "im.client.ssl.trust-certificate");
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

    /** The starting value of every leaf property that has one. */
    private static void collectValues(String prefix, Object bean, Map<String, Object> values) {
        BeanWrapper wrapper = new BeanWrapperImpl(bean);
        for (PropertyDescriptor descriptor : wrapper.getPropertyDescriptors()) {
            if (descriptor.getName().equals("class")) {
                continue;
            }
            String name = prefix + "." + kebab(descriptor.getName());
            Object value = wrapper.getPropertyValue(descriptor.getName());
            if (value != null && value.getClass().getName().startsWith(ImProperties.class.getName())) {
                collectValues(name, value, values);
            }
            else if (value != null) {
                values.put(name, value);
            }
        }
    }

    private static <T> T read(String path) throws IOException {
        return JsonPath.read(METADATA, path);
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
