package io.imstarter.protocol;

import java.time.Duration;

/**
 * A configuration value the core cannot run with. It names the setting in the core's own words (e.g.
 * {@code tcp.idleTimeout}, {@code qos.checkInterval}) so that an adapter can translate it to its own key.
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

    /** The setting's core name, dotted where it is nested. */
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
}
