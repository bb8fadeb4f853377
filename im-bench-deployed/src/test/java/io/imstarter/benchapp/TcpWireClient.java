package io.imstarter.benchapp;

import io.imstarter.protocol.LoginInfo;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.UserIds;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.time.Duration;

/** A blocking TCP client that speaks the wire protocol byte for byte, as a stock MobileIMSDK client does. */
final class TcpWireClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final String userId;

    TcpWireClient(int port, String userId) throws Exception {
        this.socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
        this.userId = userId;
    }

    /** Logs in with {@code token} and returns the server's answer code. */
    int login(String token) throws Exception {
        write(Packet.control(PacketType.LOGIN, PacketCodec.encodePayload(new LoginInfo(userId, token, null, 0)),
                userId, UserIds.SERVER));
        Packet answer = read();
        return PacketCodec.decodePayload(answer.dataContent(), LoginResponse.class).code();
    }

    /** Sends a QoS message to {@code to} and returns its fingerprint. */
    String sendQos(String to, String content) throws Exception {
        String fp = Packet.newFingerprint();
        write(Packet.of(PacketType.DATA, content, userId, to, fp, true, 0));
        return fp;
    }

    void ack(Packet received) throws Exception {
        write(received.ackFrom(userId));
    }

    Packet read() throws Exception {
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return PacketCodec.decode(body);
    }

    private void write(Packet packet) throws Exception {
        byte[] body = PacketCodec.encodeToBytes(packet);
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    @Override
    public void close() throws Exception {
        socket.close();
    }
}
