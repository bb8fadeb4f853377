package io.imstarter.protocol;

import com.google.gson.JsonObject;

/**
 * What the server pushes when a read pointer moves, our extension (wire protocol section 14): a type 2 from "0" with
 * the receipts typeu, without QoS and never stored, whose {@code dataContent} is
 * {@code {"c":"<conversation as the addressee names it>","reader":"bob","fp":"<fp>","seq":30}}: everything in the
 * conversation up to and including {@code fp} was read by {@code reader}.
 *
 * @param conversation the peer's user id (the reader, for the peer; the peer, for the reader's other sessions), or
 *        a group's address
 * @param reader the user who read
 * @param fp the newest message read
 * @param seq its sequence number in the reader's conversation (the group's, or the reader's own for C2C)
 */
public record ReadNotice(String conversation, String reader, String fp, long seq) {

    public static final String READER = "reader";

    public String toJson() {
        JsonObject body = new JsonObject();
        body.addProperty(ReadReceipt.CONVERSATION, conversation);
        body.addProperty(READER, reader);
        body.addProperty(ReadReceipt.FP, fp);
        body.addProperty(ReadReceipt.SEQ, seq);
        return body.toString();
    }

    public static ReadNotice parse(String dataContent) throws MalformedPacketException {
        JsonObject body = ReadReceipt.object(dataContent, "read notice");
        String conversation = ReadReceipt.text(body, ReadReceipt.CONVERSATION);
        String reader = ReadReceipt.text(body, READER);
        String fp = ReadReceipt.text(body, ReadReceipt.FP);
        if (conversation == null || reader == null || fp == null) {
            throw new MalformedPacketException("A read notice needs \"c\", \"reader\" and \"fp\"");
        }
        return new ReadNotice(conversation, reader, fp, ReadReceipt.number(body, ReadReceipt.SEQ));
    }
}
