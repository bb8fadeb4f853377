package io.imstarter.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain socket for byte-level tests: writes exactly what it is given, when it is given, and records every byte
 * the server sends and whether the server closed. It can open a WebSocket by hand and parse the server's frames,
 * which the JDK client hides (close frames in particular).
 */
public final class RawSocket implements AutoCloseable {

    /** The WebSocket opcodes these tests use (RFC 6455 section 5.2). */
    public static final int TEXT = 0x1;
    public static final int CLOSE = 0x8;

    private static final int MAX_RECEIVED = 1 << 20;
    private static final byte[] MASK = {0x11, 0x22, 0x33, 0x44};

    private final Socket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private volatile boolean closedByServer;

    public RawSocket(InetSocketAddress server) {
        socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(server, (int) RawClient.TIMEOUT.toMillis());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot connect to " + server, ex);
        }
        Thread reader = new Thread(this::read, "raw-socket-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    /** A socket whose WebSocket upgrade on {@code path} the server has accepted (101). */
    public static RawSocket webSocket(InetSocketAddress server, String path) {
        RawSocket raw = new RawSocket(server);
        raw.write(upgradeRequest(server, path));
        await("WebSocket upgrade accepted").atMost(RawClient.TIMEOUT)
                .until(() -> raw.receivedText().contains("\r\n\r\n"));
        if (!raw.receivedText().startsWith("HTTP/1.1 101")) {
            throw new IllegalStateException("Upgrade refused: " + raw.receivedText());
        }
        return raw;
    }

    public static byte[] upgradeRequest(InetSocketAddress server, String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13"
                + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A masked client frame with the given first-byte bits (FIN, RSV, opcode) and payload. */
    public static byte[] clientFrame(int firstByte, byte[] payload) {
        byte[] header = clientFrameHeader(firstByte, payload.length);
        byte[] frame = Arrays.copyOf(header, header.length + payload.length);
        for (int i = 0; i < payload.length; i++) {
            frame[header.length + i] = (byte) (payload[i] ^ MASK[i % 4]);
        }
        return frame;
    }

    /** The header of a masked client frame announcing {@code length} payload bytes, which may never follow. */
    public static byte[] clientFrameHeader(int firstByte, long length) {
        ByteBuffer header = ByteBuffer.allocate(14).put((byte) firstByte);
        if (length < 126) {
            header.put((byte) (0x80 | length));
        }
        else if (length <= 0xFFFF) {
            header.put((byte) (0x80 | 126)).putShort((short) length);
        }
        else {
            header.put((byte) (0x80 | 127)).putLong(length);
        }
        header.put(MASK);
        return Arrays.copyOf(header.array(), header.position());
    }

    /** Writes the bytes; false when the server already closed the connection. */
    public boolean write(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    public boolean isClosedByServer() {
        return closedByServer;
    }

    public void awaitClosedByServer(Duration atMost) {
        await("server closes the connection").atMost(atMost).until(this::isClosedByServer);
    }

    public byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    public String receivedText() {
        return new String(received(), StandardCharsets.ISO_8859_1);
    }

    /** The frames the server sent after the upgrade response: {opcode, payload}; server frames are not masked. */
    public List<ServerFrame> serverFrames() {
        byte[] bytes = received();
        int at = receivedText().indexOf("\r\n\r\n") + 4;
        List<ServerFrame> frames = new ArrayList<>();
        while (at + 2 <= bytes.length) {
            int opcode = bytes[at] & 0x0F;
            int length = bytes[at + 1] & 0x7F;
            at += 2;
            if (length == 126) {
                length = ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
                at += 2;
            }
            else if (length == 127) {
                length = (int) ByteBuffer.wrap(bytes, at, 8).getLong();
                at += 8;
            }
            frames.add(new ServerFrame(opcode, Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + length))));
            at += length;
        }
        return frames;
    }

    /** One server frame; for a close frame, {@link #closeStatus()} is its status code. */
    public record ServerFrame(int opcode, byte[] payload) {

        public int closeStatus() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // Closing a test socket that is already gone.
        }
    }

    private void read() {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                synchronized (received) {
                    if (received.size() + read > MAX_RECEIVED) {
                        break;
                    }
                    received.write(buffer, 0, read);
                }
            }
            closedByServer = true;
        }
        catch (IOException ex) {
            // A reset by the server is a close too; our own close ends here as well, after which nobody asks.
            closedByServer = true;
        }
    }
}
