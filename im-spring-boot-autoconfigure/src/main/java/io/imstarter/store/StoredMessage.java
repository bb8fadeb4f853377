package io.imstarter.store;

/**
 * One message held by a {@link MessageStore}, immutable.
 *
 * @param id the store-wide position, growing with each new message; the cursor of {@link MessageStore#history}
 * @param seq the receiver's sequence number: it only grows, and replay follows it
 * @param receiver the user the message is for
 * @param sender the user who sent it
 * @param fp the sender's fingerprint (message id); unique per {@code (receiver, sender)}
 * @param content the payload ({@code dataContent} on the wire)
 * @param typeu the application sub-type, passed through
 * @param acceptedAt when the store accepted it, in epoch milliseconds ({@code sm} on the wire, section 10)
 * @param delivered whether the receiver acknowledged it
 */
public record StoredMessage(long id, long seq, String receiver, String sender, String fp, String content, int typeu,
        long acceptedAt, boolean delivered) {
}
