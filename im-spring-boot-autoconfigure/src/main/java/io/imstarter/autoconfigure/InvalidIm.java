package io.imstarter.autoconfigure;

import io.imstarter.protocol.InvalidSettingException;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

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
     * Runs a step of the core that may reject a setting, naming the rejected setting's {@code im.*} key: the core
     * names it by its path below the settings object, which sits at {@code prefix}.
     */
    static <T> T translating(String prefix, Supplier<T> step) {
        try {
            return step.get();
        }
        catch (InvalidSettingException ex) {
            throw property(prefix + ex.setting(), ex.value(), ex.reason());
        }
    }
}
