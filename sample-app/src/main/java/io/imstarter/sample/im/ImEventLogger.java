package io.imstarter.sample.im;

import io.imstarter.event.ImC2CDeliveredEvent;
import io.imstarter.event.ImC2CUndeliverableEvent;
import io.imstarter.event.ImClientMessagesLostEvent;
import io.imstarter.event.ImLoginFailedEvent;
import io.imstarter.event.ImMessage;
import io.imstarter.event.ImS2CLostEvent;
import io.imstarter.event.ImUserKickedEvent;
import io.imstarter.event.ImUserLoggedInEvent;
import io.imstarter.event.ImUserLoggedOutEvent;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Shows how an application reacts to the IM server: plain {@code @EventListener} methods on the starter's event
 * records. They run on the starter's event executor, never on a Netty thread, so they may do slow work.
 */
@Component
public class ImEventLogger {

    private static final Logger log = LoggerFactory.getLogger(ImEventLogger.class);

    @EventListener
    void loggedIn(ImUserLoggedInEvent event) {
        log.info("IM login: '{}' over {} from {}", event.userId(), event.transport(), event.remoteAddress());
    }

    @EventListener
    void loginFailed(ImLoginFailedEvent event) {
        log.info("IM login refused: '{}' over {} from {} got code {}", event.userId(), event.transport(),
                event.remoteAddress(), event.code());
    }

    @EventListener
    void loggedOut(ImUserLoggedOutEvent event) {
        log.info("IM logout: '{}' over {} ({})", event.userId(), event.transport(), event.reason());
    }

    @EventListener
    void kicked(ImUserKickedEvent event) {
        log.info("IM kick: '{}' over {} ({})", event.userId(), event.transport(), event.reason());
    }

    @EventListener
    void delivered(ImC2CDeliveredEvent event) {
        log.info("IM delivered: {}", describe(event.message()));
    }

    @EventListener
    void undeliverable(ImC2CUndeliverableEvent event) {
        log.warn("IM undeliverable (receiver offline or silent, and not stored): {}", describe(event.message()));
    }

    @EventListener
    void pushLost(ImS2CLostEvent event) {
        log.warn("IM server push lost, no ACK after the retries: {}", describe(event.messages()));
    }

    @EventListener
    void clientMessagesLost(ImClientMessagesLostEvent event) {
        log.warn("IM embedded client '{}' lost messages, no ACK after the retries: {}", event.userId(),
                describe(event.messages()));
    }

    private static String describe(List<ImMessage> messages) {
        return messages.stream().map(ImEventLogger::describe).collect(Collectors.joining(", "));
    }

    private static String describe(ImMessage message) {
        return "'" + message.fromUserId() + "' -> '" + message.toUserId() + "' fp=" + message.fp();
    }
}
