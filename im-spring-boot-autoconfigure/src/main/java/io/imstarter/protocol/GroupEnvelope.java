package io.imstarter.protocol;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A member's copy of a group message: an ordinary envelope (section 2) followed by two keys that stock clients skip
 * as unknown, {@value #SENDER} (the member who sent it) and {@value #SEQ} (its place in the group's order).
 */
public final class GroupEnvelope {

    public static final String SENDER = "sender";

    public static final String SEQ = "seq";

    private static final Gson GSON = new Gson();

    private GroupEnvelope() {
    }

    /** The copy as a packet that remembers its body, the envelope with the two extra keys, which is what is sent. */
    public static Packet copy(Packet envelope, String sender, long seq) {
        byte[] standard = EnvelopeWriter.write(envelope);
        byte[] extra = (",\"" + SENDER + "\":" + GSON.toJson(sender) + ",\"" + SEQ + "\":" + seq + "}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(standard, standard.length - 1 + extra.length);
        System.arraycopy(extra, 0, body, standard.length - 1, extra.length);
        return new Packet(envelope.bridge(), envelope.type(), envelope.dataContent(), envelope.from(), envelope.to(),
                envelope.fp(), envelope.qos(), envelope.typeu(), envelope.sm(), body);
    }

    /**
     * The sender and sequence number of a received body, or null when it carries none (not a group copy).
     */
    public static Copy read(String body) {
        try {
            JsonElement parsed = JsonParser.parseString(body);
            if (!parsed.isJsonObject()) {
                return null;
            }
            JsonObject object = parsed.getAsJsonObject();
            if (!object.has(SENDER) || !object.has(SEQ)) {
                return null;
            }
            return new Copy(object.get(SENDER).getAsString(), object.get(SEQ).getAsLong());
        }
        catch (JsonSyntaxException | IllegalStateException | UnsupportedOperationException
                | NumberFormatException ex) {
            return null;
        }
    }

    /** What a copy adds to its envelope. */
    public record Copy(String sender, long seq) {
    }
}
