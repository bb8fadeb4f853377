package io.imstarter.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;

/**
 * The body of a read receipt, our extension (wire protocol section 14): a type 2 to "0" with the receipts typeu whose
 * {@code dataContent} names the conversation and the newest message read, "up to and including":
 * {@code {"c":"alice","fp":"<fp>"}} or {@code {"c":"g:42","fp":"<fp>","private":true}}. A client that knows the
 * sequence number may send {@code "seq"} instead of {@code "fp"}.
 *
 * @param conversation the peer's user id, or a group's address
 * @param fp the newest message read, or null when {@code seq} names it
 * @param seq the newest sequence number read, or 0 when {@code fp} names it
 * @param privately whether only the reader's own sessions are told (no notice to the peer or the sender)
 */
public record ReadReceipt(String conversation, String fp, long seq, boolean privately) {

    public static final String CONVERSATION = "c";
    public static final String FP = "fp";
    public static final String SEQ = "seq";
    public static final String PRIVATE = "private";

    /** The JSON a client puts in {@code dataContent}. */
    public String toJson() {
        JsonObject body = new JsonObject();
        body.addProperty(CONVERSATION, conversation);
        if (fp != null) {
            body.addProperty(FP, fp);
        }
        else {
            body.addProperty(SEQ, seq);
        }
        if (privately) {
            body.addProperty(PRIVATE, true);
        }
        return body.toString();
    }

    /** Reads a receipt's {@code dataContent}; refuses anything but a conversation with one fp or positive seq. */
    public static ReadReceipt parse(String dataContent) throws MalformedPacketException {
        JsonObject body = object(dataContent, "read receipt");
        String conversation = text(body, CONVERSATION);
        if (conversation == null || conversation.isEmpty()) {
            throw new MalformedPacketException("A read receipt needs the conversation in \"c\"");
        }
        String fp = text(body, FP);
        long seq = number(body, SEQ);
        if ((fp == null || fp.isEmpty()) && seq < 1) {
            throw new MalformedPacketException("A read receipt needs the newest message read in \"fp\" (or a"
                    + " positive \"seq\")");
        }
        JsonElement privately = body.get(PRIVATE);
        if (privately != null && !(privately.isJsonPrimitive() && privately.getAsJsonPrimitive().isBoolean())) {
            throw new MalformedPacketException("\"private\" of a read receipt must be true or false");
        }
        return new ReadReceipt(conversation, fp == null || fp.isEmpty() ? null : fp, seq,
                privately != null && privately.getAsBoolean());
    }

    static JsonObject object(String json, String what) throws MalformedPacketException {
        if (json == null || json.isEmpty()) {
            throw new MalformedPacketException("A " + what + " needs a JSON object in dataContent");
        }
        try {
            JsonElement parsed = JsonParser.parseString(json);
            if (!parsed.isJsonObject()) {
                throw new MalformedPacketException("A " + what + " must be a JSON object");
            }
            return parsed.getAsJsonObject();
        }
        catch (JsonSyntaxException ex) {
            throw new MalformedPacketException("A " + what + " must be a JSON object: " + ex.getMessage(), ex);
        }
    }

    static String text(JsonObject body, String key) throws MalformedPacketException {
        JsonElement value = body.get(key);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new MalformedPacketException("\"" + key + "\" must be a string");
        }
        return value.getAsString();
    }

    static long number(JsonObject body, String key) throws MalformedPacketException {
        JsonElement value = body.get(key);
        if (value == null || value.isJsonNull()) {
            return 0;
        }
        JsonPrimitive primitive = value.isJsonPrimitive() ? value.getAsJsonPrimitive() : null;
        if (primitive == null || !primitive.isNumber()) {
            throw new MalformedPacketException("\"" + key + "\" must be a number");
        }
        try {
            return primitive.getAsBigDecimal().longValueExact();
        }
        catch (ArithmeticException ex) {
            throw new MalformedPacketException("\"" + key + "\" must be a whole number", ex);
        }
    }
}
