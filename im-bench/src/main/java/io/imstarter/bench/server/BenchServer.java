package io.imstarter.bench.server;

import io.imstarter.autoconfigure.auth.JwtLoginVerifier;
import io.imstarter.bench.cli.Options;
import io.imstarter.server.ClusterRouting;
import io.imstarter.server.GroupSettings;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerConfig;
import io.imstarter.server.LoginVerifier;
import io.imstarter.server.ReplaySettings;
import io.imstarter.server.netty.NettyTransport;
import io.imstarter.store.InMemoryLoginRevocations;
import io.imstarter.store.LoginRevocations;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the server under test: production defaults (timeouts, QoS, receiver ACK mode, the allow-all verifier, or
 * with {@code --jwt-secret} the starter's HS256 token login) except where an option says otherwise. The per-connection rate limit is an option because a benchmark sender
 * legitimately exceeds the 100 packets/s meant for phones, and the connection caps are options because the load
 * generator opens tens of thousands of connections from one address, which the production caps refuse.
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static ImServer create(Options options, int defaultTcp, int defaultUdp, int defaultWs) {
        return create(options, defaultTcp, defaultUdp, defaultWs, ClusterRouting.SINGLE_NODE);
    }

    /** The same server as one node of {@code cluster}. */
    public static ImServer create(Options options, int defaultTcp, int defaultUdp, int defaultWs,
            ClusterRouting cluster) {
        return create(options, defaultTcp, defaultUdp, defaultWs, cluster, null);
    }

    /** The same server storing messages for offline receivers in {@code store} when it is not null. */
    public static ImServer create(Options options, int defaultTcp, int defaultUdp, int defaultWs,
            ClusterRouting cluster, BenchStore store) {
        ImServer.Builder builder = builder(options, defaultTcp, defaultUdp, defaultWs).cluster(cluster);
        if (store != null) {
            builder.messageStore(store.messageStore(), ReplaySettings.DEFAULTS);
        }
        return builder.build();
    }

    /** The same single server with its store's group conversations on, as {@code settings} set them. */
    public static ImServer withGroups(Options options, BenchStore store, GroupSettings settings) {
        return builder(options, 0, 0, 0).messageStore(store.messageStore(), ReplaySettings.DEFAULTS)
                .groups(store.groupStore(), settings).build();
    }

    /** The builder of that server, for a caller that adds strategies of its own (an offline store, say). */
    public static ImServer.Builder builder(Options options, int defaultTcp, int defaultUdp, int defaultWs) {
        ImServerConfig config = new ImServerConfig()
                .setAddress(options.string("bind", "127.0.0.1"))
                .setIoThreads(options.integer("io-threads", 0, 0, 64))
                .setNativeTransport(!options.has("nio"));
        config.getRateLimit().setPacketsPerSecond(options.integer("packets-per-second", 100, 1, Integer.MAX_VALUE))
                .setBurst(options.integer("packet-burst", 200, 1, Integer.MAX_VALUE));
        config.getTcp().setPort(options.integer("tcp-port", defaultTcp, 0, 65535));
        config.getUdp().setPort(options.integer("udp-port", defaultUdp, 0, 65535));
        config.getWebsocket().setPort(options.integer("ws-port", defaultWs, 0, 65535));
        for (ImServerConfig.StreamGateway stream : List.of(config.getTcp(), config.getWebsocket())) {
            stream.setMaxConnections(options.integer("max-connections", stream.getMaxConnections(), 1,
                    Integer.MAX_VALUE));
        }
        config.getUdp().setMaxPeers(options.integer("max-connections", config.getUdp().getMaxPeers(), 1,
                Integer.MAX_VALUE));
        for (ImServerConfig.Gateway gateway : config.gateways()) {
            gateway.setMaxConnectionsPerAddress(options.integer("max-connections-per-address",
                    gateway.getMaxConnectionsPerAddress(), 1, Integer.MAX_VALUE));
        }
        LoginRevocations revocations = new InMemoryLoginRevocations();
        return ImServer.builder(config).transport(new NettyTransport()).loginRevocations(revocations)
                .loginVerifier(loginVerifier(options.string("jwt-secret", ""), revocations));
    }

    private static LoginVerifier loginVerifier(String jwtSecret, LoginRevocations revocations) {
        if (jwtSecret.isEmpty()) {
            return LoginVerifier.ALLOW_ALL;
        }
        SecretKeySpec key = new SecretKeySpec(jwtSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        return new JwtLoginVerifier(NimbusJwtDecoder.withSecretKey(key).build(), "sub", true, revocations);
    }
}
