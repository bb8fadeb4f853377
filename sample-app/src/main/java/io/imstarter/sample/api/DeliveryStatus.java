package io.imstarter.sample.api;

/** Where a sent message stands when the REST call answers. */
enum DeliveryStatus {
    /** The receiver acknowledged it (QoS). */
    ACKNOWLEDGED,
    /** No ACK within the sample's wait; QoS goes on retrying in the background. */
    PENDING,
    /** QoS ran out of retries without an ACK. */
    LOST,
    /** The send failed before QoS could help (see the detail). */
    FAILED,
    /** Written without QoS: nobody acknowledges it. */
    SENT
}
