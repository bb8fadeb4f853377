package io.imstarter.server;

import io.imstarter.protocol.Packet;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The login's replay when the server has groups: the C2C replay starts first, then the member's groups are caught
 * up. Everything else is the C2C replay's.
 */
final class GroupCatchUpAfterReplay implements OfflineReplay {

    private final OfflineReplay c2c;
    private final GroupRouter groups;

    GroupCatchUpAfterReplay(OfflineReplay c2c, GroupRouter groups) {
        this.c2c = c2c;
        this.groups = groups;
    }

    @Override
    public void start(ScheduledExecutorService scheduler) {
        c2c.start(scheduler);
    }

    @Override
    public void stop() {
        c2c.stop();
    }

    @Override
    public void loggedIn(Connection connection) {
        c2c.loggedIn(connection);
        groups.loggedIn(connection);
    }

    @Override
    public boolean acknowledge(Packet ack) {
        return c2c.acknowledge(ack);
    }

    @Override
    public void stored(Packet message) {
        c2c.stored(message);
    }

    @Override
    public void storedCopyAcknowledged(Packet ack) {
        c2c.storedCopyAcknowledged(ack);
    }
}
