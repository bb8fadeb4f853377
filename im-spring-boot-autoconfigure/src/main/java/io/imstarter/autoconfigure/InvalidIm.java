package io.imstarter.autoconfigure;

import io.imstarter.protocol.InvalidSettingException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/** Spring-level checks that name the offending property, so that Boot's failure analyzer reports it clearly. */
final class InvalidIm {

    private InvalidIm() {
    }

    static InvalidConfigurationPropertyValueException property(String name, Object value, String reason) {
        return new InvalidConfigurationPropertyValueException(name, value, reason);
    }

    static InvalidConfigurationPropertyValueException property(String name, Object value, String reason,
            Throwable cause) {
        return new InvalidConfigurationPropertyValueException(name, value, reason, cause);
    }

    /** A size in bytes that fits an int. */
    static int bytes(String name, DataSize size) {
        long bytes = size.toBytes();
        if (bytes < 0 || bytes > Integer.MAX_VALUE) {
            throw property(name, size, "must be between 0B and " + Integer.MAX_VALUE + "B");
        }
        return (int) bytes;
    }

    static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw property(name, value, "must be at least 1");
        }
    }

    /**
     * Builds a value whose constructor validates, blaming the named property (group) for what it rejects. The
     * rejection's message becomes the reason; it is the whole story, so it is not kept as a cause.
     */
    static <T> T build(String name, Object value, Supplier<T> builder) {
        try {
            return builder.get();
        }
        catch (IllegalArgumentException ex) {
            throw property(name, value, ex.getMessage());
        }
    }

    /**
     * Runs a step of the core that may reject a setting, naming the rejected setting's {@code im.*} key: the core's
     * name (e.g. {@code packetBurst}) is looked up in {@code keys}, else kebab-cased, and put under {@code prefix}.
     */
    static <T> T translating(String prefix, Map<String, String> keys, Supplier<T> step) {
        try {
            return step.get();
        }
        catch (InvalidSettingException ex) {
            String setting = ex.setting();
            String key = keys.getOrDefault(setting,
                    setting.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
            throw property(prefix + key, ex.value(), ex.reason());
        }
    }
}
