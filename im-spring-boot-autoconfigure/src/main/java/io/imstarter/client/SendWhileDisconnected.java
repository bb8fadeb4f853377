package io.imstarter.client;

/** What {@link ImClient#send} does while the client is not logged in. */
public enum SendWhileDisconnected {
    /** Queue the message (bounded) and send it after the next successful login. */
    QUEUE,
    /** Fail the send at once with code 3. */
    FAIL_FAST
}
