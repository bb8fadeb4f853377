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
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("3s") Duration ackWait, @DefaultValue("100") int inboxSize,
        @DefaultValue("1000") int inboxUsers) {

    public SampleProperties {
        if (ackWait.isNegative()) {
            throw new IllegalArgumentException("sample.ack-wait must be zero or positive, got " + ackWait);
        }
        if (inboxSize < 1 || inboxUsers < 1) {
            throw new IllegalArgumentException("sample.inbox-size and sample.inbox-users must be at least 1, got "
                    + inboxSize + " and " + inboxUsers);
        }
    }
}
