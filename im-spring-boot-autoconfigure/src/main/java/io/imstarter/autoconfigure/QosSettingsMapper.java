package io.imstarter.autoconfigure;

import io.imstarter.autoconfigure.ImProperties.Qos;
import io.imstarter.qos.QosSettings;
import java.time.Duration;

/** Overlays the set {@code *.qos.*} properties on a side's default {@link QosSettings}. */
final class QosSettingsMapper {

    private QosSettingsMapper() {
    }

    static QosSettings map(String prefix, Qos qos, QosSettings defaults) {
        Duration checkInterval = qos.getCheckInterval() != null ? qos.getCheckInterval() : defaults.checkInterval();
        Duration minAge = qos.getMinAge() != null ? qos.getMinAge() : defaults.minAge();
        int maxRetries = qos.getMaxRetries() != null ? qos.getMaxRetries() : defaults.maxRetries();
        int maxPending = qos.getMaxPending() != null ? qos.getMaxPending() : defaults.maxPending();
        String values = "check-interval=" + checkInterval + ", min-age=" + minAge + ", max-retries=" + maxRetries
                + ", max-pending=" + maxPending;
        return InvalidIm.build(prefix, values, () -> new QosSettings(checkInterval, minAge, maxRetries, maxPending));
    }

    /** The earliest a sender with these settings reports a message lost: min age plus one check per re-send. */
    static Duration earliestLostReport(QosSettings settings) {
        return settings.minAge().plus(settings.checkInterval().multipliedBy(settings.maxRetries()));
    }
}
