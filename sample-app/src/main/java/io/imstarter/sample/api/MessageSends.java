package io.imstarter.sample.api;

import io.imstarter.autoconfigure.store.ImStoreProperties;
import io.imstarter.client.ImClient;
import io.imstarter.client.ImClientException;
import io.imstarter.group.ImGroups;
import io.imstarter.protocol.Packet;
import io.imstarter.sample.SampleProperties;
import io.imstarter.sample.im.SendOutcomes;
import io.imstarter.sample.im.SendOutcomes.Outcome;
import io.imstarter.sample.users.UserAccounts;
import io.imstarter.server.ImServer;
import io.imstarter.store.MessageStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Sends a C2C message from an embedded client and waits a bounded time ({@code sample.ack-wait}) for what became of
 * it. With the IM server in this application, the server's own events say it: delivered, stored for an offline
 * receiver, or refused by the store; the client's ACK alone could not tell the first two apart (section 9.5). With a
 * remote server only the ACK is known.
 */
@Component
class MessageSends {

    private final ObjectProvider<ImServer> server;
    private final ObjectProvider<MessageStore> store;
    private final ObjectProvider<ImStoreProperties> storeProperties;
    private final UserAccounts accounts;
    private final SendOutcomes outcomes;
    private final ObjectProvider<ImGroups> groups;
    private final Duration ackWait;

    MessageSends(ObjectProvider<ImServer> server, ObjectProvider<MessageStore> store,
            ObjectProvider<ImStoreProperties> storeProperties, UserAccounts accounts, SendOutcomes outcomes,
            SampleProperties properties, ObjectProvider<ImGroups> groups) {
        this.groups = groups;
        this.server = server;
        this.store = store;
        this.storeProperties = storeProperties;
        this.accounts = accounts;
        this.outcomes = outcomes;
        this.ackWait = properties.ackWait();
    }

    SendResult send(ImClient sender, SendMsgRequest request) {
        String from = sender.userId();
        String to = request.friendId();
        boolean qos = request.qosOrDefault();
        ImServer local = localServer();
        boolean toGroup = isGroupAddress(to);
        if (toGroup) {
            requireMember(from, to);
        }
        else if (local != null) {
            requireReachable(local, to, qos);
        }
        String fp = qos ? Packet.newFingerprint() : null;
        // A group message's ACK comes from the group after its commit: that is its outcome.
        Optional<CompletableFuture<Outcome>> outcome = local != null && qos && !toGroup ? outcomes.watch(from, fp)
                : Optional.empty();
        try {
            CompletableFuture<String> sent = sender.send(to, request.msg(), request.typeuOrDefault(), qos, fp);
            return outcome.map(said -> awaitServer(said, sent, from, to, fp))
                    .orElseGet(() -> awaitAck(sent, from, to, qos, fp));
        } finally {
            if (qos) {
                outcomes.forget(from, fp);
            }
        }
    }

    private SendResult awaitServer(CompletableFuture<Outcome> outcome, CompletableFuture<String> sent, String from,
            String to, String fp) {
        sent.whenComplete((acked, failure) -> {
            if (failure != null) {
                outcome.completeExceptionally(failure instanceof CompletionException wrapped
                        && wrapped.getCause() != null ? wrapped.getCause() : failure);
            }
        });
        try {
            if (!BoundedWait.completed(outcome, ackWait)) {
                return SendResult.pending(fp, from, to, true, ackWait);
            }
        } catch (ImClientException failed) {
            return failed(fp, from, to, true, failed);
        }
        return switch (outcome.getNow(null)) {
            case DELIVERED -> SendResult.completed(fp, from, to, true);
            case STORED -> SendResult.stored(fp, from, to);
            case REFUSED -> throw ApiException.notStored("'" + to + "' is offline and the server's message store"
                    + " refused the message" + refusalReason(to) + ". The embedded client's QoS may retry it a few"
                    + " times before it reports the message lost.");
        };
    }

    private SendResult awaitAck(CompletableFuture<String> sent, String from, String to, boolean qos, String fp) {
        try {
            if (!BoundedWait.completed(sent, ackWait)) {
                return SendResult.pending(fp, from, to, qos, ackWait);
            }
        } catch (ImClientException failed) {
            return failed(fp, from, to, qos, failed);
        }
        return SendResult.completed(fp, from, to, qos);
    }

    private static SendResult failed(String fp, String from, String to, boolean qos, ImClientException failed) {
        return SendResult.of(fp, from, to, qos, DeliveryStatus.FAILED,
                "Code " + failed.code() + ": " + failed.getMessage());
    }

    private String refusalReason(String to) {
        MessageStore messages = store.getIfAvailable();
        ImStoreProperties limits = storeProperties.getIfAvailable();
        if (messages == null || limits == null) {
            return "";
        }
        long waiting = messages.countUndelivered(to);
        return waiting >= limits.getMaxMessagesPerReceiver()
                ? ": it already holds " + waiting + " undelivered messages for '" + to + "', the most allowed"
                        + " (im.store.max-messages-per-receiver)"
                : " (see the server log for why)";
    }

    /**
     * On the local server a friend who is offline is reported at once, unless the message store will keep a QoS
     * message for a registered user: a mistyped name, or a message that could only be lost, gets 404.
     */
    private void requireReachable(ImServer local, String friendId, boolean qos) {
        if (local.session(friendId).isPresent()) {
            return;
        }
        if (!qos || store.getIfAvailable() == null) {
            throw ApiException.unknownUser("User '" + friendId + "' is not online on the IM server, and a message"
                    + " to an offline user is kept only with QoS and the message store on (im.store.enabled); it"
                    + " would be lost");
        }
        if (accounts.role(friendId).isEmpty()) {
            throw ApiException.unknownUser("No user '" + friendId + "' is registered; a message to them would wait"
                    + " in the store for nobody");
        }
    }

    private boolean isGroupAddress(String to) {
        ImGroups api = groups.getIfAvailable();
        return api != null && api.settings().isGroupAddress(to);
    }

    /** A non-member's message would be refused by the server (52/306) and lost; it gets 403 here at once. */
    private void requireMember(String from, String address) {
        ImGroups api = groups.getObject();
        String groupId = api.settings().groupId(address);
        if (!api.isMember(groupId, from)) {
            throw ApiException.forbidden("'" + from + "' is not a member of group " + groupId + ", so may not send"
                    + " to " + address);
        }
    }

    private ImServer localServer() {
        ImServer local = server.getIfAvailable();
        return local != null && local.isRunning() ? local : null;
    }
}
