package io.imstarter.bench.relay;

import io.imstarter.bench.cli.Options;
import java.util.concurrent.CountDownLatch;

/** {@code relay} command: runs the reference relay until the process is stopped. */
public final class RelayMain {

    private RelayMain() {
    }

    public static void run(Options options) throws InterruptedException {
        String host = options.string("host", "127.0.0.1");
        int port = options.integer("port", 9901, 0, 65535);
        RelayServer relay = new RelayServer(options.integer("io-threads", 2, 1, 64),
                options.integer("max-connections", 40_000, 2, 1_000_000), !options.has("nio"));
        options.requireAllUsed();
        int bound = relay.start(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relay.close();
            System.out.println("relay stopped; frames dropped for want of a partner: " + relay.unpairedFrames());
            stopped.countDown();
        }, "im-bench-relay-stop"));
        System.out.println("READY relay tcp=" + bound + " transport=" + (relay.epoll() ? "epoll" : "nio") + " pid="
                + ProcessHandle.current().pid());
        stopped.await();
    }
}
