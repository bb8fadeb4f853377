package io.imstarter.autoconfigure.metrics;

import io.imstarter.protocol.Transport;
import io.imstarter.server.ImServer;
import io.imstarter.server.ImServerStats;
import io.imstarter.server.MessageKind;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Meters of an {@link ImServer}, read from its {@link ImServerStats} when scraped: {@code im.sessions} per transport,
 * {@code im.messages.received} and {@code im.messages.sent} per kind, QoS retransmits, lost and duplicates, kicks,
 * logins, throttled logins ({@code im.logins.throttled} by {@code outcome}: {@code delayed}, {@code closed}) and
 * rejected packets, connections refused by a cap ({@code im.connections.refused}) and closed by the server
 * ({@code im.connections.closed} by {@code reason}: {@code login-timeout}, {@code frame-timeout},
 * {@code backpressure}, {@code flooding}), {@code im.store.replayed} and {@code im.store.replay.acked}, and
 * {@code im.qos.pending}.
 */
public class ImServerMetrics implements MeterBinder {

    private static final String CLOSED = "Connections the server closed, by reason";
    private static final String THROTTLED = "Refused logins answered late, and logins closed unanswered, by outcome";

    private final ImServer server;

    public ImServerMetrics(ImServer server) {
        this.server = server;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Transport transport : Transport.values()) {
            Gauge.builder("im.sessions", server, s -> s.sessionCounts().getOrDefault(transport, 0))
                    .tag("transport", transport.key())
                    .description("Logged-in sessions")
                    .register(registry);
        }
        for (MessageKind kind : MessageKind.values()) {
            String tag = kind.name().toLowerCase(Locale.ROOT);
            counter("im.messages.received", "Messages received from clients", s -> s.received(kind))
                    .tag("kind", tag).register(registry);
            counter("im.messages.sent", "Messages written to clients", s -> s.sent(kind))
                    .tag("kind", tag).register(registry);
        }
        counter("im.qos.retransmits", "QoS packets re-sent", ImServerStats::retransmits).register(registry);
        counter("im.qos.lost", "QoS packets that ran out of retries", ImServerStats::lost)
                .register(registry);
        counter("im.qos.duplicates.dropped", "Duplicate QoS messages ACKed but not delivered again",
                ImServerStats::duplicatesDropped).register(registry);
        counter("im.kicks", "Sessions kicked", ImServerStats::kicks).register(registry);
        counter("im.logins.succeeded", "Logins accepted", ImServerStats::loginsSucceeded)
                .register(registry);
        counter("im.logins.failed", "Logins refused by the verifier", ImServerStats::loginsFailed)
                .register(registry);
        counter("im.logins.throttled", THROTTLED, ImServerStats::loginsAnsweredLate).tag("outcome", "delayed")
                .register(registry);
        counter("im.logins.throttled", THROTTLED, ImServerStats::loginsShutOut).tag("outcome", "closed")
                .register(registry);
        counter("im.packets.rejected", "Inbound packets answered with an error",
                ImServerStats::rejectedPackets).register(registry);
        counter("im.connections.refused", "Connections and UDP peers refused because a connection cap was reached",
                ImServerStats::refusedConnections).register(registry);
        counter("im.connections.closed", CLOSED, ImServerStats::loginTimeouts).tag("reason", "login-timeout")
                .register(registry);
        counter("im.connections.closed", CLOSED, ImServerStats::frameTimeouts).tag("reason", "frame-timeout")
                .register(registry);
        counter("im.connections.closed", CLOSED, ImServerStats::closedForBackpressure).tag("reason", "backpressure")
                .register(registry);
        counter("im.connections.closed", CLOSED, ImServerStats::closedForFlooding).tag("reason", "flooding")
                .register(registry);
        counter("im.store.replayed", "Stored messages replayed to receivers that logged in",
                ImServerStats::replayed).register(registry);
        counter("im.store.replay.acked", "Replayed messages acknowledged by their receiver",
                ImServerStats::replayAcknowledged).register(registry);
        Gauge.builder("im.qos.pending", server, ImServer::pendingQos)
                .description("QoS packets waiting for an ACK")
                .register(registry);
    }

    private FunctionCounter.Builder<ImServer> counter(String name, String description,
            ToLongFunction<ImServerStats> value) {
        return FunctionCounter.builder(name, server, s -> value.applyAsLong(s.stats())).description(description);
    }
}
