package io.imstarter.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@link StoreServerMain} in a forked JVM of the test's own Java and class path, which a test can kill. */
public final class ForkedStoreServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private ForkedStoreServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server on {@code jdbcUrl} and waits until it listens. */
    public static ForkedStoreServer start(String jdbcUrl) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), StoreServerMain.class.getName(), jdbcUrl))
                .redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not fork the test server", ex);
        }
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(process, ready), "forked-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ForkedStoreServer(process, ready.get(30, TimeUnit.SECONDS));
        }
        catch (Exception ex) {
            process.destroyForcibly();
            throw new IllegalStateException("The forked test server did not start", ex);
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    public int port() {
        return port;
    }

    /** SIGKILL on Linux: no shutdown hook, no graceful close, no flush. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    /** Echoes the child's output and completes {@code ready} with the port it announces. */
    private static void readOutput(Process process, CompletableFuture<Integer> ready) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                System.out.println("[forked server] " + line);
                if (line.startsWith(StoreServerMain.READY)) {
                    ready.complete(Integer.parseInt(line.substring(StoreServerMain.READY.length()).trim()));
                }
            }
        }
        catch (IOException ended) {
            // the process died
        }
        ready.completeExceptionally(new IllegalStateException("The forked server exited before it was ready"));
    }
}
