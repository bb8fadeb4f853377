package io.imstarter.testsupport;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.PacketCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile TCP client that never reads its socket. It logs in and then either writes one packet over and over as
 * fast as the socket takes it (a flooder), or writes a keep-alive once a second and nothing else (a sink that
 * others flood). When the server closes it, it counts the close and connects again, until {@link #close()}.
 */
public final class NonReadingClient implements AutoCloseable {

    private static final int FRAMES_PER_WRITE = 200;
    private static final int SMALL_RECEIVE_BUFFER = 8 * 1024;
    private static final Duration SINK_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(1);

    private final InetSocketAddress server;
    private final String userId;
    private final byte[] frames;
    private final int framesPerWrite;
    private final Duration writeInterval;
    private final Duration reconnectPause;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicInteger closes = new AtomicInteger();
    private final AtomicLong packetsWritten = new AtomicLong();
    private final Thread thread;
    private volatile Socket socket;

    private NonReadingClient(InetSocketAddress server, String userId, Packet packet, int framesPerWrite,
            Duration writeInterval, Duration reconnectPause) {
        this.server = server;
        this.userId = userId;
        this.frames = repeat(TcpRawClient.frame(PacketCodec.encodeToBytes(packet)), framesPerWrite);
        this.framesPerWrite = framesPerWrite;
        this.writeInterval = writeInterval;
        this.reconnectPause = reconnectPause;
        this.thread = new Thread(this::run, "non-reading-" + userId);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Logs in as {@code userId}, then writes {@code packet} at full speed; reconnects {@code pause} after a close. */
    public static NonReadingClient flooding(InetSocketAddress server, String userId, Packet packet, Duration pause) {
        return new NonReadingClient(server, userId, packet, FRAMES_PER_WRITE, Duration.ZERO, pause);
    }

    /**
     * Logs in as {@code userId} with a small receive buffer and then only writes a keep-alive a second, which shows
     * a close within two seconds; reconnects {@code pause} after a close.
     */
    public static NonReadingClient sink(InetSocketAddress server, String userId, Duration pause) {
        return new NonReadingClient(server, userId, Wire.keepAlive(userId), 1, SINK_KEEP_ALIVE_INTERVAL, pause);
    }

    /** How often the server closed this client so far. */
    public int closesSeen() {
        return closes.get();
    }

    public long packetsWritten() {
        return packetsWritten.get();
    }

    @Override
    public void close() {
        stopped.countDown();
        closeSocket();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (stopped.getCount() > 0) {
            try (Socket connection = new Socket()) {
                socket = connection;
                connection.setReceiveBufferSize(SMALL_RECEIVE_BUFFER);
                connection.connect(server, (int) RawClient.TIMEOUT.toMillis());
                OutputStream out = connection.getOutputStream();
                out.write(TcpRawClient.frame(PacketCodec.encodeToBytes(Wire.login(userId, "token", 0))));
                do {
                    out.write(frames);
                    packetsWritten.addAndGet(framesPerWrite);
                }
                while (!awaitStop(writeInterval));
            }
            catch (IOException closedByServer) {
                if (stopped.getCount() > 0) {
                    closes.incrementAndGet();
                    awaitStop(reconnectPause);
                }
            }
        }
    }

    /** Waits up to {@code time} for {@link #close()}; true once closed. */
    private boolean awaitStop(Duration time) {
        try {
            return stopped.await(time.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void closeSocket() {
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            }
            catch (IOException ex) {
                // Already closed by the server: nothing left to release.
            }
        }
    }

    private static byte[] repeat(byte[] frame, int times) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(frame.length * times);
        for (int i = 0; i < times; i++) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }
}
