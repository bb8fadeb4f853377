package io.imstarter.server.netty;

import io.imstarter.server.Connection;
import io.imstarter.server.ConnectionHub;
import io.imstarter.server.ImServerConfig;
import io.imstarter.server.InboundFrame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A server core stand-in for decoder tests on an {@code EmbeddedChannel}: records what the transport reports and,
 * like the real core, closes a refused or timed-out connection. It never logs anyone in.
 */
final class RecordingHub implements ConnectionHub {

    /** A frame and the connection it arrived on. */
    record Received(Connection connection, InboundFrame frame) {
    }

    private final ImServerConfig config = new ImServerConfig();
    final List<Received> frames = new CopyOnWriteArrayList<>();
    final List<Connection> opened = new CopyOnWriteArrayList<>();
    final List<String> refusals = new CopyOnWriteArrayList<>();
    final List<Connection> closed = new CopyOnWriteArrayList<>();

    @Override
    public ImServerConfig config() {
        return config;
    }

    @Override
    public Executor dispatchPool() {
        return Runnable::run;
    }

    @Override
    public void onOpened(Connection connection, ScheduledExecutorService eventLoop) {
        opened.add(connection);
    }

    @Override
    public void onRefused(Connection connection, String sentence) {
        refusals.add(sentence);
        connection.transportClosed();
    }

    @Override
    public void onFrameTimeout(Connection connection) {
        connection.transportClosed();
    }

    @Override
    public void onFrame(Connection connection, InboundFrame frame) {
        frames.add(new Received(connection, frame));
    }

    @Override
    public void onClosed(Connection connection) {
        closed.add(connection);
    }
}
