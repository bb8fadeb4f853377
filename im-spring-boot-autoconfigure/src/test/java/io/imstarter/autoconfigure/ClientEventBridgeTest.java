package io.imstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.imstarter.event.ImClientMessageReceivedEvent;
import io.imstarter.protocol.GroupEnvelope;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The embedded client's messages as Spring events: a group copy's event carries its sender and sequence number. */
class ClientEventBridgeTest {

    private final List<Object> published = new CopyOnWriteArrayList<>();

    @Test
    void aGroupCopyIsPublishedWithItsSenderAndSequenceNumberAndAnOrdinaryMessageWithout() throws Exception {
        try (ImEventPublisher publisher = new ImEventPublisher(published::add, 1, 10)) {
            ClientEventBridge bridge = new ClientEventBridge(publisher);
            Packet copy = Packet.of(PacketType.DATA, "hello team", "g:team", "bob", "fp-1", true, 7);
            Packet direct = Packet.of(PacketType.DATA, "hello bob", "alice", "bob", "fp-2", true, 7);

            bridge.handleGroupMessage("bob", copy, new GroupEnvelope.Copy("alice", 17)).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            bridge.handleMessage("bob", direct).toCompletableFuture().get(5, TimeUnit.SECONDS);
        }

        assertThat(published).hasSize(2).allMatch(ImClientMessageReceivedEvent.class::isInstance);
        ImClientMessageReceivedEvent fromGroup = (ImClientMessageReceivedEvent) published.get(0);
        assertThat(fromGroup.isGroupCopy()).isTrue();
        assertThat(fromGroup.group()).isEqualTo(new GroupEnvelope.Copy("alice", 17));
        assertThat(fromGroup.message().fromUserId()).isEqualTo("g:team");
        ImClientMessageReceivedEvent ordinary = (ImClientMessageReceivedEvent) published.get(1);
        assertThat(ordinary.isGroupCopy()).isFalse();
        assertThat(ordinary.group()).isNull();
    }
}
