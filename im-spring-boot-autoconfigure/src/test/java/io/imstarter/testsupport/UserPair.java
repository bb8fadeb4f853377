package io.imstarter.testsupport;

/** Two users logged in on one transport, the usual cast of a C2C test. */
public record UserPair(String sender, RawClient senderClient, String receiver, RawClient receiverClient) {
}
