package io.imstarter.event;

import java.util.List;

/**
 * QoS messages the server sent ran out of retries without an ACK.
 *
 * @param messages the lost messages
 */
public record ImS2CLostEvent(List<ImMessage> messages) implements ImEvent {

    public ImS2CLostEvent {
        messages = List.copyOf(messages);
    }
}
