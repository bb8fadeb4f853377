package io.imstarter.sample;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sample itself ({@code sample.*}).
 *
 * @param ackWait how long {@code /api/sendMsg} and {@code /api/push} wait for the QoS ACK before answering "pending"
 * @param inboxSize how many received messages are kept per embedded client, oldest dropped first
 * @param inboxUsers how many embedded clients' inboxes are kept, the least recently created dropped first
 * @param maxUsers how many user accounts the first-login registration may create in all
 * @param admin the administrator account, written to the database at startup
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("3s") Duration ackWait, @DefaultValue("100") int inboxSize,
        @DefaultValue("1000") int inboxUsers, @DefaultValue("10000") int maxUsers, @DefaultValue Admin admin) {

    public SampleProperties {
        if (ackWait.isNegative()) {
            throw new IllegalArgumentException("sample.ack-wait must be zero or positive, got " + ackWait);
        }
        if (inboxSize < 1 || inboxUsers < 1 || maxUsers < 1) {
            throw new IllegalArgumentException("sample.inbox-size, sample.inbox-users and sample.max-users must be at"
                    + " least 1, got " + inboxSize + ", " + inboxUsers + " and " + maxUsers);
        }
    }

    /**
     * The administrator ({@code sample.admin.*}): may push, kick, list online users with their addresses.
     *
     * @param username the admin's user name
     * @param password the admin's password; the demo default is public, so startup warns while it is in use
     */
    public record Admin(@DefaultValue("admin") String username, @DefaultValue(DEMO_PASSWORD) String password) {

        /** The documented demo password: fine on 127.0.0.1, never on a reachable address. */
        public static final String DEMO_PASSWORD = "admin-demo-password";

        public Admin {
            if (username == null || username.isBlank() || password == null || password.isBlank()) {
                throw new IllegalArgumentException("sample.admin.username and sample.admin.password must not be"
                        + " blank");
            }
        }

        /** Whether the password is still the public demo default. */
        public boolean usesDemoPassword() {
            return DEMO_PASSWORD.equals(password);
        }
    }
}
