package io.imstarter.event;

import java.util.List;

/**
 * The receiver acknowledged QoS messages an embedded client sent.
 *
 * @param userId the user id of the embedded client
 * @param messages the acknowledged messages
 */
public record ImClientMessagesAckedEvent(String userId, List<ImMessage> messages) implements ImEvent {

    public ImClientMessagesAckedEvent {
        messages = List.copyOf(messages);
    }
}
