package io.imstarter.test;

import io.imstarter.protocol.Transport;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One raw connection of an {@link ImRawClient}, on the JDK's own sockets and WebSocket client, so the bytes on the
 * wire are exactly the test's: TCP frames with the 4-byte big-endian length, one datagram per packet on UDP, one
 * text message per packet on WebSocket (section 5 of the wire protocol). Received bodies go to the consumer.
 */
abstract class RawLink {

    /** A stock UDP client reads into 1024 bytes; read more, so that an oversized datagram shows as what it is. */
    private static final int MAX_DATAGRAM = 65_536;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final Transport transport;

    RawLink(Transport transport) {
        this.transport = transport;
    }

    /**
     * @param inbound receives each packet's body
     * @param closed runs when the connection ends (TCP and WebSocket: the server or the test closed it)
     */
    static RawLink open(Transport transport, String host, int port, String websocketPath, Consumer<String> inbound,
            Runnable closed) {
        try {
            return switch (transport) {
                case TCP -> new Tcp(new Socket(host, port), inbound, closed);
                case UDP -> new Udp(host, port, inbound);
                case WEBSOCKET -> new Ws(URI.create("ws://" + host + ":" + port + websocketPath), inbound, closed);
            };
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not connect a raw " + transport + " client to " + host + ":" + port,
                    ex);
        }
    }

    Transport transport() {
        return transport;
    }

    abstract void write(String json);

    abstract void close();

    static Thread reader(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static final class Tcp extends RawLink {

        private final Socket socket;
        private final DataOutputStream out;

        Tcp(Socket socket, Consumer<String> inbound, Runnable closed) throws IOException {
            super(Transport.TCP);
            this.socket = socket;
            socket.setTcpNoDelay(true);
            this.out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            reader("im-raw-tcp-reader", () -> {
                try {
                    while (true) {
                        byte[] body = new byte[in.readInt()];
                        in.readFully(body);
                        inbound.accept(new String(body, StandardCharsets.UTF_8));
                    }
                }
                catch (IOException endOfStream) {
                    closed.run();
                }
            });
        }

        @Override
        synchronized void write(String json) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            try {
                out.writeInt(body.length);
                out.write(body);
                out.flush();
            }
            catch (IOException ex) {
                throw new UncheckedIOException("The raw TCP client could not write", ex);
            }
        }

        @Override
        void close() {
            try {
                socket.close();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private static final class Udp extends RawLink {

        private final DatagramSocket socket;

        Udp(String host, int port, Consumer<String> inbound) throws SocketException {
            super(Transport.UDP);
            this.socket = new DatagramSocket();
            socket.connect(new InetSocketAddress(host, port));
            reader("im-raw-udp-reader", () -> {
                byte[] buffer = new byte[MAX_DATAGRAM];
                try {
                    while (true) {
                        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
                        socket.receive(datagram);
                        inbound.accept(new String(buffer, 0, datagram.getLength(), StandardCharsets.UTF_8));
                    }
                }
                catch (IOException closed) {
                    // The test closed the socket.
                }
            });
        }

        @Override
        void write(String json) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            try {
                socket.send(new DatagramPacket(body, body.length));
            }
            catch (IOException ex) {
                throw new UncheckedIOException("The raw UDP client could not send", ex);
            }
        }

        @Override
        void close() {
            socket.close();
        }
    }

    private static final class Ws extends RawLink {

        private final WebSocket webSocket;

        Ws(URI uri, Consumer<String> inbound, Runnable closed) throws IOException {
            super(Transport.WEBSOCKET);
            HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
            try {
                this.webSocket = http.newWebSocketBuilder().buildAsync(uri, new Assembler(inbound, closed)).get(
                        CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (Exception ex) {
                throw new IOException("WebSocket handshake with " + uri + " failed", ex);
            }
        }

        @Override
        void write(String json) {
            webSocket.sendText(json, true).join();
        }

        @Override
        void close() {
            webSocket.abort();
        }
    }

    /** Joins the parts of one text message; one message is one packet. */
    private static final class Assembler implements WebSocket.Listener {

        private final Consumer<String> inbound;
        private final Runnable closed;
        private final StringBuilder message = new StringBuilder();

        Assembler(Consumer<String> inbound, Runnable closed) {
            this.inbound = inbound;
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.run();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.run();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                inbound.accept(message.toString());
                message.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
