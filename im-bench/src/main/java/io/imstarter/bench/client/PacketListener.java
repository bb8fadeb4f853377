package io.imstarter.bench.client;

import io.imstarter.protocol.Packet;

/** What a scenario does with inbound packets; called on the connection's event loop, so it must not block. */
@FunctionalInterface
public interface PacketListener {

    PacketListener IGNORE = (connection, packet) -> { };

    void onPacket(LeanConnection connection, Packet packet);
}
