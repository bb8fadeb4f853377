package io.imstarter.server.netty;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.lang.reflect.Field;

/**
 * What a decoder holds between reads, read from the outside: Netty keeps a {@link ByteToMessageDecoder}'s
 * cumulation in a protected field that only its own package and subclasses see, and our decoders rightly do not
 * publish it.
 */
final class Buffered {

    private Buffered() {
    }

    /** The bytes waiting in the decoder's cumulation buffer. */
    static int bytesIn(ByteToMessageDecoder decoder) {
        ByteBuf cumulation = (ByteBuf) field(ByteToMessageDecoder.class, "cumulation", decoder);
        return cumulation == null ? 0 : cumulation.readableBytes();
    }

    /** The bytes of the message the WebSocket assembler is putting together. */
    static int bytesIn(WebSocketMessageAssembler assembler) {
        ByteBuf text = (ByteBuf) field(WebSocketMessageAssembler.class, "text", assembler);
        return text == null ? 0 : text.readableBytes();
    }

    private static Object field(Class<?> type, String name, Object target) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(target);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("Cannot read " + type.getSimpleName() + "." + name, ex);
        }
    }
}
