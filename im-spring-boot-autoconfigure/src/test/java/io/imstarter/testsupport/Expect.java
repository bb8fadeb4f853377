package io.imstarter.testsupport;

import io.imstarter.protocol.ErrorResponse;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import java.util.Objects;
import java.util.function.Predicate;

/** Packet filters that describe themselves, so a timed-out wait says what it was waiting for. */
public record Expect(String description, Predicate<Packet> test) implements Predicate<Packet> {

    public static Expect type(int type) {
        return new Expect("type " + type, p -> p.type() == type);
    }

    /** A type 52 carrying {@code code}. */
    public static Expect error(int code) {
        return new Expect("52/" + code, p -> p.type() == PacketType.ERROR && errorOf(p).errorCode() == code);
    }

    /** A type 4 acknowledging {@code fp}. */
    public static Expect ackOf(String fp) {
        return new Expect("ACK of " + fp, p -> p.type() == PacketType.ACK && Objects.equals(p.dataContent(), fp));
    }

    /** A type 2 with fingerprint {@code fp}. */
    public static Expect dataWithFp(String fp) {
        return new Expect("type 2 fp=" + fp, p -> p.type() == PacketType.DATA && Objects.equals(p.fp(), fp));
    }

    /** A type 2 whose payload is {@code content}. */
    public static Expect dataWithContent(String content) {
        return new Expect("type 2 '" + abbreviate(content) + "'",
                p -> p.type() == PacketType.DATA && Objects.equals(p.dataContent(), content));
    }

    public static Expect any() {
        return new Expect("any packet", p -> true);
    }

    /** Decodes the ErrorResponse of a type 52, failing the test when it does not decode. */
    public static ErrorResponse errorOf(Packet packet) {
        return payload(packet, ErrorResponse.class);
    }

    /** Decodes a control payload, failing the test when it does not decode. */
    public static <T> T payload(Packet packet, Class<T> type) {
        try {
            return PacketCodec.decodePayload(packet.dataContent(), type);
        }
        catch (MalformedPacketException ex) {
            throw new AssertionError("Type " + packet.type() + " with an unreadable payload: " + packet, ex);
        }
    }

    @Override
    public boolean test(Packet packet) {
        return test.test(packet);
    }

    @Override
    public String toString() {
        return description;
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
