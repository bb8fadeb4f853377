package io.imstarter.client;

import io.imstarter.protocol.LoginInfo;
import io.imstarter.protocol.MalformedPacketException;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import io.imstarter.protocol.PacketType;
import io.imstarter.protocol.UserIds;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A bare TCP peer speaking the wire protocol by hand: it logs in, then only records what arrives and never
 * acknowledges anything, like a receiver whose app died behind a live socket.
 */
final class RawTcpPeer implements AutoCloseable {

    final BlockingQueue<Packet> received = new LinkedBlockingQueue<>();
    private final Socket socket;
    private final DataOutputStream out;
    private final Thread reader;

    RawTcpPeer(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        out = new DataOutputStream(socket.getOutputStream());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        reader = new Thread(() -> readUntilClosed(in), "raw-peer-reader");
        reader.setDaemon(true);
        reader.start();
    }

    void login(String userId) throws IOException {
        String payload = PacketCodec.encodePayload(new LoginInfo(userId, "tk", null, 0));
        write(Packet.control(PacketType.LOGIN, payload, userId, UserIds.SERVER));
    }

    synchronized void write(Packet packet) throws IOException {
        byte[] body = PacketCodec.encodeToBytes(packet);
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    private void readUntilClosed(DataInputStream in) {
        try {
            while (true) {
                byte[] body = new byte[in.readInt()];
                in.readFully(body);
                received.add(PacketCodec.decode(body));
            }
        }
        catch (IOException | MalformedPacketException ex) {
            // Closed: the test is over or the server hung up.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
