package io.imstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.imstarter.autoconfigure.auth.ImAuthProperties;
import io.imstarter.autoconfigure.cluster.ImClusterProperties;
import io.imstarter.autoconfigure.store.ImStoreProperties;
import io.imstarter.client.ImClientConfig;
import io.imstarter.server.GroupSettings;
import io.imstarter.server.ImServerConfig;
import io.imstarter.server.ReceiptSettings;
import java.beans.PropertyDescriptor;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.ApplicationConversionService;

/**
 * The generated metadata documents every {@code im.*} property with a description, and with the default the property
 * starts from (its field initializer) wherever it has one.
 */
class ImSettingsMetadataTests {

    private static final File METADATA = new File("target/classes/META-INF/spring-configuration-metadata.json");

    /** Every class bound to {@code im.*}, by prefix. */
    private static final Map<String, Class<?>> PROPERTY_CLASSES = Map.of("im.server", ImServerConfig.class,
            "im.client", ImClientConfig.class, "im.events", ImEventsProperties.class, "im.server.auth",
            ImAuthProperties.class, "im.store", ImStoreProperties.class, "im.cluster", ImClusterProperties.class,
            "im.group", GroupSettings.class, "im.receipts", ReceiptSettings.class);

    /** The on/off switches of the auto-configurations, which are conditions rather than settings of a bean. */
    private static final Map<String, Object> SWITCHES = Map.of("im.server.enabled", true, "im.client.enabled", true);

    @Test
    void metadataListsEveryBoundProperty() throws IOException {
        List<String> documented = JsonPath.read(METADATA, "$.properties[*].name");
        List<String> expected = new ArrayList<>();
        PROPERTY_CLASSES.forEach((prefix, type) -> collect(prefix, type, type, expected));

        assertThat(expected).hasSizeGreaterThan(60).contains("im.server.tcp.max-frame-length",
                "im.server.udp.max-outbound-datagram-size", "im.server.qos.c2c-ack-mode", "im.client.relogin.jitter",
                "im.client.qos.check-interval", "im.client.servers", "im.events.queue-capacity");
        assertThat(documented).containsAll(expected).containsAll(SWITCHES.keySet());
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
        PROPERTY_CLASSES.forEach((prefix, type) -> collectValues(prefix, BeanUtils.instantiateClass(type), type,
                defaults));
        defaults.putAll(SWITCHES);
        List<Map<String, Object>> properties = read("$.properties[?(@.name =~ /im\\..*/)]");
        Map<String, Object> documented = new TreeMap<>();
        properties.stream().filter(property -> property.containsKey("defaultValue"))
                .forEach(property -> documented.put((String) property.get("name"), property.get("defaultValue")));
        assertThat(documented).as("properties with a defaultValue").containsOnlyKeys(defaults.keySet());
        ApplicationConversionService conversion = new ApplicationConversionService();
        conversion.addConverter(DataSizeBinding.imDataSizeConverter());
        defaults.forEach((name, value) -> assertThat(conversion.convert(documented.get(name).toString(),
                value.getClass())).as(name).isEqualTo(value));
    }

    @Test
    void metadataHasNoImPropertyOutsideTheKnownPropertyClasses() throws IOException {
        List<String> documented = read("$.properties[?(@.name =~ /im\\..*/)].name");
        List<String> known = new ArrayList<>();
        PROPERTY_CLASSES.forEach((prefix, type) -> collect(prefix, type, type, known));
        known.addAll(SWITCHES.keySet());
        assertThat(known).containsAll(documented);
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

    /** Walks the JavaBean tree: nested types of the bound class are groups, everything else is a leaf property. */
    private static void collect(String prefix, Class<?> root, Class<?> type, List<String> names) {
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
            if (!isBound(descriptor)) {
                continue;
            }
            String name = prefix + "." + kebab(descriptor.getName());
            Class<?> propertyType = descriptor.getPropertyType();
            if (propertyType.getEnclosingClass() != null && propertyType.getName().startsWith(root.getName())) {
                collect(name, root, propertyType, names);
            }
            else {
                names.add(name);
            }
        }
    }

    /** The starting value of every leaf property that has one (an empty list is no default). */
    private static void collectValues(String prefix, Object bean, Class<?> root, Map<String, Object> values) {
        BeanWrapper wrapper = new BeanWrapperImpl(bean);
        for (PropertyDescriptor descriptor : wrapper.getPropertyDescriptors()) {
            if (!isBound(descriptor)) {
                continue;
            }
            String name = prefix + "." + kebab(descriptor.getName());
            Object value = wrapper.getPropertyValue(descriptor.getName());
            if (value != null && value.getClass().getName().startsWith(root.getName() + "$")) {
                collectValues(name, value, root, values);
            }
            else if (value != null && !(value instanceof Collection<?> empty && empty.isEmpty())) {
                values.put(name, value);
            }
        }
    }

    /** A JavaBean property as the binder sees it: read by a get or is method; fluent accessors are not bound. */
    private static boolean isBound(PropertyDescriptor descriptor) {
        return descriptor.getReadMethod() != null && !descriptor.getName().equals("class")
                && descriptor.getReadMethod().getName().matches("(get|is)[A-Z].*");
    }

    private static <T> T read(String path) throws IOException {
        return JsonPath.read(METADATA, path);
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
