package io.imstarter.test;

import io.imstarter.client.ClientState;
import io.imstarter.client.ImClient;
import io.imstarter.client.ImClientListener;
import io.imstarter.protocol.KickoutInfo;
import io.imstarter.protocol.Packet;
import io.imstarter.protocol.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One logged-in user of a test, on a real {@link ImClient} connected to the application's IM server. Every wait is
 * bounded ({@link #DEFAULT_TIMEOUT} unless given) and fails with an {@link AssertionError} that says what did not
 * happen. Messages are ACKed once recorded, unless the client was made not to acknowledge ({@code @ImUser(acknowledge
 * = false)}), which lets a test watch the sender's and the server's loss paths. Thread-safe.
 */
public final class ImTestClient implements AutoCloseable {

    /** How long an await waits unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration POLL = Duration.ofMillis(20);

    /** Time beyond a quiet period that Awaitility may take to notice it is over. */
    private static final Duration QUIET_MARGIN = Duration.ofSeconds(1);

    private final ImClient client;
    private final Transport transport;
    private final List<Packet> received = new ArrayList<>();
    private final BlockingQueue<Packet> unread = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<String>> sent = new ConcurrentHashMap<>();
    private final CompletableFuture<KickoutInfo> kicked = new CompletableFuture<>();
    private final CompletableFuture<Integer> linkClosed = new CompletableFuture<>();
    private final Consumer<AutoCloseable> onClose;

    ImTestClient(ImClient client, Transport transport, boolean acknowledge, Consumer<AutoCloseable> onClose) {
        this.client = client;
        this.transport = transport;
        this.onClose = onClose;
        client.addListener(new Recorder(acknowledge));
    }

    /** The user this client logged in as. */
    public String userId() {
        return client.userId();
    }

    public Transport transport() {
        return transport;
    }

    /** The embedded client underneath, for what this class does not wrap. */
    public ImClient client() {
        return client;
    }

    public ClientState state() {
        return client.state();
    }

    public boolean isLoggedIn() {
        return client.state() == ClientState.LOGGED_IN;
    }

    /** Sends a QoS message with typeu -1 and returns its fingerprint at once; {@link #awaitAck(String)} waits for it. */
    public String send(String to, String content) {
        return send(to, content, Packet.UNSET);
    }

    /** Sends a QoS message and returns its fingerprint at once, before the ACK. */
    public String send(String to, String content, int typeu) {
        String fp = Packet.newFingerprint();
        sent.put(fp, client.send(to, content, typeu, true, fp));
        return fp;
    }

    /** Waits for the ACK of a message this client sent. */
    public ImTestClient awaitAck(String fp) {
        return awaitAck(fp, DEFAULT_TIMEOUT);
    }

    public ImTestClient awaitAck(String fp, Duration timeout) {
        try {
            sendOutcome(fp).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return this;
        }
        catch (ExecutionException ex) {
            throw new AssertionError(userId() + "'s message " + fp + " was not acknowledged: "
                    + ex.getCause().getMessage(), ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new AssertionError(userId() + "'s message " + fp + " was neither acknowledged nor reported lost"
                    + " within " + timeout);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the ACK of " + fp, ex);
        }
    }

    /** Waits until this client's QoS reports a message it sent lost (no ACK after its retries). */
    public Throwable awaitLost(String fp, Duration timeout) {
        try {
            String acked = sendOutcome(fp).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError(userId() + "'s message " + acked + " was acknowledged, not lost");
        }
        catch (ExecutionException ex) {
            return ex.getCause();
        }
        catch (TimeoutException ex) {
            throw new AssertionError(userId() + "'s message " + fp + " was not reported lost within " + timeout);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the loss of " + fp, ex);
        }
    }

    private CompletableFuture<String> sendOutcome(String fp) {
        CompletableFuture<String> outcome = sent.get(fp);
        if (outcome == null) {
            throw new IllegalArgumentException(userId() + " sent no message with fingerprint " + fp);
        }
        return outcome;
    }

    /** Waits for the next message not yet returned by an await, and returns it. */
    public Packet awaitMessage() {
        return awaitMessage(DEFAULT_TIMEOUT);
    }

    public Packet awaitMessage(Duration timeout) {
        try {
            Packet next = unread.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError(userId() + " received no message within " + timeout + "; received so far: "
                        + received());
            }
            return next;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while " + userId() + " waited for a message", ex);
        }
    }

    /** Waits for the next {@code count} messages not yet returned by an await, in the order they arrived. */
    public List<Packet> awaitMessages(int count) {
        return awaitMessages(count, DEFAULT_TIMEOUT);
    }

    public List<Packet> awaitMessages(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Packet> messages = new ArrayList<>(count);
        while (messages.size() < count) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            try {
                messages.add(awaitMessage(left));
            }
            catch (AssertionError ex) {
                throw new AssertionError(userId() + " received " + messages.size() + " of " + count
                        + " messages within " + timeout + ": " + messages, ex);
            }
        }
        return messages;
    }

    /**
     * Fails if a message arrives within {@code period} from now (what arrived before does not count). It waits the
     * whole period, as it must: keep the period as short as the application's own timing allows.
     */
    public void assertNothingReceivedWithin(Duration period) {
        int before = received().size();
        try {
            Awaitility.await().during(period).atMost(period.plus(QUIET_MARGIN)).pollInterval(POLL)
                    .until(() -> received().size() == before);
        }
        catch (ConditionTimeoutException ex) {
            throw new AssertionError(userId() + " received " + received().subList(before, received().size())
                    + " within " + period + ", expected nothing");
        }
    }

    /** Every message received so far (duplicates already dropped by the client), in arrival order. */
    public List<Packet> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Waits until the server kicks this client (type 54), and returns the kick's code and reason. */
    public KickoutInfo awaitKicked() {
        return await(kicked, "kicked");
    }

    /** Waits until the link to the server closes (a kick, a logout by the server, the server stopping). */
    public int awaitLinkClosed() {
        return await(linkClosed, "disconnected");
    }

    private <T> T await(CompletableFuture<T> event, String what) {
        try {
            return event.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException | ExecutionException ex) {
            throw new AssertionError(userId() + " was not " + what + " within " + DEFAULT_TIMEOUT + " (state "
                    + state() + ")");
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + userId() + " to be " + what, ex);
        }
    }

    /** Logs out (type 3) and waits until the link is closed; the client can log in again through its ImClient. */
    public void logout() {
        try {
            client.logout().get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new AssertionError(userId() + " could not log out within " + DEFAULT_TIMEOUT, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while " + userId() + " logged out", ex);
        }
    }

    /** Logs out if still logged in, then releases the client; what the extension does after each test. */
    @Override
    public void close() {
        try {
            if (client.state() == ClientState.LOGGED_IN) {
                logout();
            }
        }
        finally {
            client.close();
            onClose.accept(this);
        }
    }

    @Override
    public String toString() {
        return "ImTestClient[" + userId() + ", " + transport + ", " + state() + "]";
    }

    /** Records what the client reports; holds back the ACK (never completes) when told not to acknowledge. */
    private final class Recorder implements ImClientListener {

        private final boolean acknowledge;

        Recorder(boolean acknowledge) {
            this.acknowledge = acknowledge;
        }

        @Override
        public CompletionStage<?> handleMessage(String userId, Packet message) {
            synchronized (received) {
                received.add(message);
            }
            unread.add(message);
            return acknowledge ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        }

        @Override
        public void onKicked(String userId, KickoutInfo kickout) {
            kicked.complete(kickout);
        }

        @Override
        public void onLinkClosed(String userId, int code) {
            linkClosed.complete(code);
        }
    }
}
