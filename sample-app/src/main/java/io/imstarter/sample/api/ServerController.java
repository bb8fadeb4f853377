package io.imstarter.sample.api;

import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import io.imstarter.protocol.UserIds;
import io.imstarter.sample.SampleProperties;
import io.imstarter.server.ClusterPresence;
import io.imstarter.server.ImServer;
import io.imstarter.server.S2CSendException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operates the IM server itself: who is online, server pushes (S2C), kicks and the gateway ports. */
@RestController
@RequestMapping("/api")
@Tag(name = "IM server", description = "The IM server embedded in this application: its sessions over TCP, UDP"
        + " and WebSocket, server pushes and kicks.")
class ServerController {

    /** Users listed by {@code GET /api/online} in a cluster, where each listing scans the presence in Redis. */
    static final int MAX_CLUSTER_LISTED = 1_000;

    private final ObjectProvider<ImServer> server;
    private final Environment environment;
    private final Duration ackWait;

    ServerController(ObjectProvider<ImServer> server, Environment environment, SampleProperties properties) {
        this.server = server;
        this.environment = environment;
        this.ackWait = properties.ackWait();
    }

    @GetMapping("/online")
    @Operation(summary = "List the users online on the IM server, with addresses (admin)", description = "Every"
            + " logged-in session with its transport (TCP, UDP or WEBSOCKET) and remote address, sorted by user id:"
            + " embedded clients, chat pages and apps. When the server is one node of a cluster (im.cluster.enabled),"
            + " the users of every node, each with its node, at most " + MAX_CLUSTER_LISTED + " of them; users of"
            + " other nodes have no address. Needs the ADMIN role; GET /api/online/ids is for everyone.")
    @ApiResponse(responseCode = "503", description = "The IM server is not running, or the cluster's presence in"
            + " Redis cannot be read")
    List<OnlineUser> online() {
        ImServer running = running();
        Optional<String> node = running.nodeId();
        if (node.isPresent()) {
            return inCluster(running, node.get());
        }
        return running.onlineUsers().stream().flatMap(user -> running.sessions(user).stream())
                .map(session -> OnlineUser.of(session, null)).sorted(Comparator.comparing(OnlineUser::userId))
                .toList();
    }

    /** Every node's users from the shared presence; this node's own ones with their address. */
    private static List<OnlineUser> inCluster(ImServer running, String node) {
        List<ClusterPresence> online;
        try {
            online = running.clusterOnlineUsers(MAX_CLUSTER_LISTED).join();
        } catch (CompletionException | CancellationException failed) {
            throw ApiException.unavailable("The cluster's online users cannot be read from Redis: "
                    + (failed.getCause() == null ? failed : failed.getCause()));
        }
        return online.stream().map(presence -> running.session(presence.userId())
                .filter(session -> node.equals(presence.nodeId()))
                .map(session -> OnlineUser.of(session, node))
                .orElseGet(() -> OnlineUser.of(presence)))
                .sorted(Comparator.comparing(OnlineUser::userId)).toList();
    }

    @GetMapping("/online/ids")
    @Operation(summary = "List the user ids online on the IM server", description = "The ids of every logged-in"
            + " user, sorted, without transports or addresses: what the chat page shows as its contact list.")
    @ApiResponse(responseCode = "503", description = "The IM server is not running")
    List<String> onlineIds() {
        return running().onlineUsers().stream().sorted().toList();
    }

    @PostMapping("/push")
    @Operation(summary = "Push a message from the server to a user (S2C, admin)", description = "Sends a type 2"
            + " message from \"0\" (the server) to an online user and waits briefly (sample.ack-wait, 3 s) for its"
            + " ACK: acknowledged is true on ACK, null while pending, false when lost or failed. In a cluster the user"
            + " may be on any node. Needs the ADMIN role.")
    @ApiResponse(responseCode = "200", description = "Pushed; see status and acknowledged")
    @ApiResponse(responseCode = "400", description = "Bad parameters (field errors listed)")
    @ApiResponse(responseCode = "404", description = "The user is not online on any node")
    @ApiResponse(responseCode = "503", description = "The IM server is not running")
    SendResult push(@JsonOrParams PushRequest request) {
        request.validate();
        ImServer running = running();
        boolean qos = request.qosOrDefault();
        String fp = qos ? Packet.newFingerprint() : null;
        CompletableFuture<String> sent = running.send(request.userId(), request.msg(), request.typeuOrDefault(), qos,
                fp);
        try {
            if (!BoundedWait.completed(sent, ackWait)) {
                return SendResult.pending(fp, UserIds.SERVER, request.userId(), qos, ackWait);
            }
        } catch (S2CSendException failed) {
            DeliveryStatus status = switch (failed.reason()) {
                case OFFLINE -> throw notOnline(running, request.userId());
                case NOT_RUNNING -> throw notRunning();
                case LOST -> DeliveryStatus.LOST;
                default -> DeliveryStatus.FAILED;
            };
            return SendResult.of(fp, UserIds.SERVER, request.userId(), qos, status, failed.getMessage());
        }
        return SendResult.completed(fp, UserIds.SERVER, request.userId(), qos);
    }

    @PostMapping("/kick")
    @Operation(summary = "Kick a user (admin)", description = "The client gets a kick-out (type 54, code 2) with the"
            + " reason and is disconnected, on whichever node of a cluster holds it, and every token issued to the user"
            + " so far stops working (a login with one is refused with code 1030). With refuseLoginsForSeconds, every"
            + " login of the user is refused for that long, on every node, whatever token it presents (code 307); a"
            + " token issued after the kick works once it ends. What clients do: the embedded client, this chat page,"
            + " and stock MobileIMSDK TCP and WebSocket clients stop and do not log in again by themselves. The stock"
            + " MobileIMSDK UDP client ignores the kick-out: its next keep-alive is answered with 301, and it logs in"
            + " again with the token it holds, every few seconds, which is refused (1030, or 307 while the kick lasts),"
            + " answered later and later and in the end not at all (im.server.refused-logins); it needs a new token"
            + " from the application to come back. Needs the ADMIN role.")
    @ApiResponse(responseCode = "200", description = "Kicked, or (with refuseLoginsForSeconds) not online but its"
            + " logins are refused from now on: see kicked")
    @ApiResponse(responseCode = "400", description = "Bad parameters (field errors listed)")
    @ApiResponse(responseCode = "404", description = "No refuseLoginsForSeconds, and the user is not online on any"
            + " node (its earlier tokens are void all the same)")
    @ApiResponse(responseCode = "503", description = "The IM server is not running")
    KickResult kick(@JsonOrParams KickRequest request) {
        request.validate();
        Duration refuseFor = request.refuseLoginsFor();
        Instant kickedAt = Instant.now();
        ImServer running = running();
        boolean kicked = running.kick(request.userId(), request.reason(), refuseFor);
        if (refuseFor.isZero()) {
            if (!kicked) {
                throw notOnline(running, request.userId());
            }
            return new KickResult(request.userId(), true, null);
        }
        return new KickResult(request.userId(), kicked, kickedAt.plus(refuseFor));
    }

    @GetMapping("/config")
    @Operation(summary = "Where the IM gateways listen", description = "The bound ports (published as"
            + " local.im.server.*.port) and the WebSocket path; the chat page reads it to open its WebSocket.")
    @ApiResponse(responseCode = "503", description = "The IM server is not running")
    ImEndpoints config() {
        ImServer running = running();
        return new ImEndpoints(boundPort(Transport.WEBSOCKET), running.config().getWebsocket().getPath(),
                boundPort(Transport.TCP), boundPort(Transport.UDP));
    }

    private Integer boundPort(Transport transport) {
        return environment.getProperty("local.im.server." + transport.key() + ".port", Integer.class);
    }

    private ImServer running() {
        ImServer found = server.getIfAvailable();
        if (found == null || !found.isRunning()) {
            throw notRunning();
        }
        return found;
    }

    private static ApiException notOnline(ImServer running, String userId) {
        return ApiException.unknownUser("User '" + userId + "' is not online on the IM server"
                + (running.nodeId().isPresent() ? " (on any node of the cluster)" : ""));
    }

    private static ApiException notRunning() {
        return ApiException.unavailable("The IM server is not running (im.server.enabled=false, or it is stopping)");
    }
}
