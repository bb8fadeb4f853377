package io.imstarter.testsupport;

import io.imstarter.protocol.LoginInfo;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.UserIds;

/** The packets a stock client sends, built the way MobileIMSDK builds them. */
public final class Wire {

    private Wire() {
    }

    public static Packet login(String userId, String token, long firstLoginTime) {
        return Packet.control(PacketType.LOGIN,
                PacketCodec.encodePayload(new LoginInfo(userId, token, null, firstLoginTime)), userId, UserIds.SERVER);
    }

    public static Packet keepAlive(String userId) {
        return Packet.control(PacketType.KEEP_ALIVE, "{}", userId, UserIds.SERVER);
    }

    public static Packet logout(String userId) {
        return Packet.control(PacketType.LOGOUT, null, userId, UserIds.SERVER);
    }

    /** A type 2 from {@code from} to {@code to}; QoS ones get a fresh fingerprint. */
    public static Packet data(String from, String to, String content, boolean qos) {
        return Packet.of(PacketType.DATA, content, from, to, null, qos, 0);
    }

    /** A type 2 to the server. */
    public static Packet c2s(String from, String content, boolean qos) {
        return data(from, UserIds.SERVER, content, qos);
    }

    /** The type 4 a receiver sends for {@code fp}. */
    public static Packet ack(String from, String to, String fp) {
        return Packet.control(PacketType.ACK, fp, from, to);
    }

    public static Packet echo(String from, String content) {
        return Packet.of(PacketType.ECHO, content, from, UserIds.SERVER, null, false, 3);
    }

    /** The exact bytes of the spec's {@code ka reply} example for {@code userId}. */
    public static String keepAliveReplyText(String userId) {
        return "{\"bridge\":false,\"type\":51,\"dataContent\":\"{}\",\"from\":\"0\",\"to\":\"" + userId
                + "\",\"QoS\":false,\"typeu\":-1,\"sm\":-1}";
    }

    /** A type 2 to {@code to} whose encoding is exactly {@code size} bytes. */
    public static Packet dataOfSize(String from, String to, int size, boolean qos) {
        Packet empty = data(from, to, "", qos);
        int overhead = PacketCodec.encodeToBytes(empty).length;
        if (size < overhead) {
            throw new IllegalArgumentException("A type 2 needs at least " + overhead + " bytes, asked for " + size);
        }
        return new Packet(false, PacketType.DATA, "x".repeat(size - overhead), from, to, empty.fp(), qos, 0,
                Packet.UNSET);
    }
}
