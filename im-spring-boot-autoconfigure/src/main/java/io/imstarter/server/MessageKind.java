package io.imstarter.server;

/** Kinds of type 2 and type 4 traffic, for statistics. */
public enum MessageKind {
    /** Client to server. */
    C2S,
    /** Client to client, relayed. */
    C2C,
    /** Server to client. */
    S2C,
    /** Acknowledgements. */
    ACK
}
