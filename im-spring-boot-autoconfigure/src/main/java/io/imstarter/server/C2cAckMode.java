package io.imstarter.server;

/** When the sender of a QoS C2C message gets its ACK (wire protocol section 9.5). */
public enum C2cAckMode {
    /** End-to-end: the receiver's own ACK is forwarded, or a pseudo-ACK once the offline store accepted it. */
    RECEIVER,
    /** MobileIMSDK's behaviour: a pseudo-ACK as soon as the write to the receiver succeeded. */
    SERVER
}
