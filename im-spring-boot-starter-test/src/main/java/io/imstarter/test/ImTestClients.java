package io.imstarter.test;

import io.imstarter.autoconfigure.ImClientResources;
import io.imstarter.client.ImClient;
import io.imstarter.client.ImClientConfig;
import io.imstarter.protocol.Transport;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Makes logged-in {@link ImTestClient}s and raw {@link ImRawClient}s for one application context, connected to the
 * ports its IM server bound ({@code local.im.server.<transport>.port}) and with the client QoS timers of
 * {@code im.client.qos.*}. Login tokens come from the application's token issuer when it configures a secret
 * ({@code im.server.auth.jwt.secret}), so secured applications need no hand-made tokens. A bean of every
 * {@code @ImTest} and {@code @ImServerTest} context; {@code @ImUser} parameters come from here.
 */
public final class ImTestClients implements AutoCloseable {

    /** Client callbacks that may wait for the callback thread; a test's handful of clients never comes near. */
    private static final int CALLBACK_QUEUE_CAPACITY = 10_000;

    private final Environment environment;
    private final Function<String, String> tokens;
    private final ImClientResources resources = new ImClientResources(CALLBACK_QUEUE_CAPACITY);
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();

    /**
     * @param environment the application's environment, where the bound ports are published
     * @param tokens a login token for a user id, or null when logins need none
     */
    public ImTestClients(Environment environment, Function<String, String> tokens) {
        this.environment = environment;
        this.tokens = tokens;
    }

    /** Logs {@code userId} in over TCP and waits for the server's acceptance. */
    public ImTestClient login(String userId) {
        return login(userId, Transport.TCP);
    }

    public ImTestClient login(String userId, Transport transport) {
        return login(userId, transport, token(userId), true);
    }

    /**
     * Logs a user in and waits for the server's acceptance; fails with an {@link AssertionError} naming the code
     * when the server refuses, or saying what else went wrong.
     *
     * @param token the login token; null for the application's test token (or none)
     * @param acknowledge false to hold back every ACK, as a receiver that got the message but never confirms it
     */
    public ImTestClient login(String userId, Transport transport, String token, boolean acknowledge) {
        ImClient client = new ImClient(clientConfig(transport), resources.group(), resources.scheduler(),
                resources.callbackExecutor());
        ImTestClient testClient = new ImTestClient(client, transport, acknowledge, open::remove);
        open.add(testClient);
        try {
            awaitLogin(userId, transport, client, token == null ? token(userId) : token);
        }
        catch (AssertionError failed) {
            close(testClient);
            throw failed;
        }
        return testClient;
    }

    /** Waits for the acceptance; ImClient fails the login, with the server's code, when it is refused. */
    private static void awaitLogin(String userId, Transport transport, ImClient client, String token) {
        try {
            client.login(userId, token, null).get(ImTestClient.DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException ex) {
            throw new AssertionError(userId + " could not log in over " + transport + ": "
                    + ex.getCause().getMessage(), ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new AssertionError(userId + "'s login over " + transport + " got no answer within "
                    + ImTestClient.DEFAULT_TIMEOUT);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while " + userId + " logged in", ex);
        }
    }

    /** A connection that writes and reads exact wire JSON, not logged in; {@link ImRawClient#loginJson} helps. */
    public ImRawClient raw(Transport transport) {
        ImRawClient raw = new ImRawClient(transport, host(), port(transport), websocketPath(), open::remove);
        open.add(raw);
        return raw;
    }

    /** The login token the application accepts for {@code userId}, or null when logins need none. */
    public String token(String userId) {
        return tokens.apply(userId);
    }

    /** The port the application's gateway for {@code transport} is bound to. */
    public int port(Transport transport) {
        String key = "local.im.server." + transport.key() + ".port";
        Integer port = environment.getProperty(key, Integer.class);
        if (port == null) {
            throw new IllegalStateException("No " + key + ": the " + transport + " gateway is not running (is "
                    + "im.server." + transport.key() + ".enabled false, or the IM server off?)");
        }
        return port;
    }

    /** Logs out and releases {@code client}, a test client or a raw one, as its own close() does. */
    public void close(AutoCloseable client) {
        try {
            client.close();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not close " + client, ex);
        }
    }

    /** Clients made here and not closed yet. */
    public int openClients() {
        return open.size();
    }

    /** Logs out every client still open, then stops the client threads; the context calls it on close. */
    @Override
    public void close() {
        List.copyOf(open).forEach(this::close);
        resources.close();
    }

    /** A client of the server under test, with the embedded clients' QoS ({@code im.client.qos.*}). */
    private ImClientConfig clientConfig(Transport transport) {
        ImClientConfig config = new ImClientConfig().setHost(host()).setTransport(transport)
                .setWebsocketPath(websocketPath()).portResolver(() -> port(transport));
        Binder.get(environment).bind("im.client.qos", Bindable.ofInstance(config.getQos()));
        return config;
    }

    /** Where the server listens: its address, or the loopback default when it binds every interface. */
    private String host() {
        String address = environment.getProperty("im.server.address");
        return address == null || address.isBlank() || "0.0.0.0".equals(address) ? new ImClientConfig().getHost()
                : address;
    }

    private String websocketPath() {
        return environment.getProperty("im.server.websocket.path", new ImClientConfig().getWebsocketPath());
    }
}
