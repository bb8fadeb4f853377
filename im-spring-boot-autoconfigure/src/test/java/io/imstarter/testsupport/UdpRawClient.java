package io.imstarter.testsupport;

import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.ErrorCode;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/** A raw UDP client: one datagram per packet, read into a 64 KiB buffer so nothing the server sends is cut. */
public final class UdpRawClient implements RawClient {

    private static final int RECEIVE_BUFFER = 64 * 1024;

    private final DatagramSocket socket;
    private final Inbox inbox = new Inbox();

    public UdpRawClient(InetSocketAddress server) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.connect(server);
        }
        catch (SocketException ex) {
            throw new UncheckedIOException("Cannot open a UDP socket to " + server, ex);
        }
        Thread reader = new Thread(this::readDatagrams, "raw-udp-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public Transport transport() {
        return Transport.UDP;
    }

    @Override
    public void sendText(String text) {
        sendBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void sendBytes(byte[] bytes) {
        try {
            socket.send(new DatagramPacket(bytes, bytes.length));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("UDP send failed", ex);
        }
    }

    @Override
    public Inbox inbox() {
        return inbox;
    }

    /** Only we can close a UDP socket; see {@link #awaitClosedByServer()} for the server's side. */
    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    /** Probes with a type 1 until one is answered with 52/301: the server no longer knows this peer. */
    @Override
    public void awaitClosedByServer() {
        await("UDP peer forgotten by the server").atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            send(Wire.keepAlive(UserIds.UNKNOWN));
            return inbox.poll(Expect.error(ErrorCode.NOT_LOGGED_IN), Duration.ofMillis(300)) != null;
        });
    }

    /** The largest datagram the server sent to this client. */
    public int largestDatagram() {
        return inbox.all().stream().mapToInt(Received::sizeBytes).max().orElse(0);
    }

    @Override
    public void close() {
        socket.close();
    }

    private void readDatagrams() {
        byte[] buffer = new byte[RECEIVE_BUFFER];
        while (!socket.isClosed()) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
                inbox.add(Arrays.copyOf(datagram.getData(), datagram.getLength()), System.nanoTime());
            }
            catch (PortUnreachableException ex) {
                // ICMP from a stopped server; keep reading like a stock client does.
            }
            catch (IOException ex) {
                break;
            }
        }
        inbox.markClosed();
    }
}
