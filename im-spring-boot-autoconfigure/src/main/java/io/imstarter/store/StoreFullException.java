package io.imstarter.store;

/** An append refused because the receiver already has as many undelivered messages as the store allows. */
public class StoreFullException extends RuntimeException {

    private final String receiver;

    private final int limit;

    public StoreFullException(String receiver, int limit) {
        super("Receiver '" + receiver + "' already has " + limit + " undelivered messages stored, the most allowed");
        this.receiver = receiver;
        this.limit = limit;
    }

    public String receiver() {
        return receiver;
    }

    public int limit() {
        return limit;
    }
}
