package io.imstarter.testsupport;

import io.imstarter.client.ImClientListener;
import io.imstarter.client.ServerAddress;
import io.imstarter.protocol.ErrorResponse;
import io.imstarter.protocol.KickoutInfo;
import io.imstarter.protocol.LoginResponse;
import io.imstarter.protocol.Packet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Records every notification an embedded client gives, and the thread each one ran on. */
public final class RecordingClientListener implements ImClientListener {

    public final Queue<LoginResponse> logins = new ConcurrentLinkedQueue<>();
    /** The server that answered each login, in order. */
    public final Queue<ServerAddress> loginServers = new ConcurrentLinkedQueue<>();
    public final Queue<Integer> linkClosed = new ConcurrentLinkedQueue<>();
    public final Queue<KickoutInfo> kicks = new ConcurrentLinkedQueue<>();
    public final Queue<Packet> messages = new ConcurrentLinkedQueue<>();
    public final Queue<ErrorResponse> errors = new ConcurrentLinkedQueue<>();
    public final Queue<Packet> acked = new ConcurrentLinkedQueue<>();
    public final Queue<Packet> lost = new ConcurrentLinkedQueue<>();
    public final Queue<String> events = new ConcurrentLinkedQueue<>();
    public final Queue<String> threads = new ConcurrentLinkedQueue<>();

    @Override
    public void onLoginResult(String userId, LoginResponse response, ServerAddress server) {
        record("login:" + response.code());
        logins.add(response);
        loginServers.add(server);
    }

    @Override
    public void onLinkClosed(String userId, int code) {
        record("closed:" + code);
        linkClosed.add(code);
    }

    @Override
    public void onKicked(String userId, KickoutInfo kickout) {
        record("kicked:" + kickout.code());
        kicks.add(kickout);
    }

    @Override
    public void onMessage(String userId, Packet message) {
        record("message");
        messages.add(message);
    }

    @Override
    public void onErrorResponse(String userId, ErrorResponse error) {
        record("error:" + error.errorCode());
        errors.add(error);
    }

    @Override
    public void onMessagesAcked(String userId, List<Packet> messages) {
        acked.addAll(messages);
    }

    @Override
    public void onMessagesLost(String userId, List<Packet> messages) {
        lost.addAll(messages);
    }

    private void record(String event) {
        events.add(event);
        threads.add(Thread.currentThread().getName());
    }
}
