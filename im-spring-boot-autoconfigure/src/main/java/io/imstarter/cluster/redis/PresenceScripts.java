package io.imstarter.cluster.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/** The Lua scripts that keep presence decisions atomic in Redis, each one round trip. */
final class PresenceScripts {

    static final RedisScript<List> CLAIM = script("claim.lua", List.class);
    static final RedisScript<Long> RELEASE = script("release.lua", Long.class);
    static final RedisScript<Long> ROUTE = script("route.lua", Long.class);
    static final RedisScript<List> HEARTBEAT = script("heartbeat.lua", List.class);

    private PresenceScripts() {
    }

    /**
     * Read once: a script made from a resource checks the file's modification time, under one lock shared by every
     * caller, on each execution, which made every routed message wait for a file system call and for each other.
     */
    private static <T> RedisScript<T> script(String name, Class<T> type) {
        try {
            return RedisScript.of(new ClassPathResource(name, PresenceScripts.class)
                    .getContentAsString(StandardCharsets.UTF_8), type);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the cluster script " + name, ex);
        }
    }

    /** A multi-bulk script reply as strings, whether the driver emitted it as one list or element by element. */
    static List<String> strings(List<?> reply) {
        List<String> strings = new ArrayList<>();
        for (Object element : reply) {
            if (element instanceof List<?> nested) {
                strings.addAll(strings(nested));
            }
            else if (element instanceof byte[] bytes) {
                strings.add(new String(bytes, StandardCharsets.UTF_8));
            }
            else if (element instanceof ByteBuffer buffer) {
                strings.add(StandardCharsets.UTF_8.decode(buffer.duplicate()).toString());
            }
            else {
                strings.add(String.valueOf(element));
            }
        }
        return strings;
    }
}
