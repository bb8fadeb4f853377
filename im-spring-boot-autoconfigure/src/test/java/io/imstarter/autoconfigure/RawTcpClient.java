package io.imstarter.autoconfigure;

import io.imstarter.protocol.LoginInfo;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** A minimal blocking TCP client speaking the wire protocol byte by byte: 4-byte length header, JSON body. */
final class RawTcpClient implements AutoCloseable {

    private final Socket socket;

    private final DataInputStream in;

    private final DataOutputStream out;

    RawTcpClient(int port) throws IOException {
        this(new Socket(), port);
    }

    /** Over TLS: the handshake runs on the first write. */
    static RawTcpClient tls(int port, SSLContext tls) throws IOException {
        return new RawTcpClient(tls.getSocketFactory().createSocket(), port);
    }

    private RawTcpClient(Socket socket, int port) throws IOException {
        this.socket = socket;
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    /** Logs in and returns the server's type 50. */
    Packet login(String userId) throws IOException {
        write(Packet.control(PacketType.LOGIN, PacketCodec.encodePayload(new LoginInfo(userId, "token", null, 0)),
                userId, "0"));
        return readType(PacketType.LOGIN_RESPONSE);
    }

    void write(Packet packet) throws IOException {
        byte[] body = PacketCodec.encodeToBytes(packet);
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    /** Reads packets until one of the type arrives; fails after the socket timeout. */
    Packet readType(int type) throws IOException {
        while (true) {
            Packet packet = read();
            if (packet.type() == type) {
                return packet;
            }
        }
    }

    Packet read() throws IOException {
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        try {
            return PacketCodec.decode(body);
        }
        catch (MalformedPacketException ex) {
            throw new IOException("the server sent a malformed packet", ex);
        }
    }

    /** Whether the server closes the connection within the timeout (reads and discards until then). */
    boolean closedWithin(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            while (in.read() >= 0) {
                // discard whatever the server still sends
            }
            return true;
        }
        catch (SocketTimeoutException ex) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
