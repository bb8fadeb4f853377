package io.imstarter.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw WebSocket IM user that logs in and then never acknowledges anything: a receiver gone silent. */
final class SilentWebSocketUser implements AutoCloseable {

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>(1000);
    private final WebSocket socket;

    /** Logs in with a token from {@code /api/token}; a JWT holds no character that needs escaping in JSON. */
    SilentWebSocketUser(int port, String userId, String token) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/websocket"), new Collector()).join();
        String login = "{\\\"loginUserId\\\":\\\"" + userId + "\\\",\\\"loginToken\\\":\\\"" + token + "\\\","
                + "\\\"firstLoginTime\\\":0}";
        socket.sendText("{\"type\":0,\"dataContent\":\"" + login + "\",\"from\":\"" + userId + "\",\"to\":\"0\"}",
                true).join();
    }

    /** The next packet whose JSON contains {@code fragment}, skipping others; null when none comes in time. */
    String awaitPacketContaining(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            String packet = received.poll(left, TimeUnit.NANOSECONDS);
            if (packet != null && packet.contains(fragment)) {
                return packet;
            }
        }
        return null;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.offer(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
