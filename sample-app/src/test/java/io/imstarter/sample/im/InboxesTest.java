package io.imstarter.sample.im;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.event.ImClientMessageReceivedEvent;
import io.imstarter.event.ImMessage;
import io.imstarter.sample.SampleProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InboxesTest {

    private final Inboxes inboxes = new Inboxes(new SampleProperties(Duration.ofSeconds(1), 2, 2, 10,
            new SampleProperties.Admin("admin", "test-admin-password")));

    @Test
    void keepsTheNewestMessagesPerUser() {
        receive("bob", "one");
        receive("bob", "two");
        receive("bob", "three");

        assertThat(inboxes.messages("bob")).get().asList().extracting("content").containsExactly("two", "three");
    }

    @Test
    void dropsTheOldestInboxBeyondTheUserLimit() {
        inboxes.open("alice");
        receive("bob", "hi bob");
        receive("carol", "hi carol");

        assertThat(inboxes.messages("alice")).isEmpty();
        assertThat(inboxes.messages("bob")).isPresent();
        assertThat(inboxes.messages("carol")).isPresent();
    }

    @Test
    void anOpenedInboxIsEmptyButKnown() {
        inboxes.open("dave");

        assertThat(inboxes.messages("dave")).get().asList().isEmpty();
        assertThat(inboxes.messages("erin")).isEmpty();
    }

    private void receive(String userId, String content) {
        inboxes.received(new ImClientMessageReceivedEvent(userId,
                new ImMessage("x", userId, "fp-" + content, content, -1, true)));
    }
}
