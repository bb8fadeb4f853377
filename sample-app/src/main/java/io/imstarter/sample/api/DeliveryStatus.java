package io.imstarter.sample.api;

/** Where a sent message stands when the REST call answers. */
enum DeliveryStatus {
    /** The receiver acknowledged it (QoS). */
    ACKNOWLEDGED,
    /**
     * The receiver is offline: the server's message store committed the message and the server acknowledged it on
     * the receiver's behalf. It is delivered when the receiver logs in.
     */
    STORED,
    /** No ACK within the sample's wait; QoS goes on retrying in the background. */
    PENDING,
    /** QoS ran out of retries without an ACK. */
    LOST,
    /** The send failed before QoS could help (see the detail). */
    FAILED,
    /** Written without QoS: nobody acknowledges it. */
    SENT
}
