package io.imstarter.client;

import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.ReadNotice;
import io.imstarter.protocol.UserIds;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the read notices the server pushes (wire protocol section 14: a type 2 from "0" with the receipts typeu) to
 * a callback: a peer read this client's messages, or another session of this user read a conversation. Add it to a
 * client with {@link ImClient#addListener}; other messages pass it by.
 */
public final class ReadNoticeListener implements ImClientListener {

    private static final Logger log = LoggerFactory.getLogger(ReadNoticeListener.class);

    private final int typeu;
    private final BiConsumer<String, ReadNotice> onNotice;

    /**
     * @param typeu the server's {@code im.receipts.typeu}
     * @param onNotice called with the client's user id and the notice, on the client's callback executor
     */
    public ReadNoticeListener(int typeu, BiConsumer<String, ReadNotice> onNotice) {
        this.typeu = typeu;
        this.onNotice = onNotice;
    }

    @Override
    public void onMessage(String userId, Packet message) {
        if (!UserIds.SERVER.equals(message.from()) || message.typeu() != typeu) {
            return;
        }
        try {
            onNotice.accept(userId, ReadNotice.parse(message.dataContent()));
        }
        catch (MalformedPacketException ex) {
            log.warn("IM client {} ignored a read notice it cannot read: {}", userId, ex.getMessage());
        }
    }
}
