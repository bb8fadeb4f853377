package io.imstarter.event;

import java.util.List;

/**
 * QoS messages an embedded client sent ran out of retries.
 *
 * @param userId the user id of the embedded client
 * @param messages the lost messages
 */
public record ImClientMessagesLostEvent(String userId, List<ImMessage> messages) implements ImEvent {

    public ImClientMessagesLostEvent {
        messages = List.copyOf(messages);
    }
}
