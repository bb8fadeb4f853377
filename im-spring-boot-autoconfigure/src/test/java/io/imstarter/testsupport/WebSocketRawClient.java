package io.imstarter.testsupport;

import io.imstarter.protocol.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A raw WebSocket client on the JDK's {@link WebSocket}: one text message per packet, fragments reassembled. */
public final class WebSocketRawClient implements RawClient {

    /** One HTTP client for all test connections: it is thread-safe and each instance owns threads. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Far more than the server may send in one message; a longer one means the server is broken. */
    private static final int MAX_MESSAGE_CHARS = 1 << 20;

    private final Inbox inbox = new Inbox();
    private final List<ByteBuffer> pongs = new CopyOnWriteArrayList<>();
    private final WebSocket webSocket;

    public WebSocketRawClient(URI uri) {
        webSocket = join(HTTP.newWebSocketBuilder().buildAsync(uri, new Receiver()), "connect to " + uri);
    }

    @Override
    public Transport transport() {
        return Transport.WEBSOCKET;
    }

    @Override
    public synchronized void sendText(String text) {
        join(webSocket.sendText(text, true), "send a text message");
    }

    /** Sends one binary message. */
    @Override
    public synchronized void sendBytes(byte[] bytes) {
        join(webSocket.sendBinary(ByteBuffer.wrap(bytes), true), "send a binary message");
    }

    /** Sends one text message in several frames, to check that the server reassembles fragments. */
    public synchronized void sendFragmented(String text, int pieces) {
        int step = Math.max(1, text.length() / pieces);
        for (int start = 0; start < text.length(); start += step) {
            int end = Math.min(text.length(), start + step);
            join(webSocket.sendText(text.substring(start, end), end == text.length()), "send a fragment");
        }
    }

    /** Sends one fragment of a text message; {@code last} ends the message. */
    public synchronized void sendFragment(String text, boolean last) {
        join(webSocket.sendText(text, last), "send a fragment");
    }

    /** Sends a ping with {@code payload}; see {@link #pongs()} for the answers. */
    public synchronized void ping(byte[] payload) {
        join(webSocket.sendPing(ByteBuffer.wrap(payload)), "send a ping");
    }

    /** The payloads of the pongs received so far. */
    public List<byte[]> pongs() {
        return pongs.stream().map(buffer -> {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }).toList();
    }

    @Override
    public Inbox inbox() {
        return inbox;
    }

    @Override
    public void close() {
        webSocket.abort();
        inbox.markClosed();
    }

    private static <T> T join(CompletableFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("WebSocket could not " + what + ": " + ex.getCause(), ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new IllegalStateException("WebSocket could not " + what + " within " + TIMEOUT, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + what, ex);
        }
    }

    /** Collects text fragments into messages; the server must never send binary, so binary is recorded raw. */
    private final class Receiver implements WebSocket.Listener {

        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            if (message.length() + data.length() > MAX_MESSAGE_CHARS) {
                // Far beyond the server's 64 KiB limit: stop reading rather than buffer without bound.
                socket.abort();
                inbox.markClosed();
                return null;
            }
            message.append(data);
            if (last) {
                inbox.add(message.toString().getBytes(StandardCharsets.UTF_8), System.nanoTime());
                message.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            inbox.add(bytes, System.nanoTime());
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
            ByteBuffer copy = ByteBuffer.allocate(message.remaining()).put(message).flip();
            pongs.add(copy);
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            inbox.markClosed();
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            inbox.markClosed();
        }
    }
}
