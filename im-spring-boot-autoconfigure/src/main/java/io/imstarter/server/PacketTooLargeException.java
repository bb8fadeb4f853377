package io.imstarter.server;

/** A packet exceeds the receiving transport's outbound limit, so it was not written (section 5). */
public class PacketTooLargeException extends RuntimeException {

    public PacketTooLargeException(int size, int limit, String transport) {
        super("The packet is " + size + " bytes, over the " + transport + " outbound limit of " + limit + " bytes");
    }
}
