package io.imstarter.testsupport;

import io.imstarter.qos.QosSettings;
import java.time.Duration;

/** Sets a send daemon's four timings in one call, in the order of wire protocol section 9.2. */
public final class QosTimings {

    private QosTimings() {
    }

    public static <T extends QosSettings> T set(T qos, Duration checkInterval, Duration minAge, int maxRetries,
            int maxPending) {
        qos.setCheckInterval(checkInterval);
        qos.setMinAge(minAge);
        qos.setMaxRetries(maxRetries);
        qos.setMaxPending(maxPending);
        return qos;
    }
}
