package io.imstarter.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 between a client and a server whose links a test can cut abruptly ({@link #cut()} resets
 * both sockets of every link, as a dead network or a killed peer would), while it keeps accepting new links.
 */
public final class CuttableTcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    public CuttableTcpProxy(InetSocketAddress target) {
        this.target = target;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        daemon("proxy-accept", this::acceptLoop).start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Resets every open link; the peers see a broken connection, and whatever was in flight is gone. */
    public void cut() {
        for (Socket socket : sockets) {
            reset(socket);
            sockets.remove(socket);
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        }
        catch (IOException ignored) {
            // closing anyway
        }
        cut();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(server);
                daemon("proxy-up", () -> copy(client, server)).start();
                daemon("proxy-down", () -> copy(server, client)).start();
            }
            catch (IOException closed) {
                return;
            }
        }
    }

    private void copy(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        }
        catch (IOException broken) {
            // the link was cut or closed: the other direction ends the same way
        }
        reset(from);
        reset(to);
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        }
        catch (IOException ignored) {
            // already closed
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
