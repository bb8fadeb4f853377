package io.imstarter.testsupport;

import io.imstarter.server.LoginRequest;
import io.imstarter.server.LoginVerifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every login request and answers with a verifier the test can swap at any time. */
public final class RecordingLoginVerifier implements LoginVerifier {

    private final List<LoginRequest> requests = new CopyOnWriteArrayList<>();
    private final CallbackThreads threads;
    private volatile LoginVerifier decision = LoginVerifier.ALLOW_ALL;

    public RecordingLoginVerifier(CallbackThreads threads) {
        this.threads = threads;
    }

    /** From now on answer with {@code verifier}. */
    public void answerWith(LoginVerifier verifier) {
        this.decision = verifier;
    }

    void reset() {
        decision = LoginVerifier.ALLOW_ALL;
    }

    /** The requests for {@code userId} so far. */
    public List<LoginRequest> requests(String userId) {
        return requests.stream().filter(r -> userId.equals(r.userId())).toList();
    }

    @Override
    public int verify(LoginRequest request) {
        threads.check("LoginVerifier");
        requests.add(request);
        return decision.verify(request);
    }
}
