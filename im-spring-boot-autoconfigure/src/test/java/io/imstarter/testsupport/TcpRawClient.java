package io.imstarter.testsupport;

import io.imstarter.protocol.Transport;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;

/** A raw TCP client: 4-byte unsigned big-endian length header plus body, read by its own thread. */
public final class TcpRawClient implements RawClient {

    /** Larger than any legal server frame; a header beyond it means the stream is out of sync. */
    private static final long MAX_ACCEPTED_BODY = 1 << 20;

    private final Socket socket;
    private final OutputStream out;
    private final Inbox inbox = new Inbox();

    public TcpRawClient(InetSocketAddress server) {
        this(new Socket(), server);
    }

    /** A client of a server on 127.0.0.1. */
    public TcpRawClient(int localPort) {
        this(new InetSocketAddress("127.0.0.1", localPort));
    }

    /** Over TLS to a server on 127.0.0.1; the handshake runs when the reader starts. */
    public static TcpRawClient tls(int localPort, SSLContext tls) {
        try {
            return new TcpRawClient(tls.getSocketFactory().createSocket(),
                    new InetSocketAddress("127.0.0.1", localPort));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot create a TLS socket", ex);
        }
    }

    private TcpRawClient(Socket socket, InetSocketAddress server) {
        this.socket = socket;
        try {
            socket.setTcpNoDelay(true);
            socket.connect(server, (int) TIMEOUT.toMillis());
            out = socket.getOutputStream();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot connect to " + server, ex);
        }
        Thread reader = new Thread(this::readFrames, "raw-tcp-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    /** The header and body the server expects for {@code body}. */
    public static byte[] frame(byte[] body) {
        return header(body.length, body);
    }

    /** A header announcing {@code declaredLength} followed by {@code body}, which may be shorter or longer. */
    public static byte[] header(long declaredLength, byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt((int) declaredLength).put(body).array();
    }

    @Override
    public Transport transport() {
        return Transport.TCP;
    }

    @Override
    public void sendText(String text) {
        sendBytes(frame(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void sendBytes(byte[] bytes) {
        synchronized (out) {
            try {
                out.write(bytes);
                out.flush();
            }
            catch (IOException ex) {
                throw new UncheckedIOException("TCP write failed", ex);
            }
        }
    }

    @Override
    public Inbox inbox() {
        return inbox;
    }

    @Override
    public void close() {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // Closing a test socket twice or after a reset is harmless.
        }
    }

    private void readFrames() {
        try (DataInputStream in = new DataInputStream(socket.getInputStream())) {
            while (true) {
                long length = Integer.toUnsignedLong(in.readInt());
                if (length > MAX_ACCEPTED_BODY) {
                    throw new IOException("Server frame header claims " + length + " bytes");
                }
                byte[] body = new byte[(int) length];
                in.readFully(body);
                inbox.add(body, System.nanoTime());
            }
        }
        catch (IOException ex) {
            // EOF or reset: the connection is over either way.
        }
        finally {
            inbox.markClosed();
        }
    }
}
