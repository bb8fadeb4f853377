package io.imstarter.protocol;

import java.time.Duration;

/**
 * A configuration value the core cannot run with. It names the setting by its path below the settings object that
 * holds it, as the properties name it (e.g. {@code tcp.idle-timeout}, {@code qos.check-interval}), so that the Spring
 * edge only has to put its prefix in front.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private final String setting;

    private final transient Object value;

    private final String reason;

    public InvalidSettingException(String setting, Object value, String reason) {
        super(setting + " " + reason + ", got " + value);
        this.setting = setting;
        this.value = value;
        this.reason = reason;
    }

    /** The setting's path below its settings object, dotted where it is nested, in kebab case. */
    public String setting() {
        return setting;
    }

    public Object value() {
        return value;
    }

    /** What the value must be, without the setting's name. */
    public String reason() {
        return reason;
    }

    public static void requirePositive(String setting, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new InvalidSettingException(setting, value, "must be positive");
        }
    }

    public static void requireAtLeast(String setting, long min, long value) {
        if (value < min) {
            throw new InvalidSettingException(setting, value, "must be at least " + min);
        }
    }

    /** A size from {@code min} bytes up to what an int holds. */
    public static void requireBytes(String setting, long min, DataSize size) {
        if (size == null || size.toBytes() < min || size.toBytes() > Integer.MAX_VALUE) {
            throw new InvalidSettingException(setting, size, "must be between " + min + "B and " + Integer.MAX_VALUE
                    + "B");
        }
    }

    public static void requireSet(String setting, Object value) {
        if (value == null) {
            throw new InvalidSettingException(setting, null, "must be set");
        }
    }
}
