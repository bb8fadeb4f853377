package io.imstarter.test;

/**
 * Entry point of the AssertJ assertions on test clients: {@code assertThat(bob).received("hi", "there").inOrder()}.
 * They wait, as IM is asynchronous: up to {@link ImTestClient#DEFAULT_TIMEOUT} for what must arrive.
 */
public final class ImAssertions {

    private ImAssertions() {
    }

    public static ImTestClientAssert assertThat(ImTestClient client) {
        return new ImTestClientAssert(client);
    }
}
