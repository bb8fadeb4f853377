package io.imstarter.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerConfig;
import io.imstarter.server.ReplaySettings;
import io.imstarter.server.netty.NettyTransport;
import io.imstarter.store.jdbc.JdbcMessageStore;
import io.imstarter.store.jdbc.TestDatabases;
import java.time.Clock;

/**
 * A store-and-forward IM server in its own JVM, for tests that kill it: TCP only on 127.0.0.1, the message store on
 * the JDBC URL given as the only argument. Prints {@value #READY}{@code <port>} once it listens, then runs until
 * it is killed.
 */
public final class StoreServerMain {

    public static final String READY = "IM-TEST-SERVER-READY tcp=";

    private StoreServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(args[0]);
        TestDatabases.createTables(dataSource, "h2");
        ImServerConfig config = new ImServerConfig().setAddress("127.0.0.1");
        ImServerExtension.fastQos(config);
        config.getRateLimit().setPacketsPerSecond(10_000).setBurst(10_000);
        config.gateway(Transport.TCP).setPort(0);
        config.gateway(Transport.UDP).setEnabled(false);
        config.gateway(Transport.WEBSOCKET).setEnabled(false);
        ImServer server = ImServer.builder(config).transport(new NettyTransport())
                .messageStore(new JdbcMessageStore(dataSource, 100_000, Clock.systemUTC()), ReplaySettings.DEFAULTS)
                .build();
        server.start();
        System.out.println(READY + server.port(Transport.TCP));
        System.out.flush();
        Thread.currentThread().join(); // the server's threads are daemons: keep the JVM until it is killed
    }
}
