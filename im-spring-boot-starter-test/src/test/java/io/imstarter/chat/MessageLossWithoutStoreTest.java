package io.imstarter.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.event.ImC2CUndeliverableEvent;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.store.MessageStore;
import io.imstarter.test.ImTest;
import io.imstarter.test.ImTestClient;
import io.imstarter.test.ImTestEvents;
import io.imstarter.test.ImUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Without a store (a test overriding a default), an unacknowledged C2C is undeliverable: the server says so within
 * two seconds and the sender's client reports the message lost soon after, with no ACK.
 */
@ImTest(properties = "im.store.enabled=false")
class MessageLossWithoutStoreTest {

    private static final Duration LOSS_DEADLINE = Duration.ofSeconds(2);

    @Autowired
    private ImTestEvents events;

    @Autowired
    private ApplicationContext context;

    @Test
    void aTestPropertyOverridesOneDefaultAndKeepsTheOthers() {
        assertThat(context.getBeanNamesForType(MessageStore.class)).isEmpty();
        ImServer server = context.getBean(ImServer.class);
        assertThat(server.config().getQos().getMinAge()).hasMillis(250);
        assertThat(server.port(Transport.TCP)).isPositive().isNotEqualTo(8901);
    }

    @Test
    void messageToAReceiverThatNeverAcksIsUndeliverableWithinTwoSecondsAndLostAtTheSender(
            @ImUser("sender-2") ImTestClient sender, @ImUser(value = "mute-2", acknowledge = false) ImTestClient mute) {
        long start = System.nanoTime();
        String fp = sender.send("mute-2", "anyone?");

        assertThat(mute.awaitMessage().fp()).isEqualTo(fp);
        events.await(ImC2CUndeliverableEvent.class, event -> fp.equals(event.message().fp()), LOSS_DEADLINE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LOSS_DEADLINE);
        assertThat(sender.awaitLost(fp, Duration.ofSeconds(3))).hasMessageContaining(fp);
    }
}
